"""Impact figures from the registry: distinct persons and households that benefited, per practice
(or programme), LGI and fiscal year — never a person.

The figures live in :class:`~registry.models.BeneficiaryAggregate` and are kept up to date by
every write of benefits (imports, the demo, single saves), so a page reads a few small rows
instead of counting millions of benefits. The write path:

    pending = prepare(rows)      # lock the figures the rows touch, read who already counted
    ... insert the rows ...
    pending.apply(inserted_rows) # add the persons and households counted for the first time

Deleting or moving benefits recomputes the keys they touched (:func:`refresh_keys`);
``manage.py rebuild_registry_aggregates`` recomputes everything (:func:`rebuild`).

Counts are exact within one practice and LGI. Summed over several practices (by theme, by
area for all practices) a person is counted once per practice; templates show every count with
the ``small_count`` filter, so counts under 5 read "<5".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, F, Q, Sum

from places.models import Area

from .models import BeneficiaryAggregate, Benefit

ALL_YEARS = ""
_CHUNK = 2000


@dataclass(frozen=True, slots=True)
class BenefitRow:
    """What the figures need to know of one benefit."""

    person_id: int
    household_id: int
    lgi_id: int
    practice_id: int | None
    programme_id: int | None
    fiscal_year: str

    @classmethod
    def of(cls, benefit):
        return cls(
            benefit.person_id,
            benefit.household_id,
            benefit.lgi_id,
            benefit.practice_id,
            benefit.programme_id,
            benefit.fiscal_year,
        )


def _keys(row):
    return [
        (row.practice_id, row.programme_id, row.lgi_id, row.fiscal_year),
        (row.practice_id, row.programme_id, row.lgi_id, ALL_YEARS),
    ]


def keys_of(benefits):
    """The figure keys (practice, programme, LGI, fiscal year) that some benefits count in."""
    keys = set()
    for benefit in benefits:
        row = benefit if isinstance(benefit, BenefitRow) else BenefitRow.of(benefit)
        keys.update(_keys(row))
    return keys


def _chunks(values, size=_CHUNK):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _key_filter(keys):
    condition = Q()
    for practice_id, programme_id, lgi_id, fiscal_year in keys:
        condition |= Q(
            practice_id=practice_id,
            programme_id=programme_id,
            lgi_id=lgi_id,
            fiscal_year=fiscal_year,
        )
    return condition


def _ensure_rows(keys):
    BeneficiaryAggregate.objects.bulk_create(
        [
            BeneficiaryAggregate(
                practice_id=practice_id,
                programme_id=programme_id,
                lgi_id=lgi_id,
                fiscal_year=fiscal_year,
            )
            for practice_id, programme_id, lgi_id, fiscal_year in keys
        ],
        ignore_conflicts=True,
    )


class PendingCounts:
    """Who already counted in the figures a batch of benefits touches (see the module doc)."""

    def __init__(self, persons, households):
        self.persons = persons
        self.households = households

    def apply(self, inserted):
        """Add the persons and households of *inserted* rows that count for the first time."""
        persons = Counter()
        households = Counter()
        for row in inserted:
            for key in _keys(row):
                person_key = (row.person_id, *key)
                if person_key not in self.persons:
                    self.persons.add(person_key)
                    persons[key] += 1
                household_key = (row.household_id, *key)
                if household_key not in self.households:
                    self.households.add(household_key)
                    households[key] += 1
        for key in persons.keys() | households.keys():
            practice_id, programme_id, lgi_id, fiscal_year = key
            BeneficiaryAggregate.objects.filter(
                practice_id=practice_id,
                programme_id=programme_id,
                lgi_id=lgi_id,
                fiscal_year=fiscal_year,
            ).update(
                persons=F("persons") + persons[key], households=F("households") + households[key]
            )


def prepare(rows) -> PendingCounts:
    """Lock the figures *rows* count in and read who already counted there.

    Call inside the transaction that inserts the rows, before inserting them. The lock makes
    two imports into the same figures wait for each other instead of both counting a person.
    """
    rows = list(rows)
    keys = set()
    for row in rows:
        keys.update(_keys(row))
    if not keys:
        return PendingCounts(set(), set())
    _ensure_rows(keys)
    for chunk in _chunks(sorted(keys, key=lambda key: tuple(str(part) for part in key)), 200):
        list(
            BeneficiaryAggregate.objects.select_for_update()
            .filter(_key_filter(chunk))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    practices = {row.practice_id for row in rows if row.practice_id}
    programmes = {row.programme_id for row in rows if row.programme_id}
    source = Q(practice_id__in=practices) | Q(programme_id__in=programmes)
    persons = set()
    households = set()
    for field, target in (("person_id", persons), ("household_id", households)):
        ids = {getattr(row, field) for row in rows}
        for chunk in _chunks(ids):
            for owner, practice_id, programme_id, lgi_id, fiscal_year in (
                Benefit.objects.filter(source, **{f"{field}__any": chunk})
                .values_list(field, "practice_id", "programme_id", "lgi_id", "fiscal_year")
                .distinct()
            ):
                target.add((owner, practice_id, programme_id, lgi_id, fiscal_year))
                target.add((owner, practice_id, programme_id, lgi_id, ALL_YEARS))
    return PendingCounts(persons, households)


def _count(keys):
    for practice_id, programme_id, lgi_id, fiscal_year in keys:
        benefits = Benefit.objects.filter(
            practice_id=practice_id, programme_id=programme_id, lgi_id=lgi_id
        )
        if fiscal_year != ALL_YEARS:
            benefits = benefits.filter(fiscal_year=fiscal_year)
        yield (
            (practice_id, programme_id, lgi_id, fiscal_year),
            benefits.aggregate(
                persons=Count("person_id", distinct=True),
                households=Count("household_id", distinct=True),
            ),
        )


@transaction.atomic
def refresh_keys(keys):
    """Recount the given figure keys from the benefit rows (after deletes, merges, moves)."""
    keys = set(keys)
    if not keys:
        return
    _ensure_rows(keys)
    for (practice_id, programme_id, lgi_id, fiscal_year), counts in _count(keys):
        BeneficiaryAggregate.objects.filter(
            practice_id=practice_id,
            programme_id=programme_id,
            lgi_id=lgi_id,
            fiscal_year=fiscal_year,
        ).update(**counts)
    BeneficiaryAggregate.objects.filter(_key_filter(keys), persons=0, households=0).delete()


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
    totals = rows.aggregate(persons=Sum("persons"), households=Sum("households"), lgis=Count("lgi"))
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
