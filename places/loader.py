"""Loads the geography files of `places/data/geo/` into Area rows.

Every file is read and checked before anything is written, and the write is one transaction:
a malformed row is reported by file and line and the database keeps what it had. Rows are
matched on (level, id in the file), so loading again changes nothing and a corrected file
updates names and codes in place.
"""

import csv
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from .models import Area, Level

DATA_DIR = Path(__file__).resolve().parent / "data" / "geo"
FILES = [
    (Level.DIVISION, "divisions.csv"),
    (Level.DISTRICT, "districts.csv"),
    (Level.UPAZILA, "upazilas.csv"),
    (Level.UNION, "unions.csv"),
]
COLUMNS = ["id", "parent_id", "code", "name_en", "name_bn"]


class GeographyFileError(ValueError):
    """A geography file that cannot be loaded; the message names the file and line."""


@dataclass
class LoadResult:
    created: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)
    unchanged: dict = field(default_factory=dict)

    @property
    def changed(self):
        return any(self.created.values()) or any(self.updated.values())

    def summary(self):
        return ", ".join(
            f"{level}: {self.created.get(level, 0)} created, {self.updated.get(level, 0)} updated, "
            f"{self.unchanged.get(level, 0)} unchanged"
            for level, _name in FILES
        )


def read_file(path, level, parent_ids):
    """Parse and check one file; return {source id: row dict}."""
    rows = {}
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header != COLUMNS:
            raise GeographyFileError(
                f"{path.name}: line 1: expected the columns {','.join(COLUMNS)}, found "
                f"{','.join(header or [])!r}"
            )
        for line_no, record in enumerate(reader, start=2):
            where = f"{path.name}: line {line_no}"
            if len(record) != len(COLUMNS):
                raise GeographyFileError(
                    f"{where}: expected {len(COLUMNS)} fields, found {len(record)}"
                )
            row = dict(zip(COLUMNS, (value.strip() for value in record), strict=True))
            if not row["id"].isdigit():
                raise GeographyFileError(f"{where}: id {row['id']!r} is not a whole number")
            source_id = int(row["id"])
            if source_id in rows:
                raise GeographyFileError(f"{where}: id {source_id} appears twice")
            if level == Level.DIVISION:
                if row["parent_id"]:
                    raise GeographyFileError(f"{where}: a division has no parent_id")
                parent_id = None
            else:
                if not row["parent_id"].isdigit() or int(row["parent_id"]) not in parent_ids:
                    raise GeographyFileError(
                        f"{where}: parent_id {row['parent_id']!r} is not an id of the level above"
                    )
                parent_id = int(row["parent_id"])
            for name_field in ("name_en", "name_bn"):
                if not row[name_field]:
                    raise GeographyFileError(f"{where}: {name_field} is empty")
            if level != Level.UNION and not row["code"]:
                raise GeographyFileError(f"{where}: code is empty")
            rows[source_id] = {
                "parent_source_id": parent_id,
                "code": row["code"],
                "name_en": row["name_en"],
                "name_bn": unicodedata.normalize("NFC", row["name_bn"]),
            }
    return rows


def read_all(data_dir=DATA_DIR):
    """Read and check every file; return [(level, rows)] in loading order."""
    data_dir = Path(data_dir)
    parsed = []
    parent_ids = set()
    for level, name in FILES:
        path = data_dir / name
        if not path.exists():
            raise GeographyFileError(f"{name}: file not found in {data_dir}")
        rows = read_file(path, level, parent_ids)
        parsed.append((level, rows))
        parent_ids = set(rows)
    return parsed


@transaction.atomic
def load(data_dir=DATA_DIR):
    """Load (or bring up to date) the geography; return what was created and updated."""
    parsed = read_all(data_dir)
    result = LoadResult()
    parents = {}
    for level, rows in parsed:
        existing = {area.source_id: area for area in Area.objects.filter(level=level)}
        to_create, to_update = [], []
        for source_id, row in rows.items():
            parent = parents.get(row["parent_source_id"])
            area = existing.get(source_id)
            if area is None:
                area = Area(level=level, source_id=source_id)
                to_create.append(area)
            before = _fields(area)
            area.code = row["code"]
            area.name_en = row["name_en"]
            area.name_bn = row["name_bn"]
            area.parent = parent
            area.set_ancestors()
            area.key = area.code or f"UN{source_id}"
            if area.pk is not None and _fields(area) != before:
                to_update.append(area)
        Area.objects.bulk_create(to_create, batch_size=1000)
        Area.objects.bulk_update(
            to_update,
            ["code", "name_en", "name_bn", "parent", "division", "district", "upazila", "key"],
            batch_size=1000,
        )
        if to_create and to_create[0].pk is None:
            # Backends that do not return primary keys from bulk inserts.
            existing = {area.source_id: area for area in Area.objects.filter(level=level)}
        else:
            existing.update({area.source_id: area for area in to_create})
        parents = {source_id: existing[source_id] for source_id in rows}
        result.created[level] = len(to_create)
        result.updated[level] = len(to_update)
        result.unchanged[level] = len(rows) - len(to_create) - len(to_update)
    return result


def _fields(area):
    return (
        area.code,
        area.name_en,
        area.name_bn,
        area.parent_id,
        area.division_id,
        area.district_id,
        area.upazila_id,
        area.key,
    )
