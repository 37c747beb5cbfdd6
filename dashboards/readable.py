"""The public tables as a person reads them: the columns of the /data/ pages and of the CSV and
Excel downloads, headed in the page's language, with the name of every practice and area beside
its code, choices by their labels and yes/no for booleans.

The API publishes the codes alone (`api.serializers`); each column here reads one field of a row
as the API gives it, or the name that goes with one. The big tables (replications, budget lines,
areas) are read straight from `values()` into the API's shape, which is many times quicker than
a serializer per row; `tests/dashboards/test_exports.py` holds the two to the same rows.
"""

from dataclasses import dataclass
from functools import cached_property

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from places.models import Area, Level
from practices.models import (
    BudgetVersion,
    CircularPage,
    CircularState,
    CircularStatus,
    FundSource,
    PracticePage,
    ReplicationStatus,
    Theme,
)
from practices.models.practice import HowIdentified

from .aggregates import replication_year
from .presentation import is_bangla

CHUNK = 2000

# Kinds of column, and how each is written: ids, keys and years as they are; integers and
# amounts as numbers; booleans as yes/no; choices by their labels; lists joined with ";".
ID, KEY, TEXT, YEAR, INTEGER, AMOUNT, BOOLEAN, DATE, DATETIME, LIST = (
    "id",
    "key",
    "text",
    "year",
    "integer",
    "amount",
    "boolean",
    "date",
    "datetime",
    "list",
)

LABELS = {
    "id": _("ID"),
    "slug": _("Slug"),
    "url": _("Address"),
    "title": _("Title (Bangla)"),
    "title_en": _("Title (English)"),
    "summary_bn": _("Summary (Bangla)"),
    "summary_en": _("Summary (English)"),
    "theme": _("Theme code"),
    "theme_name": _("Theme"),
    "lgi": _("LGI key"),
    "lgi_name": _("Union or pourashava"),
    "upazila": _("Upazila key"),
    "upazila_name": _("Upazila"),
    "district": _("District key"),
    "district_name": _("District"),
    "division": _("Division key"),
    "division_name": _("Division"),
    "parent": _("Parent area key"),
    "parent_name": _("Parent area"),
    "area": _("Area key"),
    "area_name": _("Area"),
    "year_identified": _("Year identified"),
    "how_identified": _("How identified"),
    "replication_count": _("Completed replications"),
    "ongoing_count": _("Ongoing replications"),
    "is_best_practice": _("Best practice"),
    "best_practice_since": _("Best practice since"),
    "budget_allocated": _("Budget allocated (BDT)"),
    "budget_spent": _("Budget spent (BDT)"),
    "circular_status": _("Circular status"),
    "checked_1y": _("Re-checked after 1 year"),
    "running_1y": _("Running after 1 year"),
    "partly_1y": _("Partly running after 1 year"),
    "checked_3y": _("Re-checked after 3 years"),
    "running_3y": _("Running after 3 years"),
    "partly_3y": _("Partly running after 3 years"),
    "is_demo": _("Demo content"),
    "first_published_at": _("First published"),
    "last_published_at": _("Last published"),
    "practice": _("Practice ID"),
    "practice_title": _("Practice"),
    "status": _("Status"),
    "start_date": _("Start date"),
    "end_date": _("End date"),
    "fiscal_year": _("Fiscal year"),
    "counted_fiscal_year": _("Counted in fiscal year"),
    "households_reached": _("Households reached"),
    "verified": _("Verified by NILG"),
    "source": _("Source of funds"),
    "version": _("Budget"),
    "allocated": _("Allocated (BDT)"),
    "spent": _("Spent (BDT)"),
    "effective": _("Counts in totals"),
    "memo_number": _("Memo number"),
    "date_issued": _("Date issued"),
    "issuing_authority": _("Issuing authority"),
    "state": _("Status"),
    "supersedes": _("Replaces circular ID"),
    "supersedes_title": _("Replaces circular"),
    "practices": _("Practice IDs"),
    "practices_titles": _("Practices"),
    "document_url": _("Document address"),
    "from_status": _("Status before"),
    "to_status": _("Status after"),
    "date": _("Date"),
    "cause": _("Cause ID"),
    "cause_title": _("Caused by"),
    "key": _("Key"),
    "code": _("P-code"),
    "level": _("Level"),
    "name_bn": _("Name (Bangla)"),
    "name_en": _("Name (English)"),
    "area_name_bn": _("Area (Bangla)"),
    "area_name_en": _("Area (English)"),
    "completed_replications": _("Completed replications"),
    "ongoing_replications": _("Ongoing replications"),
    "households_reported": _("Households reported"),
    "beneficiaries": _("Beneficiaries (persons)"),
    "beneficiary_households": _("Beneficiary households"),
    "kind": _("Kind"),
    "starts_at": _("Starts"),
    "ends_at": _("Ends"),
    "venue": _("Venue"),
    "organiser": _("Organiser"),
    "chair_post": _("Chair's post"),
    "participants_total": _("Participants"),
    "up_chairs": _("UP chairs"),
    "secretaries": _("Secretaries"),
    "women_members": _("Women members"),
    "officials": _("Government officials"),
    "partners": _("Development partners"),
    "others": _("Others"),
    "practices_presented": _("Practice IDs presented"),
    "practices_presented_titles": _("Practices presented"),
    "workshop": _("Workshop ID"),
    "workshop_title": _("Workshop"),
    "letter": _("Number"),
    "text_bn": _("Decision (Bangla)"),
    "text_en": _("Decision (English)"),
    "responsible_bodies": _("Responsible bodies"),
    "due_date": _("Due date"),
    "status_changed_on": _("Status changed on"),
}

NAME_MEANINGS = {
    "practice": _("Title of the practice, in the language of the download."),
    "area": _("Name of the area, in the language of the download."),
    "theme": _("Name of the theme, in the language of the download."),
    "page": _("Title of the page, in the language of the download."),
}


@dataclass(frozen=True)
class Column:
    """One column: `name` stays the same in every language (the API's field, or the field and
    `_name`/`_title` for the name beside a code); `label` heads it in the page's language."""

    name: str
    kind: str
    read: object  # (record, names) -> value
    meaning: str = ""
    unit: str = ""
    source: str = ""

    @property
    def label(self):
        return LABELS.get(self.name, self.name)


class Names:
    """The names behind the codes of the tables, in the active language; each list is read once
    per download."""

    def __init__(self):
        self.english = not is_bangla()

    def pick(self, bangla, english):
        return (english or bangla) if self.english else bangla

    @cached_property
    def areas(self):
        return {
            key: self.pick(bn, en)
            for key, bn, en in Area.objects.values_list("key", "name_bn", "name_en")
        }

    @cached_property
    def practices(self):
        return {
            pk: self.pick(title, title_en)
            for pk, title, title_en in PracticePage.objects.values_list("pk", "title", "title_en")
        }

    @cached_property
    def themes(self):
        return {
            slug: self.pick(bn, en)
            for slug, bn, en in Theme.objects.values_list("slug", "name_bn", "name_en")
        }

    @cached_property
    def pages(self):
        titles = {
            pk: self.pick(title, title_en)
            for pk, title, title_en in CircularPage.objects.values_list("pk", "title", "title_en")
        }
        if apps.is_installed("workshops"):
            from workshops.models import WorkshopPage

            rows = WorkshopPage.objects.values_list("pk", "title", "title_en")
            titles.update({pk: self.pick(title, title_en) for pk, title, title_en in rows})
        return titles

    def area(self, key):
        return self.areas.get(key) if key else None

    def practice(self, pk):
        return self.practices.get(pk) if pk is not None else None

    def page(self, pk):
        return self.pages.get(pk) if pk is not None else None


# How a field of the API is read into the columns: plain (its own kind), a code with its name
# beside it, or a choice by its label.
AREA, PRACTICE, PRACTICES, THEME, PAGE = "area", "practice", "practices", "theme", "page"

CHOICES = {
    "how_identified": HowIdentified.choices,
    "circular_status": CircularStatus.choices,
    "from_status": CircularStatus.choices,
    "to_status": CircularStatus.choices,
    "source": FundSource.choices,
    "version": BudgetVersion.choices,
    "state": CircularState.choices,
    "level": Level.choices,
}

SPECIAL = {
    "practices": {"theme": THEME, "lgi": AREA, "district": AREA, "division": AREA},
    "replications": {
        "practice": PRACTICE,
        "lgi": AREA,
        "upazila": AREA,
        "district": AREA,
        "division": AREA,
        "status": ReplicationStatus.choices,
    },
    "budget-allocations": {
        "practice": PRACTICE,
        "lgi": AREA,
        "upazila": AREA,
        "district": AREA,
        "division": AREA,
    },
    "circulars": {"supersedes": PAGE, "practices": PRACTICES},
    "circular-status-changes": {"practice": PRACTICE, "cause": PAGE},
    "areas": {"parent": AREA, "division": AREA, "district": AREA, "upazila": AREA},
    "workshops": {"area": AREA, "practices_presented": PRACTICES},
    "decisions": {"workshop": PAGE, "practice": PRACTICE},
}


def _special(slug):
    special = SPECIAL.get(slug, {})
    if slug in ("workshops", "decisions"):
        from workshops.models import DecisionStatus, WorkshopKind

        special = {**special, "kind": WorkshopKind.choices, "status": DecisionStatus.choices}
    return special


IDENTIFIERS = {"id", "practice", "supersedes", "cause", "workshop"}
YEARS = {"year_identified", "fiscal_year", "counted_fiscal_year"}
NAME_SUFFIX = {
    AREA: "_name",
    THEME: "_name",
    PRACTICE: "_title",
    PAGE: "_title",
    PRACTICES: "_titles",
}


def _kind(name, api_kind):
    if name in IDENTIFIERS:
        return ID
    if name in YEARS:
        return YEAR
    return {
        "integer": INTEGER,
        "number": AMOUNT,
        "boolean": BOOLEAN,
        "date": DATE,
        "datetime": DATETIME,
        "array": LIST,
    }.get(api_kind, TEXT)


def _plain(name):
    return lambda record, names: record.get(name)


def _choice(name, choices):
    labels = dict(choices)

    def read(record, names):
        value = record.get(name)
        return str(labels.get(value, value)) if value else value

    return read


def _name_of(name, how):
    if how == AREA:
        return lambda record, names: names.area(record.get(name))
    if how == THEME:
        return lambda record, names: names.themes.get(record.get(name))
    if how == PRACTICE:
        return lambda record, names: names.practice(record.get(name))
    if how == PAGE:
        return lambda record, names: names.page(record.get(name))
    return lambda record, names: [names.practice(pk) or "" for pk in record.get(name) or []]


def columns_of(slug, api_fields):
    """The table's columns from its API fields [(name, meaning, unit, source, kind)]: each
    field, and after a code the name that goes with it."""
    special = _special(slug)
    columns = []
    for name, meaning, unit, source, api_kind in api_fields:
        how = special.get(name, CHOICES.get(name))
        if isinstance(how, list):
            columns.append(Column(name, TEXT, _choice(name, how), meaning, unit, source))
            continue
        columns.append(Column(name, _kind(name, api_kind), _plain(name), meaning, unit, source))
        if how in NAME_SUFFIX:
            meaning = NAME_MEANINGS[PRACTICE if how == PRACTICES else how]
            kind = LIST if how == PRACTICES else TEXT
            column = f"{name}{NAME_SUFFIX[how]}"
            columns.append(Column(column, kind, _name_of(name, how), meaning, "", source))
    return columns


# --- fast readers: the API's shape from values() ---------------------------------------------


def _iso(day):
    return day.isoformat() if day is not None else None


class FastReader:
    """Reads a table's rows with one `values()` query into the API's shape."""

    fields = ()

    def values(self, queryset):
        return queryset.values_list(*self.fields)

    def shape(self, row):
        raise NotImplementedError


class ReplicationReader(FastReader):
    fields = (
        "pk",
        "practice_id",
        "lgi__key",
        "lgi__upazila__key",
        "lgi__district__key",
        "lgi__division__key",
        "status",
        "start_date",
        "end_date",
        "fiscal_year",
        "households_reached",
        "verified_at",
    )

    def shape(self, row):
        pk, practice, lgi, upazila, district, division, status, start, end, year, reached, at = row
        return {
            "id": pk,
            "practice": practice,
            "lgi": lgi,
            "upazila": upazila,
            "district": district,
            "division": division,
            "status": status,
            "start_date": _iso(start),
            "end_date": _iso(end),
            "fiscal_year": year,
            "counted_fiscal_year": replication_year(year, end, start),
            "households_reached": reached,
            "verified": at is not None,
        }


class BudgetReader(FastReader):
    fields = (
        "pk",
        "practice_id",
        "lgi__key",
        "lgi__upazila__key",
        "lgi__district__key",
        "lgi__division__key",
        "fiscal_year",
        "source",
        "version",
        "allocated",
        "spent",
        "superseded",
    )

    def shape(self, row):
        pk, practice, lgi, upazila, district, division, year, source, version, *rest = row
        allocated, spent, superseded = rest
        return {
            "id": pk,
            "practice": practice,
            "lgi": lgi,
            "upazila": upazila,
            "district": district,
            "division": division,
            "fiscal_year": year,
            "source": source,
            "version": version,
            "allocated": _money(allocated),
            "spent": _money(spent),
            "effective": not superseded,
        }


def _money(amount):
    from decimal import Decimal

    return None if amount is None else amount.quantize(Decimal("0.01"))


class AreaReader(FastReader):
    fields = (
        "key",
        "code",
        "level",
        "name_bn",
        "name_en",
        "parent__key",
        "division__key",
        "district__key",
        "upazila__key",
    )
    names = ("key", "code", "level", "name_bn", "name_en", "parent", "division", "district")

    def shape(self, row):
        return dict(zip((*self.names, "upazila"), row, strict=True))


FAST_READERS = {
    "replications": ReplicationReader(),
    "budget-allocations": BudgetReader(),
    "areas": AreaReader(),
}


class SerializerReader:
    """Any other table: its rows through one instance of the API's serializer."""

    def __init__(self, serializer):
        self.serializer = serializer

    def values(self, rows):
        return rows

    def shape(self, row):
        return self._child.to_representation(row)

    @cached_property
    def _child(self):
        return self.serializer(many=True).child


def reader_of(table):
    return FAST_READERS.get(table.slug) or SerializerReader(table.serializer)


def records(table, rows, names):
    """Each row as a list of its columns' values, read in the active language."""
    reader = reader_of(table)
    values = reader.values(rows)
    if hasattr(values, "iterator"):
        values = values.iterator(chunk_size=CHUNK)
    columns = table.columns()
    for row in values:
        record = reader.shape(row)
        yield [column.read(record, names) for column in columns]
