"""Impact figures from the registry: distinct persons and households that benefited, per practice
(or programme), LGI and fiscal year — never a person.

The figures live in :class:`~registry.models.BeneficiaryAggregate` and are kept up to date by
every write of benefits (imports, the demo, single saves), so a page reads a few small rows
instead of counting millions of benefits. The write path (``prepare``, ``keys_of``,
``refresh_keys``) sits with the benefits, in :mod:`registry.models.benefits`;
``manage.py rebuild_registry_aggregates`` recomputes everything (:func:`rebuild`).

Counts are exact within one practice and LGI. Summed over several practices (by theme, by
area for all practices) a person is counted once per practice; templates show every count with
the ``small_count`` filter, so counts under 5 read "<5".
"""

from django.db import transaction
from django.db.models import Count, Sum

from places.models import Area

from .models import ALL_YEARS, BeneficiaryAggregate, Benefit


@transaction.atomic
def rebuild():
    """Recompute every figure from the benefit rows; returns the number of figure rows."""
    BeneficiaryAggregate.objects.all().delete()
    figures = []
    for group in (("fiscal_year",), ()):
        fields = ("practice_id", "programme_id", "lgi_id", *group)
        for row in (
            Benefit.objects.values(*fields)
            .annotate(
                n_persons=Count("person_id", distinct=True),
                n_households=Count("household_id", distinct=True),
            )
            .order_by()
        ):
            figures.append(
                BeneficiaryAggregate(
                    practice_id=row["practice_id"],
                    programme_id=row["programme_id"],
                    lgi_id=row["lgi_id"],
                    fiscal_year=row.get("fiscal_year", ALL_YEARS),
                    persons=row["n_persons"],
                    households=row["n_households"],
                )
            )
    BeneficiaryAggregate.objects.bulk_create(figures, batch_size=2000)
    return len(figures)


# --- reading ---------------------------------------------------------------------------


def _totals(rows):
    # An LGI has a row per practice: count each union or pourashava once.
    totals = rows.aggregate(
        persons=Sum("persons"), households=Sum("households"), lgis=Count("lgi", distinct=True)
    )
    return {key: value or 0 for key, value in totals.items()}


def _by_fiscal_year(rows):
    return [
        {"fiscal_year": row["fiscal_year"], "persons": row["p"], "households": row["h"]}
        for row in rows.exclude(fiscal_year=ALL_YEARS)
        .values("fiscal_year")
        .annotate(p=Sum("persons"), h=Sum("households"))
        .order_by("fiscal_year")
    ]


def _by_area(rows, level):
    field = "lgi" if level in ("union", "pourashava", "lgi") else f"lgi__{level}"
    grouped = list(
        rows.values(field).annotate(p=Sum("persons"), h=Sum("households")).order_by("-p")
    )
    areas = Area.objects.in_bulk([row[field] for row in grouped if row[field]])
    return [
        {"area": areas[row[field]], "persons": row["p"], "households": row["h"]}
        for row in grouped
        if row[field] in areas
    ]


def beneficiaries_for_practice(practice) -> dict:
    """A practice's beneficiaries from the registry, for its page.

    Returns ``{"persons", "households", "lgis", "by_fiscal_year": [{"fiscal_year", "persons",
    "households"}, …], "by_district": [{"area", "persons", "households"}, …]}``. Persons and
    households are distinct within each LGI over all years; a fiscal year's row counts that
    year only. Show every count with ``small_count``.
    """
    rows = BeneficiaryAggregate.objects.filter(practice=practice)
    all_years = rows.filter(fiscal_year=ALL_YEARS)
    return {
        **_totals(all_years),
        "by_fiscal_year": _by_fiscal_year(rows),
        "by_district": _by_area(all_years, "district"),
    }


def beneficiaries_for_programme(programme) -> dict:
    """The same figures as :func:`beneficiaries_for_practice`, for a social-protection
    programme."""
    rows = BeneficiaryAggregate.objects.filter(programme=programme)
    all_years = rows.filter(fiscal_year=ALL_YEARS)
    return {
        **_totals(all_years),
        "by_fiscal_year": _by_fiscal_year(rows),
        "by_district": _by_area(all_years, "district"),
    }


def _practice_figures(area=None, fiscal_year=None, theme=None, practice=None):
    rows = BeneficiaryAggregate.objects.filter(practice__isnull=False)
    rows = rows.filter(fiscal_year=fiscal_year or ALL_YEARS)
    if practice is not None:
        rows = rows.filter(practice=practice)
    if theme is not None:
        rows = rows.filter(practice__theme=theme)
    if area is not None:
        rows = rows.filter(lgi__in=Area.objects.within(area))
    return rows


def beneficiaries_by_area(level="district", area=None, fiscal_year=None, theme=None):
    """Practice beneficiaries grouped by areas of *level* (division, district, upazila, lgi),
    optionally within *area*, for one fiscal year (default: all years) and one theme.

    Returns ``[{"area", "persons", "households"}, …]``, largest first. A person who benefited
    from two practices counts once for each.
    """
    return _by_area(_practice_figures(area, fiscal_year, theme), level)


def beneficiaries_by_year(area=None, theme=None, practice=None):
    """Practice beneficiaries per fiscal year: ``[{"fiscal_year", "persons", "households"}]``."""
    rows = BeneficiaryAggregate.objects.filter(practice__isnull=False)
    if practice is not None:
        rows = rows.filter(practice=practice)
    if theme is not None:
        rows = rows.filter(practice__theme=theme)
    if area is not None:
        rows = rows.filter(lgi__in=Area.objects.within(area))
    return _by_fiscal_year(rows)


def beneficiaries_by_theme(area=None, fiscal_year=None):
    """Practice beneficiaries per theme: ``[{"theme", "persons", "households"}, …]``."""
    from practices.models import Theme

    grouped = list(
        _practice_figures(area, fiscal_year)
        .values("practice__theme")
        .annotate(p=Sum("persons"), h=Sum("households"))
        .order_by("-p")
    )
    themes = Theme.objects.in_bulk([row["practice__theme"] for row in grouped])
    return [
        {"theme": themes[row["practice__theme"]], "persons": row["p"], "households": row["h"]}
        for row in grouped
        if row["practice__theme"] in themes
    ]


def registry_totals(area=None, fiscal_year=None):
    """Practice beneficiaries in total (persons counted once per practice)."""
    return _totals(_practice_figures(area, fiscal_year))
