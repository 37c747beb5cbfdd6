"""Household codes are text: ``007`` stays ``007``. A list saved by Excel turns it into 7; the
check says so on the import's page (a warning, the file may still be imported), and refuses
a row that would put two households together."""

import pytest

from imports.models import ImportJob
from registry.models import Household, ImportNote, Person

from .conftest import commit, error_messages, upload, write_csv, write_xlsx

pytestmark = pytest.mark.django_db

HEADER = ["খানা নং", "ওয়ার্ড নং", "গ্রাম", "নাম", "লিঙ্গ", "খানা প্রধানের সাথে সম্পর্ক"]


def row(code, name, ward=2, village="উত্তরপাড়া"):
    return [code, ward, village, name, "মহিলা", "খানা প্রধান"]


@pytest.fixture
def padded(tmp_path, officer, union):
    """The union's registry holds households 007 and 008, from a list typed as text."""
    path = write_csv(tmp_path / "2024.csv", [HEADER, row("007", "রহিমা"), row("০০৮", "সালমা")])
    job = commit(upload(path, officer, union))
    assert job.status == ImportJob.Status.COMMITTED, job.report.get("errors")
    assert sorted(Household.objects.values_list("code", flat=True)) == ["007", "008"]


def page_of(client, user, job, language="/en"):
    client.force_login(user)
    response = client.get(f"{language}/imports/{job.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_re_import_saved_by_excel_is_warned_of_on_the_check_page(
    tmp_path, client, officer, union, padded
):
    path = write_xlsx(tmp_path / "2025.xlsx", [HEADER, row(7, "রহিমা"), row(8, "সালমা")])
    job = upload(path, officer, union)
    assert job.status == ImportJob.Status.VALID, "a warning, not a refusal"
    page = page_of(client, officer, job)
    assert "Row 2: household code “7” is not in the registry, but “007” is." in page
    assert "Row 3: household code “8” is not in the registry, but “008” is." in page
    assert "format the column as text" in page
    bangla = page_of(client, officer, job, language="")
    assert "সারি ২: খানা কোড “৭” নিবন্ধনে নেই, কিন্তু “০০৭” আছে।" in bangla
    # Imported anyway, the codes stay as written: two new households, none changed.
    commit(job)
    assert sorted(Household.objects.values_list("code", flat=True)) == ["007", "008", "7", "8"]
    assert not ImportNote.objects.filter(job_id=job.pk).exists()
    assert "household code" not in page_of(client, officer, job)


def test_the_same_codes_as_text_are_the_same_households(tmp_path, client, officer, union, padded):
    path = write_csv(tmp_path / "again.csv", [HEADER, row("০০৭", "রহিমা"), row("008", "সালমা")])
    job = upload(path, officer, union)
    assert "household code" not in page_of(client, officer, job)
    assert (commit(job).unchanged_count, Household.objects.count()) == (2, 2)


def test_numeric_codes_of_mixed_length_in_one_file_are_warned_of(tmp_path, client, officer, union):
    rows = [row("9", "ক"), row("007", "খ"), row("008", "গ"), row("10", "ঘ"), row("১২৩", "ঙ")]
    job = upload(write_csv(tmp_path / "mixed.csv", [HEADER, *rows]), officer, union)
    assert job.status == ImportJob.Status.VALID
    page = page_of(client, officer, job)
    assert "Row 2: household code “9” is shorter than “007” in row 3 of this file." in page
    assert "Row 5: household code “10” is shorter than “007” in row 3 of this file." in page
    assert "“123”" not in page
    # Codes of one width, or with no zero-padded code beside them, say nothing.
    plain = [row(str(n), f"নাম {n}") for n in (1, 2, 10, 120)]
    job = upload(write_csv(tmp_path / "plain.csv", [HEADER, *plain]), officer, union)
    assert "household code" not in page_of(client, officer, job)


def test_a_stripped_code_that_would_merge_two_households_is_refused(
    tmp_path, officer, union, padded
):
    # Household 7 of ward 5 exists beside 007 of ward 2.
    seven = write_csv(tmp_path / "seven.csv", [HEADER, row("7", "জামাল", 5, "দক্ষিণপাড়া")])
    assert commit(upload(seven, officer, union)).status == ImportJob.Status.COMMITTED
    before = list(Household.objects.order_by("pk").values_list("code", "ward", "village"))
    # Excel stripped 007 to 7: the row has 007's ward and village.
    path = write_xlsx(tmp_path / "excel.xlsx", [HEADER, row(7, "রহিমা")])
    job = upload(path, officer, union)
    assert error_messages(job) == [
        (
            2,
            "খানা নং",
            "Household code “7” is a household of ward 5 in the registry, but this row gives the "
            "ward and village of household “007”: a spreadsheet may have removed the leading "
            "zeros. Imported, the row would put the two households together. Format the column "
            "as text and type the codes as the registry has them.",
        )
    ]
    assert commit(job).status == ImportJob.Status.INVALID
    assert list(Household.objects.order_by("pk").values_list("code", "ward", "village")) == before
    assert not Person.objects.filter(household__code="7", name_bn="রহিমা").exists()
    # Household 7's own row (its ward and village) is accepted.
    own = write_xlsx(tmp_path / "own.xlsx", [HEADER, row(7, "জামাল", 5, "দক্ষিণপাড়া")])
    assert upload(own, officer, union).status == ImportJob.Status.VALID


def test_many_stripped_codes_are_summed_up(tmp_path, client, officer, union):
    rows = [row("0001", "প্রথম")] + [row(str(n), f"নাম {n}") for n in range(2, 80)]
    job = upload(write_csv(tmp_path / "many.csv", [HEADER, *rows]), officer, union)
    page = page_of(client, officer, job)
    assert page.count("is shorter than “0001”") == 10
    assert "More than 50 rows have household codes like these" in page
