"""Writing many registry rows at once — households, their members and the benefits they
received — matched on the registry's natural keys, so writing the same rows again changes
nothing. Used by the importer (one batch of a file at a time) and by the demo.

Natural keys: a household is its code within the union; a member is their identity number's
hash within the household, or (without a number) their name key and date of birth there; a
benefit is its fingerprint for that person (source, fiscal year, date, amount, kind).

A missing date of birth never matches: a father and a son of the same name, one of them without
a date of birth, are two people. A row without a date of birth matches only the very record it
wrote before (the same name, sex and relation, with no date of birth and no number on either
side), so writing the same rows again still changes nothing; anything else is a new person,
and the duplicate check flags the two as likely the same person for a reviewer to merge
(:func:`registry.duplicates.detect_same_name`).

Rows are inserted as plain tuples, not model instances (at a million rows Django's per-object
work dominates): on PostgreSQL through COPY with primary keys drawn from the table's sequence
first, on SQLite through one executemany with keys after the current maximum (SQLite has a
single writer, and the import holds it).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from datetime import date as Date

from django.db import connection
from django.utils import timezone

from bangla import name_key

from .identity import encrypter
from .models import (
    ELDERLY_AGE,
    Benefit,
    Household,
    Person,
    Relation,
    Sex,
    benefit_fingerprint,
    fiscal_year_of,
    refresh_household_flags,
    years_ago,
)
from .models.benefits import BenefitRow, prepare

PERSON_FIELDS = ("name_bn", "name_en", "name_key", "sex", "date_of_birth", "relation", "disability")
IDENTITY_FIELDS = ("id_type", "id_hash", "id_ciphertext", "id_last3")
# The columns insert_rows writes, in the order the writer builds each table's rows.
HOUSEHOLD_COLUMNS = (
    "lgi_id", "ward", "village", "code", "head_id", "female_headed", "member_with_disability",
    "elderly_member", "landless", "verified_year", "verified_on", "source_import", "created_at",
    "updated_at",
)  # fmt: skip
_CODE = HOUSEHOLD_COLUMNS.index("code")
_FEMALE_HEADED = HOUSEHOLD_COLUMNS.index("female_headed")
# The household columns its members decide, in this order: head, female-headed, disability,
# elderly.
_FROM_MEMBERS = slice(
    HOUSEHOLD_COLUMNS.index("head_id"), HOUSEHOLD_COLUMNS.index("elderly_member") + 1
)
PERSON_COLUMNS = (
    "household_id", "lgi_id", *PERSON_FIELDS, *IDENTITY_FIELDS, "source_import", "created_at",
    "updated_at",
)  # fmt: skip
BENEFIT_COLUMNS = (
    "person_id", "household_id", "lgi_id", "practice_id", "replication_id", "programme_id",
    "date", "fiscal_year", "amount", "in_kind", "fingerprint", "source_import", "created_at",
)  # fmt: skip
# Rows a writer writes before it first analyses the tables (PostgreSQL): below this a lookup
# that scans a table whole still costs milliseconds.
ANALYSE_FIRST = 50_000


@dataclass(slots=True)
class Record:
    """One row to write: a person of a household, and optionally one benefit they received."""

    household_code: str
    ward: int
    village: str = ""
    landless: bool | None = None
    female_headed: bool | None = None
    name_bn: str = ""
    name_en: str = ""
    sex: str = ""
    date_of_birth: Date | None = None
    relation: str = "other"
    disability: str = ""
    identity: object = None
    practice_id: int | None = None
    replication_id: int | None = None
    programme_id: int | None = None
    fiscal_year: str = ""
    benefit_date: Date | None = None
    amount: object = None
    in_kind: str = ""

    @property
    def has_benefit(self):
        return bool(self.practice_id or self.programme_id)


@dataclass
class Written:
    """What one write did, counted per record."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0


class _Member:
    __slots__ = ("created", "household_id", "id_hash", "pk", "values")

    def __init__(self, pk, household_id, id_hash, values, created=False):
        self.pk = pk
        self.household_id = household_id
        self.id_hash = id_hash
        self.values = values
        self.created = created


class RegistryWriter:
    """Writes records of one union; keep one writer for all batches of a file."""

    def __init__(self, lgi, source_import=None, today=None):
        self.lgi = lgi
        self.source_import = source_import
        self.today = today or timezone.localdate()
        self.households_touched = set()
        # Households this writer created whose members all came in the batch that created
        # them: their flags were written with them (see _household_rows).
        self._flags_written = set()
        self.identity_hashes = set()
        self.rows_written = 0
        self._analysed_at = 0

    # --- households ----------------------------------------------------------------

    def _households(self, records):
        wanted = {}
        for record in records:
            wanted.setdefault(record.household_code, record)
        stored = {
            code: (pk, (ward, village, landless, female_headed))
            for pk, code, ward, village, landless, female_headed in Household.objects.filter(
                lgi=self.lgi, code__any=list(wanted)
            )
            # No ORDER BY: the model's ordering would join the areas and sort every batch.
            .order_by()
            .values_list("pk", "code", "ward", "village", "landless", "female_headed")
        }
        ids, changed_codes, new_rows, changes = {}, set(), [], []
        now = timezone.now()
        stamp, today = _column_value(now), _column_value(self.today)
        for code, record in wanted.items():
            found = stored.get(code)
            if found is None:
                new_rows.append(
                    (
                        self.lgi.pk,
                        record.ward,
                        record.village,
                        code,
                        None,
                        bool(record.female_headed),
                        False,
                        False,
                        bool(record.landless),
                        self.today.year,
                        today,
                        self.source_import,
                        stamp,
                        stamp,
                    )
                )
                continue
            pk, (ward, village, landless, female_headed) = found
            ids[code] = pk
            new = (
                record.ward,
                record.village,
                landless if record.landless is None else record.landless,
                female_headed if record.female_headed is None else record.female_headed,
            )
            if new != (ward, village, landless, female_headed):
                changed_codes.add(code)
                changes.append(
                    Household(
                        pk=pk,
                        ward=new[0],
                        village=new[1],
                        landless=new[2],
                        female_headed=new[3],
                        updated_at=now,
                    )
                )
        # A member met again in a later batch may change the flags written with the household.
        self._flags_written.difference_update(ids.values())
        new_ids = draw_ids(Household, len(new_rows))
        for row, pk in zip(new_rows, new_ids, strict=True):
            ids[row[_CODE]] = pk
        if changes:
            Household.objects.bulk_update(
                changes, ["ward", "village", "landless", "female_headed", "updated_at"], 1000
            )
        self.households_touched.update(ids.values())
        return ids, changed_codes, dict(zip(new_ids, new_rows, strict=True))

    # --- persons -------------------------------------------------------------------

    def _persons(self, records, households, new_households=frozenset()):
        """Match each record to a stored member or create one, and insert the new members;
        returns, per record, its member and what happened to it, with the batch's benefit rows
        (:meth:`_benefit_rows`) and its new households' rows (:meth:`_household_rows`), worked
        out while the members were being inserted."""
        # by_key: members with a date of birth, by name key and date; bare: members with
        # neither a date of birth nor a number, by name key, sex and relation. A household
        # this batch created has no members yet to look up.
        by_key, by_hash, bare = {}, {}, {}
        stored = [pk for pk in households.values() if pk not in new_households]
        for pk, household_id, id_hash, *values in (
            Person.objects.filter(household_id__any=stored)
            .order_by("pk")
            .values_list("pk", "household_id", "id_hash", *PERSON_FIELDS)
            if stored
            else ()
        ):
            member = _Member(pk, household_id, id_hash, tuple(values))
            if values[4] is not None:
                by_key.setdefault((household_id, values[2], values[4]), member)
            elif not id_hash:
                bare.setdefault((household_id, values[2], values[3], values[5]), member)
            if id_hash:
                by_hash[(household_id, id_hash)] = member
        resolved, new_rows, new_members, changed = [], [], [], {}
        now = timezone.now()
        stamp = _column_value(now)
        seal = encrypter()
        for record in records:
            household_id = households[record.household_code]
            number = record.identity
            name = record.name_bn or record.name_en
            key = name_key(name)
            member = by_hash.get((household_id, number.hash)) if number is not None else None
            bare_key = (household_id, key, record.sex, record.relation)
            if member is None and record.date_of_birth is not None:
                candidate = by_key.get((household_id, key, record.date_of_birth))
                if candidate is not None and (
                    number is None or not candidate.id_hash or candidate.id_hash == number.hash
                ):
                    member = candidate
            elif member is None and number is None:
                member = bare.get(bare_key)
            values = (
                name,
                record.name_en,
                key,
                record.sex,
                record.date_of_birth,
                record.relation,
                record.disability,
            )
            if member is None:
                identity = _identity_values(number, seal)
                new_rows.append(
                    (
                        household_id,
                        self.lgi.pk,
                        *values,
                        *identity,
                        self.source_import,
                        stamp,
                        stamp,
                    )
                )
                member = _Member(None, household_id, identity[1], values, created=True)
                new_members.append(member)
                if record.date_of_birth is not None:
                    by_key[(household_id, key, record.date_of_birth)] = member
                elif number is None:
                    bare[bare_key] = member
                if number is not None:
                    by_hash[(household_id, number.hash)] = member
                    self.identity_hashes.add(number.hash)
                resolved.append((member, "created"))
                continue
            if member.created:
                resolved.append((member, "created"))
                continue
            outcome = "unchanged"
            update = {}
            if values != member.values:
                update.update(zip(PERSON_FIELDS, values, strict=True))
                member.values = values
            if number is not None and not member.id_hash:
                update.update(zip(IDENTITY_FIELDS, _identity_values(number, seal), strict=True))
                member.id_hash = number.hash
                by_hash[(household_id, number.hash)] = member
                self.identity_hashes.add(number.hash)
            if update:
                changed.setdefault(member.pk, {}).update(update)
                outcome = "updated"
            resolved.append((member, outcome))
        for member, pk in zip(new_members, draw_ids(Person, len(new_rows)), strict=True):
            member.pk = pk
        # While the database takes in the members, the batch's benefits and its new
        # households' flags are worked out: neither needs more than the members' keys.
        worked_out = {}

        def meanwhile():
            worked_out["benefits"] = self._benefit_rows(records, resolved)
            worked_out["households"] = self._household_rows(new_households, new_members)

        insert_rows(
            Person,
            PERSON_COLUMNS,
            new_rows,
            ids=[member.pk for member in new_members],
            meanwhile=meanwhile,
        )
        if changed:
            people = Person.objects.in_bulk(list(changed))
            for pk, update in changed.items():
                for name, value in update.items():
                    setattr(people[pk], name, value)
                people[pk].updated_at = now
            fields = sorted({name for update in changed.values() for name in update})
            Person.objects.bulk_update(list(people.values()), [*fields, "updated_at"], 1000)
        return resolved, worked_out["benefits"], worked_out["households"]

    def _household_rows(self, new_households, members):
        """The rows of the households this batch created (*new_households*: id → row) with the
        flags their *members* give them, as refresh_household_flags would set them: the head is
        the first member recorded as head, a female head makes the household female-headed, any
        member with a disability or of elderly age sets those flags. The households are
        inserted after their members (the foreign keys are checked at the commit) so that the
        head's id is known, rather than inserted bare and updated once the import is done."""
        flags = {}
        elderly_born_before = years_ago(ELDERLY_AGE, self.today)
        for member in members:
            if member.household_id not in new_households:
                continue
            head, disability, elderly, female_head = flags.get(
                member.household_id, (None, False, False, False)
            )
            _name, _name_en, _key, sex, born, relation, kind = member.values
            if relation == Relation.HEAD:
                head = member.pk if head is None else min(head, member.pk)
                female_head = female_head or sex == Sex.FEMALE
            flags[member.household_id] = (
                head,
                disability or kind != "",
                elderly or (born is not None and born <= elderly_born_before),
                female_head,
            )
        rows = []
        for pk, row in new_households.items():
            head, disability, elderly, female_head = flags.get(pk, (None, False, False, False))
            row = list(row)
            row[_FROM_MEMBERS] = [head, female_head or row[_FEMALE_HEADED], disability, elderly]
            rows.append(row)
        return rows

    def refresh_household_flags(self):
        """Derive the flags of the households this writer touched (see
        :func:`registry.models.refresh_household_flags`), except those written with them.
        Call once the last batch is written."""
        stale = sorted(self.households_touched - self._flags_written)
        for start in range(0, len(stale), 2000):
            refresh_household_flags(
                Household.objects.filter(pk__any=stale[start : start + 2000]), self.today
            )

    # --- benefits ------------------------------------------------------------------

    def _benefit_rows(self, records, resolved):
        """The benefit rows of the batch, the first of each person's fingerprint (without
        looking at what is stored), and the persons the batch created."""
        candidates, new_persons, seen = [], set(), set()
        stamp = _column_value(timezone.now())
        for index, record in enumerate(records):
            if not record.has_benefit:
                continue
            member = resolved[index][0]
            fiscal_year = record.fiscal_year or fiscal_year_of(record.benefit_date)
            fingerprint = benefit_fingerprint(
                record.practice_id,
                record.programme_id,
                fiscal_year,
                record.benefit_date,
                record.amount,
                record.in_kind,
            )
            if resolved[index][1] == "created":
                new_persons.add(member.pk)
            if (member.pk, fingerprint) in seen:
                continue
            seen.add((member.pk, fingerprint))
            row = (
                member.pk,
                member.household_id,
                self.lgi.pk,
                record.practice_id,
                record.replication_id,
                record.programme_id,
                record.benefit_date,
                fiscal_year,
                record.amount,
                record.in_kind,
                fingerprint,
                self.source_import,
                stamp,
            )
            counted = BenefitRow(
                member.pk,
                member.household_id,
                self.lgi.pk,
                record.practice_id,
                record.programme_id,
                fiscal_year,
            )
            candidates.append((index, member.pk, fingerprint, row, counted))
        return candidates, new_persons

    def _benefits(self, worked_out, new_households=frozenset()):
        """Insert the benefit rows of :meth:`_benefit_rows` not yet stored, and count them in
        the figures; returns the indexes of the records whose benefit was new."""
        candidates, new_persons = worked_out
        if not candidates:
            return set()
        # A person this batch created has no benefits yet to look up.
        stored = {candidate[1] for candidate in candidates} - new_persons
        existing = (
            set(
                Benefit.objects.filter(
                    person_id__any=stored,
                    fingerprint__any={candidate[2] for candidate in candidates},
                ).values_list("person_id", "fingerprint")
            )
            if stored
            else ()
        )
        new_rows, counted, created_rows = [], [], set()
        for index, person_id, fingerprint, row, benefit in candidates:
            if (person_id, fingerprint) not in existing:
                created_rows.add(index)
                new_rows.append(row)
                counted.append(benefit)
        pending = prepare(counted, new_persons=new_persons, new_households=new_households)
        # Who counts for the first time is worked out while the database takes in the rows.
        tallies = []
        insert_rows(
            Benefit,
            BENEFIT_COLUMNS,
            new_rows,
            meanwhile=lambda: tallies.append(pending.tally(counted)),
        )
        pending.add(*tallies)
        return created_rows

    # --- the whole batch -----------------------------------------------------------

    def write(self, records):
        """Write a batch of :class:`Record`; returns what happened, per record."""
        records = list(records)
        self._refresh_statistics()
        households, changed_households, new_households = self._households(records)
        resolved, benefits, household_rows = self._persons(records, households, new_households)
        insert_rows(Household, HOUSEHOLD_COLUMNS, household_rows, ids=list(new_households))
        self._flags_written.update(new_households)
        new_benefits = self._benefits(benefits, set(new_households))
        written = Written()
        for index, record in enumerate(records):
            outcome = resolved[index][1]
            if outcome == "created" or index in new_benefits:
                written.created += 1
            elif outcome == "updated" or record.household_code in changed_households:
                written.updated += 1
            else:
                written.unchanged += 1
        self.rows_written += len(records)
        return written

    def _refresh_statistics(self):
        """On PostgreSQL, analyse the registry's tables once this writer has written
        ANALYSE_FIRST rows, then each time it has doubled what it wrote: a large import runs in
        one transaction, and planning its lookups on the statistics of the empty tables it
        started from would scan them whole every batch. Called before a batch's lookups, so
        the last batch is not followed by statistics no lookup uses (autovacuum analyses the
        tables once the import is committed)."""
        due = max(ANALYSE_FIRST, 2 * self._analysed_at)
        if connection.vendor != "postgresql" or self.rows_written < due:
            return
        with connection.cursor() as cursor:
            tables = ", ".join(
                connection.ops.quote_name(model._meta.db_table)
                for model in (Household, Person, Benefit)
            )
            # The lookups need the tables' sizes and rough spreads, not fine histograms: a
            # sample of 3,000 rows, not the default 30,000, for the rest of the transaction
            # (autovacuum analyses the committed tables with the default).
            cursor.execute("SET LOCAL default_statistics_target = 10")
            cursor.execute(f"ANALYZE {tables}")
        self._analysed_at = self.rows_written


def _identity_values(number, seal):
    """The values of IDENTITY_FIELDS for *number* (none: all empty)."""
    if number is None:
        return ("", "", "", "")
    return (number.id_type, number.hash, seal(number.digits), number.last3)


# --- inserting plain rows --------------------------------------------------------------


def _column_value(value):
    """*value* (a date or time the same on every row of a batch) as the database takes it in
    insert_rows: on PostgreSQL as text, formatted once rather than by COPY on every row (a
    timestamp with its time zone cost COPY as much as the rest of a row)."""
    if connection.vendor == "postgresql":
        return value.isoformat()
    return _sqlite_value(value)


def _sqlite_value(value):
    if value is None or type(value) in (int, str):
        return value
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, Date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return str(value)


def draw_ids(model, count):
    """*count* new primary keys for *model*'s table, in ascending order: on PostgreSQL drawn
    from the table's sequence, on SQLite after its current maximum (the import holds SQLite's
    only writer's lock, and nothing else inserts into the table before the rows are)."""
    if not count:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The sequence is named in a subquery, evaluated once: pg_get_serial_sequence() for
            # every key drawn cost more than drawing it.
            cursor.execute(
                "SELECT nextval((SELECT pg_get_serial_sequence(%s, 'id'))::regclass) "
                "FROM generate_series(1, %s)",
                [table, count],
            )
            return [pk for (pk,) in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")
        first = cursor.fetchone()[0] + 1
        return list(range(first, first + count))


def insert_rows(model, columns, rows, ids=None, meanwhile=None):
    """Insert *rows* (tuples of values for *columns*, column attnames) into *model*'s table,
    with the primary keys *ids* (by default drawn by :func:`draw_ids`); returns the keys.

    *meanwhile*, a function that must not use the database, is called once, on PostgreSQL
    when the rows are sent and the server is still taking them in: the server's work and
    the function's overlap instead of following each other."""
    if not rows:
        if meanwhile is not None:
            meanwhile()
        return []
    if ids is None:
        ids = draw_ids(model, len(rows))
    table = model._meta.db_table
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            names = ", ".join(quote(name) for name in ["id", *columns])
            with cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                write = copy.write_row
                for pk, row in zip(ids, rows, strict=True):
                    write((pk, *row))
                if meanwhile is not None:
                    meanwhile()
            return ids
        names = ", ".join(quote(name) for name in ["id", *columns])
        marks = ", ".join(["%s"] * (len(columns) + 1))
        cursor.executemany(
            f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})",
            [
                [pk, *(_sqlite_value(value) for value in row)]
                for pk, row in zip(ids, rows, strict=True)
            ],
        )
    if meanwhile is not None:
        meanwhile()
    return ids
