"""NILG's own list of pourashavas, loaded under their upazilas."""

import pytest

from places.models import Area, Level

from .conftest import checked, committed

HEADER = ["District", "Upazila", "name_bn", "name_en"]


@pytest.mark.django_db
def test_curators_add_pourashavas_under_the_upazilas_they_name(csv_file, curator, client):
    rows = [
        HEADER,
        ["ঢাকা", "সাভার", "সাভার", "Savar"],
        ["", "BD30260014", "ধামরাই", "Dhamrai"],
        ["Comilla", "Debidwar", "দেবিদ্বার", "Debidwar"],
    ]
    job = committed(checked(csv_file(rows), "pourashavas", curator))

    assert job.status == job.Status.COMMITTED, job.report
    assert (job.created_count, job.updated_count, job.unchanged_count) == (3, 0, 0)
    savar = Area.objects.get(level=Level.POURASHAVA, name_en="Savar")
    assert savar.name_bn == "সাভার"
    assert savar.parent.code == "BD30260072"
    assert (savar.district.code, savar.division.code) == ("BD3026", "BD30")
    assert savar.key == f"PS{savar.pk}"
    debidwar = Area.objects.get(level=Level.POURASHAVA, name_en="Debidwar")
    assert debidwar.district.name_en == "Cumilla"
    assert Area.objects.lgis().filter(level=Level.POURASHAVA).count() == 3
    # The new pourashava has its own page, under its upazila.
    page = client.get(savar.get_absolute_url())
    assert page.status_code == 200
    assert "সাভার" in page.content.decode()


@pytest.mark.django_db
def test_reimporting_the_same_file_changes_nothing(csv_file, xlsx_file, curator):
    rows = [HEADER, ["Dhaka", "Savar", "সাভার", "Savar"], ["Dhaka", "Dhamrai", "ধামরাই", "Dhamrai"]]
    committed(checked(csv_file(rows), "pourashavas", curator))
    before = list(Area.objects.filter(level=Level.POURASHAVA).values().order_by("pk"))

    again = committed(checked(csv_file(rows), "pourashavas", curator))
    as_excel = committed(checked(xlsx_file(rows), "pourashavas", curator))

    for job in (again, as_excel):
        assert job.status == job.Status.COMMITTED
        assert (job.created_count, job.updated_count, job.unchanged_count) == (0, 0, 2)
    assert list(Area.objects.filter(level=Level.POURASHAVA).values().order_by("pk")) == before


@pytest.mark.django_db
def test_a_corrected_spelling_updates_the_pourashava(csv_file, curator):
    committed(
        checked(csv_file([HEADER, ["Dhaka", "Savar", "সাবার", "Savar"]]), "pourashavas", curator)
    )
    fixed = committed(
        checked(csv_file([HEADER, ["Dhaka", "Savar", "সাভার", "Savar"]]), "pourashavas", curator)
    )

    assert (fixed.created_count, fixed.updated_count) == (0, 1)
    assert Area.objects.get(level=Level.POURASHAVA, name_en="Savar").name_bn == "সাভার"
    assert Area.objects.filter(level=Level.POURASHAVA).count() == 1


@pytest.mark.django_db
def test_names_in_the_wrong_script_and_repeated_rows_are_refused(csv_file, curator):
    rows = [
        HEADER,
        ["Dhaka", "Savar", "Savar", "Savar"],
        ["Dhaka", "Dhamrai", "ধামরাই", "ধামরাই"],
        ["Dhaka", "Keraniganj", "কেরানীগঞ্জ", "Keraniganj"],
        ["Dhaka", "Keraniganj", "কেরানীগঞ্জ", "Keranigonj"],
        ["Dhaka", "Keraniganj", "কেরাণীগঞ্জ", "keraniganj"],
    ]
    job = checked(csv_file(rows), "pourashavas", curator)

    assert job.status == job.Status.INVALID
    errors = [(e["row"], e["column"], e["message"]["en"]) for e in job.report["errors"]]
    assert errors == [
        (2, "name_bn", "“Savar” is not written in Bangla script."),
        (3, "name_en", "“ধামরাই” is not written in English letters."),
        (5, "name_bn", "This row repeats row 4: the same Upazila, Name (Bangla)."),
        (6, "name_en", "This row repeats row 4: the same Upazila, Name (English)."),
    ]
    assert not Area.objects.filter(level=Level.POURASHAVA).exists()


@pytest.mark.django_db
def test_only_nilg_curators_may_import_pourashavas(client, up_editor, curator):
    client.force_login(up_editor)
    assert client.get("/imports/pourashavas/new/").status_code == 403
    assert "/imports/pourashavas/new/" not in client.get("/imports/").content.decode()

    client.force_login(curator)
    assert client.get("/imports/pourashavas/new/").status_code == 200
    assert "/imports/pourashavas/new/" in client.get("/imports/").content.decode()
