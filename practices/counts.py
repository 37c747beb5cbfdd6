"""The figures a practice page carries in its own columns, recomputed from their source rows.

- replication count: distinct LGIs with a completed replication (one replication per practice and
  LGI, so completed rows); ongoing replications are counted beside it;
- best practice: a replication count at or above the portal's threshold (PortalSettings), since
  the day the threshold-th LGI completed its replication (its end date; when that is unknown,
  the day the replication was last recorded);
- budget allocated and spent: the effective budget lines (see `practices.budget`).

Recomputing is idempotent: it writes only the practices whose figures changed, and tells the
rest of the portal which ones through the `figures_changed` signal.
"""

from collections import defaultdict

from django.db import transaction
from django.db.models import Count, Q
from django.dispatch import Signal
from django.utils import timezone

from portal.models import PortalSettings

from . import budget
from .models import PracticePage, Replication, ReplicationStatus

# Sent with `practice_ids` (a list) after figures were written; search re-indexes from it.
figures_changed = Signal()

FIELDS = (
    "replication_count",
    "ongoing_count",
    "is_best_practice",
    "best_practice_since",
    "budget_allocated",
    "budget_spent",
)


def _day(replication):
    if replication["end_date"]:
        return replication["end_date"]
    stamp = replication["verified_at"] or replication["updated_at"]
    return timezone.localdate(stamp)


def _crossing_days(practice_ids, threshold):
    """{practice id: the day its threshold-th completed replication ended}."""
    days = defaultdict(list)
    completed = Replication.objects.filter(
        practice_id__in=practice_ids, status=ReplicationStatus.COMPLETED
    ).values("practice_id", "end_date", "verified_at", "updated_at")
    for row in completed.iterator(chunk_size=5000):
        days[row["practice_id"]].append(_day(row))
    return {pk: sorted(found)[threshold - 1] for pk, found in days.items()}


def compute(practice_ids=None, threshold=None):
    """{practice id: {field: value}} computed from replications and budget lines."""
    threshold = threshold or PortalSettings.load().best_practice_threshold
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
    ids = list(practices.values_list("pk", flat=True))
    best = [pk for pk in ids if counts.get(pk, {}).get("completed", 0) >= threshold]
    crossed = _crossing_days(best, threshold) if best else {}
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
        }
    return figures


def recompute(practice_ids=None, threshold=None, notify=True):
    """Write the figures of these practices (every practice when None); returns the ids changed.

    `notify=False` is for bulk loads that are followed by a full rebuild of whatever listens.
    """
    with transaction.atomic():
        figures = compute(practice_ids, threshold)
        current = PracticePage.objects.filter(pk__in=list(figures)).values("pk", *FIELDS)
        changed = []
        for row in current:
            pk = row.pop("pk")
            if row != figures[pk]:
                PracticePage.objects.filter(pk=pk).update(**figures[pk])
                changed.append(pk)
    if changed and notify:
        figures_changed.send(sender=PracticePage, practice_ids=changed)
    return changed
