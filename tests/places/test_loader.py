import csv
import shutil
from pathlib import Path

from django.core.management import CommandError, call_command

import pytest

from places.loader import DATA_DIR, FILES, GeographyFileError, load
from places.models import Area, Level

pytestmark = pytest.mark.django_db


def rows_in(name):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def snapshot():
    return list(
        Area.objects.order_by("pk").values_list(
            "pk", "key", "code", "name_bn", "name_en", "parent_id", "district_id"
        )
    )


@pytest.mark.parametrize(("level", "name"), FILES)
def test_every_row_of_every_file_is_an_area(level, name):
    rows = rows_in(name)
    assert Area.objects.filter(level=level).count() == len(rows)
    sample = rows[len(rows) // 2]
    area = Area.objects.get(level=level, source_id=int(sample["id"]))
    assert area.name_bn == sample["name_bn"]
    assert area.name_en == sample["name_en"]
    assert area.code == sample["code"]
    if level == Level.DIVISION:
        assert area.parent is None
    else:
        assert area.parent.source_id == int(sample["parent_id"])


def test_a_union_knows_its_upazila_district_and_division():
    savar = Area.objects.get(level=Level.UPAZILA, name_en="Savar")
    union = savar.children.first()
    assert union.level == Level.UNION
    assert union.upazila == savar
    assert union.district == savar.parent
    assert union.division == savar.parent.parent
    assert union.key == f"UN{union.source_id}"
    assert savar.key == savar.code == "BD30260072"


def test_loading_again_changes_nothing():
    before = snapshot()
    result = load()
    assert not result.changed
    assert snapshot() == before


def test_a_corrected_file_updates_names_in_place(tmp_path):
    data = Path(shutil.copytree(DATA_DIR, tmp_path / "geo"))
    text = (data / "upazilas.csv").read_text(encoding="utf-8")
    (data / "upazilas.csv").write_text(text.replace(",Savar,", ",Savar Upazila,"), "utf-8")
    pk = Area.objects.get(code="BD30260072").pk
    result = load(data)
    assert result.updated[Level.UPAZILA] == 1
    assert Area.objects.get(code="BD30260072").pk == pk
    assert Area.objects.get(code="BD30260072").name_en == "Savar Upazila"


def test_a_malformed_row_names_file_and_line_and_nothing_is_half_loaded(tmp_path):
    data = Path(shutil.copytree(DATA_DIR, tmp_path / "geo"))
    # A good change in an early file and a broken row in a later one: neither may land.
    upazilas = (data / "upazilas.csv").read_text(encoding="utf-8")
    (data / "upazilas.csv").write_text(upazilas.replace(",Savar,", ",Renamed,"), "utf-8")
    lines = (data / "unions.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[99] = "9999,not-a-number,,Broken,ভাঙা\n"
    (data / "unions.csv").write_text("".join(lines), "utf-8")
    before = snapshot()
    with pytest.raises(
        GeographyFileError, match=r"unions\.csv: line 100: parent_id 'not-a-number'"
    ):
        load(data)
    assert snapshot() == before


def test_the_command_reports_a_bad_file_without_a_traceback(tmp_path):
    data = Path(shutil.copytree(DATA_DIR, tmp_path / "geo"))
    lines = (data / "districts.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    fields = lines[5].rstrip("\n").split(",")
    fields[3] = ""
    lines[5] = ",".join(fields) + "\n"
    (data / "districts.csv").write_text("".join(lines), "utf-8")
    with pytest.raises(CommandError, match=r"districts\.csv: line 6: name_en is empty"):
        call_command("load_geography", data_dir=str(data))


def test_copied_files_are_the_shared_reference_files(shared_dir):
    for _level, name in FILES:
        assert (DATA_DIR / name).read_bytes() == (shared_dir / "data/geo" / name).read_bytes()
    licence = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert "MIT" in licence
    assert "CC BY 4.0" in licence


def test_a_pourashava_added_by_nilg_gets_a_stable_key_and_ancestors():
    upazila = Area.objects.get(code="BD30260072")
    pourashava = Area.objects.create(
        level=Level.POURASHAVA, name_bn="সাভার পৌরসভা", name_en="Savar Pourashava", parent=upazila
    )
    assert pourashava.key == f"PS{pourashava.pk}"
    assert pourashava.district == upazila.parent
    assert pourashava.is_lgi
    assert Area.objects.lgis().filter(pk=pourashava.pk).exists()


def test_a_pourashava_must_sit_under_an_upazila():
    from django.core.exceptions import ValidationError

    district = Area.objects.get(code="BD3026")
    area = Area(level=Level.POURASHAVA, name_bn="ক", name_en="K", parent=district)
    with pytest.raises(ValidationError) as excinfo:
        area.clean()
    assert "parent" in excinfo.value.message_dict
