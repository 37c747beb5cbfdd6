"""The dashboard's own aggregates: replications and effective budget lines of live practices,
summed per practice × upazila × fiscal year (× source of funds), in `PracticeFigure`; one
`LgiReach` row per completed replication; and the registry's beneficiary figures per practice ×
LGI × fiscal year, in `BeneficiaryFigure` (read through `dashboards.cube`, which protects them).

They are recomputed per practice after every change of its replications, budget lines, page or
(single) benefit (`dashboards.signals` → `dashboards.tasks`), and in full by
`manage.py rebuild_dashboard_figures`, the nightly beat task and the demo loader. Registry
imports write benefits in bulk, without signals: a beat task every few minutes compares the
registry's totals with the ones last copied (`registry_changed`) and copies them again when they
differ. A recompute replaces the practice's rows in one transaction, so a page never reads half
of them.
"""

from decimal import Decimal

from django.apps import apps
from django.db import transaction
from django.db.models import Count, Sum

from practices import fiscal
from practices.budget import effective_lines
from practices.models import BudgetAllocation, PracticePage, Replication, ReplicationStatus

from . import versions
from .models import BeneficiaryFigure, DataVersion, LgiReach, PracticeFigure

_CHUNK = 500
ZERO = Decimal("0.00")
COUNTED_STATUSES = (ReplicationStatus.COMPLETED, ReplicationStatus.ONGOING)


def replication_year(fiscal_year, end_date, start_date):
    """The fiscal year a replication counts in: the one recorded, else that of its end date,
    else that of its start date; "" when none is known."""
    if fiscal_year:
        return fiscal_year
    day = end_date or start_date
    return str(fiscal.of_date(day)) if day else ""


def beneficiary_model():
    """The registry's aggregate table, or None where the registry is not installed."""
    if not apps.is_installed("registry"):
        return None
    try:
        return apps.get_model("registry", "BeneficiaryAggregate")
    except LookupError:
        return None


def _chunks(ids):
    ids = list(ids)
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def _new_figure(practice_id, theme_id, lgi, fiscal_year, source):
    return PracticeFigure(
        practice_id=practice_id,
        theme_id=theme_id,
        upazila_id=lgi["lgi__upazila_id"],
        district_id=lgi["lgi__district_id"],
        division_id=lgi["lgi__division_id"],
        fiscal_year=fiscal_year,
        source=source,
        allocated=ZERO,
        spent=ZERO,
    )


def compute(practice_ids):
    """The figure rows and reach rows of these (live) practices, built from their source rows."""
    themes = dict(
        PracticePage.objects.live().filter(pk__in=practice_ids).values_list("pk", "theme_id")
    )
    figures = {}
    reach = []
    area_fields = ("lgi__upazila_id", "lgi__district_id", "lgi__division_id")

    def figure(row, fiscal_year, source):
        key = (row["practice_id"], row["lgi__upazila_id"], fiscal_year, source)
        if key not in figures:
            figures[key] = _new_figure(
                row["practice_id"], themes[row["practice_id"]], row, fiscal_year, source
            )
        return figures[key]

    replications = Replication.objects.filter(
        practice_id__in=list(themes), status__in=COUNTED_STATUSES
    ).values(
        "practice_id",
        "lgi_id",
        "status",
        "fiscal_year",
        "end_date",
        "start_date",
        "households_reached",
        *area_fields,
    )
    for row in replications.iterator(chunk_size=5000):
        year = replication_year(row["fiscal_year"], row["end_date"], row["start_date"])
        target = figure(row, year, "")
        target.households_reported += row["households_reached"] or 0
        if row["status"] == ReplicationStatus.COMPLETED:
            target.completed += 1
            reach.append(
                LgiReach(
                    lgi_id=row["lgi_id"],
                    practice_id=row["practice_id"],
                    theme_id=themes[row["practice_id"]],
                    upazila_id=row["lgi__upazila_id"],
                    district_id=row["lgi__district_id"],
                    division_id=row["lgi__division_id"],
                    fiscal_year=year,
                )
            )
        else:
            target.ongoing += 1
    lines = effective_lines(BudgetAllocation.objects.filter(practice_id__in=list(themes))).values(
        "practice_id", "fiscal_year", "source", "allocated", "spent", *area_fields
    )
    for row in lines.iterator(chunk_size=5000):
        target = figure(row, row["fiscal_year"], row["source"])
        target.allocated += row["allocated"]
        target.spent += row["spent"]
    return list(figures.values()), reach


def compute_beneficiaries(practice_ids):
    """The beneficiary rows of these practices (those that are live), from the registry's
    figures of their LGIs."""
    model = beneficiary_model()
    if model is None:
        return []
    rows = (
        model.objects.filter(practice_id__in=list(practice_ids), practice__live=True)
        .values(
            "practice_id",
            "practice__theme_id",
            "lgi_id",
            "lgi__upazila_id",
            "lgi__district_id",
            "lgi__division_id",
            "fiscal_year",
        )
        .annotate(persons_sum=Sum("persons"), households_sum=Sum("households"))
        .order_by()
    )
    return [
        BeneficiaryFigure(
            practice_id=row["practice_id"],
            theme_id=row["practice__theme_id"],
            lgi_id=row["lgi_id"],
            upazila_id=row["lgi__upazila_id"],
            district_id=row["lgi__district_id"],
            division_id=row["lgi__division_id"],
            fiscal_year=row["fiscal_year"],
            persons=row["persons_sum"] or 0,
            households=row["households_sum"] or 0,
        )
        for row in rows.iterator(chunk_size=5000)
    ]


def registry_stamp():
    """The registry's practice figures in three numbers: a change of any benefit changes them."""
    model = beneficiary_model()
    if model is None:
        return ""
    totals = model.objects.filter(practice__isnull=False).aggregate(
        rows=Count("pk"), persons=Sum("persons"), households=Sum("households")
    )
    return f"{totals['rows']}:{totals['persons'] or 0}:{totals['households'] or 0}"


def registry_changed():
    """Copy the registry's figures again if they changed since the last copy; returns whether
    they had."""
    stamp = registry_stamp()
    stored = DataVersion.objects.filter(pk=versions.PK).values_list("registry_stamp", flat=True)
    if stored.first() == stamp:
        return False
    with transaction.atomic():
        BeneficiaryFigure.objects.all().delete()
        ids = PracticePage.objects.live().values_list("pk", flat=True)
        for chunk in _chunks(ids):
            BeneficiaryFigure.objects.bulk_create(compute_beneficiaries(chunk), batch_size=1000)
        _remember(stamp)
    return True


def _remember(stamp):
    versions.bump()
    DataVersion.objects.filter(pk=versions.PK).update(registry_stamp=stamp)


def refresh(practice_ids=None):
    """Recompute the rows of these practices (of every practice when None); returns the number
    of figure rows written."""
    if practice_ids is None:
        with transaction.atomic():
            for model in (PracticeFigure, LgiReach, BeneficiaryFigure):
                model.objects.all().delete()
            ids = PracticePage.objects.live().values_list("pk", flat=True)
            written = _write(ids)
            _remember(registry_stamp())
    else:
        practice_ids = sorted(set(practice_ids))
        with transaction.atomic():
            written = 0
            for chunk in _chunks(practice_ids):
                for model in (PracticeFigure, LgiReach, BeneficiaryFigure):
                    model.objects.filter(practice_id__in=chunk).delete()
                written += _write(chunk)
            versions.bump()
    return written


def _write(practice_ids):
    written = 0
    for chunk in _chunks(practice_ids):
        figures, reach = compute(chunk)
        PracticeFigure.objects.bulk_create(figures, batch_size=1000)
        LgiReach.objects.bulk_create(reach, batch_size=1000)
        BeneficiaryFigure.objects.bulk_create(compute_beneficiaries(chunk), batch_size=1000)
        written += len(figures)
    return written
