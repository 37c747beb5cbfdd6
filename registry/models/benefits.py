"""Benefits (a practice's service or a programme's allowance received by a person), and how
every write of them keeps the beneficiary figures (:mod:`registry.models.figures`) up to date.

The write path of the figures, used by :meth:`Benefit.save` and by imports
(:mod:`registry.writer`):

    pending = prepare(rows)      # lock the figures the rows touch, read who already counted
    ... insert the rows ...
    pending.apply(inserted_rows) # add the persons and households counted for the first time

Deleting or moving benefits recomputes the keys they touched (:func:`refresh_keys`).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from portal.fields import AmountBDTField

from .base import fiscal_year_of
from .figures import ALL_YEARS, BeneficiaryAggregate
from .households import Household, Person
from .programmes import Programme

_CHUNK = 2000


class Benefit(models.Model):
    """A benefit a person received: a practice's service (through the replication that brought
    it to the union) or a social-protection allowance, for a fiscal year, in taka or in kind.

    `household` and `lgi` are the person's at the time, so figures by area stay what they were
    if the person later moves. `fingerprint` identifies the same benefit again on re-import.
    """

    # Every import writes each index of this table once a row, so keys already leading a
    # composite index (person, household, practice, programme; see Meta) have no index of
    # their own.
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="benefits",
        db_index=False,
    )
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="+", editable=False, db_index=False
    )
    lgi = models.ForeignKey(
        "places.Area", on_delete=models.PROTECT, related_name="+", editable=False
    )
    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("practice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registry_benefits",
        db_index=False,
    )
    replication = models.ForeignKey(
        "practices.Replication",
        verbose_name=_("replication"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registry_benefits",
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="benefits",
        db_index=False,
    )
    date = models.DateField(_("date"), null=True, blank=True)
    fiscal_year = models.CharField(_("fiscal year"), max_length=7)
    amount = AmountBDTField(_("amount (BDT)"), null=True, blank=True)
    in_kind = models.CharField(_("in kind"), max_length=200, blank=True)
    fingerprint = models.CharField(max_length=32, editable=False)
    source_import = models.PositiveBigIntegerField(_("import"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")
        ordering = ["-fiscal_year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(practice__isnull=False, programme__isnull=True)
                | Q(practice__isnull=True, programme__isnull=False),
                name="registry_benefit_practice_or_programme",
                violation_error_message=_("A benefit comes from a practice or a programme."),
            ),
            models.CheckConstraint(
                condition=Q(replication__isnull=True) | Q(practice__isnull=False),
                name="registry_benefit_replication_needs_practice",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=False) | ~Q(in_kind=""),
                name="registry_benefit_amount_or_kind",
                violation_error_message=_("Give an amount in taka or what was given in kind."),
            ),
            models.UniqueConstraint(
                fields=["person", "fingerprint"], name="registry_benefit_once_per_person"
            ),
        ]
        indexes = [
            models.Index(fields=["practice", "lgi", "fiscal_year"]),
            models.Index(fields=["programme", "lgi", "fiscal_year"]),
            models.Index(fields=["household", "fiscal_year"]),
        ]

    def __str__(self):
        return f"{self.source_name} {self.fiscal_year}"

    def save(self, *args, **kwargs):
        creating = self._state.adding
        if self.replication_id and not self.practice_id:
            self.practice_id = self.replication.practice_id
        if self.date and not self.fiscal_year:
            self.fiscal_year = fiscal_year_of(self.date)
        self.household_id = self.person.household_id
        self.lgi_id = self.person.lgi_id
        self.fingerprint = benefit_fingerprint(
            self.practice_id,
            self.programme_id,
            self.fiscal_year,
            self.date,
            self.amount,
            self.in_kind,
        )
        if not creating:
            super().save(*args, **kwargs)
            return
        rows = [BenefitRow.of(self)]
        with transaction.atomic(using=kwargs.get("using")):
            pending = prepare(rows)
            super().save(*args, **kwargs)
            pending.apply(rows)

    def delete(self, *args, **kwargs):
        keys = keys_of([self])
        with transaction.atomic(using=kwargs.get("using")):
            result = super().delete(*args, **kwargs)
            refresh_keys(keys)
        return result

    @property
    def source_name(self):
        if self.practice_id:
            return self.practice.title
        return self.programme.name if self.programme_id else ""

    def clean(self):
        if (
            self.replication_id
            and self.practice_id
            and self.replication.practice_id != (self.practice_id)
        ):
            raise ValidationError({"replication": _("This replication is of another practice.")})
        if self.date and self.fiscal_year and fiscal_year_of(self.date) != self.fiscal_year:
            raise ValidationError(
                {
                    "fiscal_year": _("The date falls in fiscal year %(year)s.")
                    % {"year": fiscal_year_of(self.date)}
                }
            )


# A union's list repeats a few sources, years, dates and amounts on row after row.
@lru_cache(maxsize=4096)
def benefit_fingerprint(practice_id, programme_id, fiscal_year, date, amount, in_kind):
    """What makes two benefit rows of one person the same row (for idempotent imports)."""
    parts = [
        str(practice_id or ""),
        str(programme_id or ""),
        fiscal_year or "",
        date.isoformat() if date else "",
        f"{Decimal(str(amount)):.2f}" if amount is not None else "",
        in_kind or "",
    ]
    return hashlib.md5("|".join(parts).encode(), usedforsecurity=False).hexdigest()


# --- keeping the figures up to date ----------------------------------------------------


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
        self.add(self.tally(inserted))

    def tally(self, inserted):
        """How many persons and households of *inserted* rows count for the first time, per
        figure (no database: it may run while the rows are being written)."""
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
        return persons, households

    def add(self, tally):
        """Add a :meth:`tally` to the figures."""
        persons, households = tally
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


def prepare(rows, new_persons=frozenset(), new_households=frozenset()) -> PendingCounts:
    """Lock the figures *rows* count in and read who already counted there.

    Call inside the transaction that inserts the rows, before inserting them. The lock makes
    two imports into the same figures wait for each other instead of both counting a person.
    *new_persons* and *new_households* name those the same transaction has just created, who
    have no benefits yet to read.
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
    for field, target, new in (
        ("person_id", persons, new_persons),
        ("household_id", households, new_households),
    ):
        ids = {getattr(row, field) for row in rows} - new
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
