"""The figures a practice page carries in its own columns, recomputed from their source rows.

- replication count: distinct LGIs with a completed replication (one replication per practice and
  LGI, so completed rows); ongoing replications are counted beside it;
- best practice: a replication count at or above the portal's threshold (PortalSettings), since
  the day the threshold-th LGI completed its replication (its end date; when that is unknown,
  the day the replication was last recorded). When NILG ticks
  `best_practice_excludes_stopped`, a completed replication whose latest re-check (three years
  before one year) found it stopped is not counted;
- sustainability: of the completed replications, how many were re-checked one and three years
  after they ended, and how many of those were still running or partly running;
- budget allocated and spent: the effective budget lines (see `practices.budget`).

Recomputing is idempotent: it writes only the practices whose figures changed, and tells the
rest of the portal which ones through the `figures_changed` signal. Each time a practice becomes
a best practice or stops being one, a dated `BestPracticeChange` keeps the counts behind it.
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import Count, Q
from django.dispatch import Signal
from django.utils import timezone

from portal.models import PortalSettings

from . import budget
from .models import (
    SUSTAINABILITY_FIELDS,
    BestPracticeChange,
    PracticePage,
    Recheck,
    RecheckOutcome,
    Replication,
    ReplicationStatus,
)

# Sent with `practice_ids` (a list) after figures were written; search re-indexes from it.
figures_changed = Signal()

FIELDS = (
    "replication_count",
    "ongoing_count",
    "is_best_practice",
    "best_practice_since",
    "budget_allocated",
    "budget_spent",
    *SUSTAINABILITY_FIELDS,
)


def _day(replication):
    if replication["end_date"]:
        return replication["end_date"]
    stamp = replication["verified_at"] or replication["updated_at"]
    return timezone.localdate(stamp)


def _crossing_days(practice_ids, threshold, not_counted=frozenset()):
    """{practice id: the day its threshold-th counted completed replication ended}."""
    days = defaultdict(list)
    completed = Replication.objects.filter(
        practice_id__in=practice_ids, status=ReplicationStatus.COMPLETED
    ).values("pk", "practice_id", "end_date", "verified_at", "updated_at")
    for row in completed.iterator(chunk_size=5000):
        if row["pk"] not in not_counted:
            days[row["practice_id"]].append(_day(row))
    return {pk: sorted(found)[threshold - 1] for pk, found in days.items()}


def _rechecks(practice_ids):
    """({practice id: sustainability figures}, {practice id: ids of its completed replications
    whose latest re-check found them stopped}), from the re-checks of completed replications."""
    rows = Recheck.objects.filter(replication__status=ReplicationStatus.COMPLETED)
    if practice_ids is not None:
        rows = rows.filter(replication__practice_id__in=practice_ids)
    rows = rows.values_list(
        "replication_id", "replication__practice_id", "milestone", "outcome"
    ).order_by("replication_id", "milestone")
    figures = defaultdict(lambda: dict.fromkeys(SUSTAINABILITY_FIELDS, 0))
    latest = {}
    for replication_id, practice_id, milestone, outcome in rows.iterator(chunk_size=5000):
        practice = figures[practice_id]
        practice[f"checked_{milestone}y"] += 1
        if outcome == RecheckOutcome.RUNNING:
            practice[f"running_{milestone}y"] += 1
        elif outcome == RecheckOutcome.PARTLY:
            practice[f"partly_{milestone}y"] += 1
        latest[replication_id] = (practice_id, outcome)  # the later milestone comes last
    stopped = defaultdict(set)
    for replication_id, (practice_id, outcome) in latest.items():
        if outcome == RecheckOutcome.STOPPED:
            stopped[practice_id].add(replication_id)
    return figures, stopped


def _compute(practice_ids, threshold, excludes_stopped):
    """(figures as `compute` gives them, {practice id: (completed, stopped, counted)})."""
    practices = PracticePage.objects.all()
    replications = Replication.objects.all()
    lines = None
    if practice_ids is not None:
        practice_ids = list(practice_ids)
        practices = practices.filter(pk__in=practice_ids)
        replications = replications.filter(practice_id__in=practice_ids)
        lines = budget.BudgetAllocation.objects.filter(practice_id__in=practice_ids)
    counts = {
        row["practice_id"]: row
        for row in replications.values("practice_id")
        .annotate(
            completed=Count("pk", filter=Q(status=ReplicationStatus.COMPLETED)),
            ongoing=Count("pk", filter=Q(status=ReplicationStatus.ONGOING)),
        )
        .order_by()
    }
    money = budget.by_practice(lines)
    sustainability, stopped = _rechecks(practice_ids)
    ids = list(practices.values_list("pk", flat=True))
    basis = {}
    for pk in ids:
        completed = counts.get(pk, {}).get("completed", 0)
        found_stopped = len(stopped.get(pk, ()))
        counted = completed - found_stopped if excludes_stopped else completed
        basis[pk] = (completed, found_stopped, counted)
    best = [pk for pk in ids if basis[pk][2] >= threshold]
    not_counted = (
        frozenset().union(*(stopped[pk] for pk in best if pk in stopped))
        if excludes_stopped
        else frozenset()
    )
    crossed = _crossing_days(best, threshold, not_counted) if best else {}
    figures = {}
    for pk in ids:
        row = counts.get(pk, {})
        allocated, spent = money.get(pk, (budget.ZERO, budget.ZERO))
        figures[pk] = {
            "replication_count": row.get("completed", 0),
            "ongoing_count": row.get("ongoing", 0),
            "is_best_practice": pk in crossed,
            "best_practice_since": crossed.get(pk),
            "budget_allocated": allocated,
            "budget_spent": spent,
            **(
                sustainability[pk]
                if pk in sustainability
                else dict.fromkeys(SUSTAINABILITY_FIELDS, 0)
            ),
        }
    return figures, basis


def _rule(threshold, excludes_stopped):
    if threshold is None or excludes_stopped is None:
        settings = PortalSettings.load()
        threshold = threshold or settings.best_practice_threshold
        if excludes_stopped is None:
            excludes_stopped = settings.best_practice_excludes_stopped
    return threshold, excludes_stopped


def compute(practice_ids=None, threshold=None, excludes_stopped=None):
    """{practice id: {field: value}} computed from replications, re-checks and budget lines."""
    threshold, excludes_stopped = _rule(threshold, excludes_stopped)
    return _compute(practice_ids, threshold, excludes_stopped)[0]


def _record_status_changes(practice_ids, figures, basis, threshold, excludes_stopped):
    """A dated history entry for each practice that became, or stopped being, a best practice.
    A practice's first entry as a best practice is dated the day it crossed the threshold;
    any later change, the day it was noticed."""
    today = timezone.localdate()
    seen = set(
        BestPracticeChange.objects.filter(practice_id__in=practice_ids).values_list(
            "practice_id", flat=True
        )
    )
    entries = []
    for pk in practice_ids:
        completed, stopped, counted = basis[pk]
        since = figures[pk]["best_practice_since"]
        date = today
        if figures[pk]["is_best_practice"] and pk not in seen and since is not None:
            date = min(since, today)
        entries.append(
            BestPracticeChange(
                practice_id=pk,
                date=date,
                is_best_practice=figures[pk]["is_best_practice"],
                completed=completed,
                stopped=stopped,
                counted=counted,
                threshold=threshold,
                excludes_stopped=excludes_stopped,
            )
        )
    BestPracticeChange.objects.bulk_create(entries, batch_size=1000)


def recompute(practice_ids=None, threshold=None, notify=True, excludes_stopped=None):
    """Write the figures of these practices (every practice when None); returns the ids changed.

    `notify=False` is for bulk loads that are followed by a full rebuild of whatever listens.
    """
    with transaction.atomic():
        threshold, excludes_stopped = _rule(threshold, excludes_stopped)
        figures, basis = _compute(practice_ids, threshold, excludes_stopped)
        current = PracticePage.objects.filter(pk__in=list(figures)).values("pk", *FIELDS)
        changed, turned = [], []
        for row in current:
            pk = row.pop("pk")
            if row != figures[pk]:
                PracticePage.objects.filter(pk=pk).update(**figures[pk])
                changed.append(pk)
                if row["is_best_practice"] != figures[pk]["is_best_practice"]:
                    turned.append(pk)
        if turned:
            _record_status_changes(turned, figures, basis, threshold, excludes_stopped)
    if changed and notify:
        figures_changed.send(sender=PracticePage, practice_ids=changed)
    return changed
