import datetime
from decimal import Decimal

from django.utils import translation

import pytest

from imports.models import ImportJob
from registry import aggregates
from registry.identity import parse_identity
from registry.importers import KIND
from registry.models import (
    AccessAction,
    AccessLog,
    BeneficiaryAggregate,
    Benefit,
    Household,
    Person,
    Programme,
)

from .conftest import TEST_NID, TEST_NID_BN, commit, error_messages, upload, write_csv, write_xlsx

pytestmark = pytest.mark.django_db

BANGLA_HEADER = [
    "খানা নং",
    "ওয়ার্ড নং",
    "গ্রাম",
    "নাম",
    "লিঙ্গ",
    "জন্ম তারিখ",
    "খানা প্রধানের সাথে সম্পর্ক",
    "প্রতিবন্ধিতা",
    "এনআইডি নং",
    "কর্মসূচি",
    "অর্থবছর",
    "টাকার পরিমাণ",
]
BANGLA_ROWS = [
    [
        "খ-০০১",
        "৩",
        "উত্তরপাড়া",
        "মোছাঃ রহিমা খাতুন",
        "মহিলা",
        "০৯/০৩/১৯৮৫",
        "খানা প্রধান",
        "না",
        TEST_NID_BN,
        "বয়স্ক ভাতা",
        "২০২৩-২৪",
        "৭,২০০",
    ],
    [
        "খ-০০১",
        "৩",
        "উত্তরপাড়া",
        "করিম মিয়া",
        "পুরুষ",
        "০১/০১/১৯৪৮",
        "বাবা",
        "শারীরিক",
        "৪৭১৫০৯৩৮৬২",
        "বয়স্ক ভাতা",
        "২০২৩-২৪",
        "৭২০০",
    ],
    ["খ-০০২", "৫", "দক্ষিণপাড়া", "সালমা আক্তার", "মহিলা", "১৫/০৮/২০২১", "মেয়ে", "", "", "", "", ""],
]


def bangla_file(tmp_path, rows=BANGLA_ROWS, name="তালিকা.csv"):
    return write_csv(tmp_path / name, [BANGLA_HEADER, *rows])


def snapshot():
    """Every registry row that an import writes, as plain values."""
    return {
        "households": list(
            Household.objects.order_by("pk").values_list(
                "pk",
                "lgi_id",
                "code",
                "ward",
                "village",
                "head_id",
                "female_headed",
                "member_with_disability",
                "elderly_member",
                "landless",
                "verified_year",
                "verified_on",
            )
        ),
        "persons": list(
            Person.objects.order_by("pk").values_list(
                "pk",
                "household_id",
                "name_bn",
                "name_en",
                "sex",
                "date_of_birth",
                "relation",
                "disability",
                "id_type",
                "id_hash",
                "id_ciphertext",
                "id_last3",
            )
        ),
        "benefits": list(
            Benefit.objects.order_by("pk").values_list(
                "pk", "person_id", "programme_id", "practice_id", "fiscal_year", "amount"
            )
        ),
        "figures": list(
            BeneficiaryAggregate.objects.order_by("pk").values_list(
                "pk", "programme_id", "lgi_id", "fiscal_year", "persons", "households"
            )
        ),
    }


def test_the_dry_run_writes_nothing_and_previews_numbers_masked(tmp_path, officer, union):
    job = upload(bangla_file(tmp_path), officer, union)
    assert job.status == ImportJob.Status.VALID, job.report
    assert job.rows_total == 3
    assert not Household.objects.exists() and not Person.objects.exists()
    preview = repr(job.report["preview"])
    assert TEST_NID not in preview and TEST_NID_BN not in preview
    assert "৯০১" in preview or "901" in preview


def test_commit_writes_the_households_persons_and_benefits(tmp_path, officer, union):
    job = commit(upload(bangla_file(tmp_path), officer, union))
    assert job.status == ImportJob.Status.COMMITTED, job.error_message
    assert (job.created_count, job.updated_count, job.unchanged_count) == (3, 0, 0)
    first, second = Household.objects.order_by("code")
    assert (first.code, first.ward, first.village, second.ward) == ("খ-001", 3, "উত্তরপাড়া", 5)
    assert first.head.name_bn == "মোছাঃ রহিমা খাতুন"
    assert first.female_headed and first.elderly_member and first.member_with_disability
    rahima = Person.objects.get(name_bn="মোছাঃ রহিমা খাতুন")
    assert rahima.id_hash == parse_identity(TEST_NID).hash
    assert rahima.reveal_identity() == TEST_NID
    assert rahima.date_of_birth == datetime.date(1985, 3, 9)
    assert Person.objects.get(name_bn="করিম মিয়া").disability == "physical"
    old_age = Programme.objects.get(slug="old-age-allowance")
    assert set(Benefit.objects.values_list("programme", "fiscal_year", "amount")) == {
        (old_age.pk, "2023-24", Decimal("7200"))
    }
    assert aggregates.beneficiaries_for_programme(old_age)["persons"] == 2
    assert AccessLog.objects.filter(action=AccessAction.IMPORT, lgi=union, rows=3).exists()
    assert not job.file, "the uploaded list is deleted once written"


def test_reimporting_the_same_file_changes_nothing(tmp_path, officer, union):
    commit(upload(bangla_file(tmp_path), officer, union))
    before = snapshot()
    again = commit(upload(bangla_file(tmp_path, name="আবার.csv"), officer, union))
    assert again.status == ImportJob.Status.COMMITTED
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 3)
    assert snapshot() == before


def test_a_changed_row_updates_the_person_it_matches(tmp_path, officer, union):
    commit(upload(bangla_file(tmp_path), officer, union))
    rows = [list(row) for row in BANGLA_ROWS]
    rows[2][8] = "২০২১৭৫১২৩৪৫৬৭৮৯০১"  # Salma now has a birth registration number
    job = commit(upload(bangla_file(tmp_path, rows, "নতুন.csv"), officer, union))
    assert (job.created_count, job.updated_count, job.unchanged_count) == (0, 1, 2)
    salma = Person.objects.get(name_bn="সালমা আক্তার")
    assert salma.id_last3 == "901" and Person.objects.count() == 3


def test_english_headers_in_excel_with_date_cells(tmp_path, officer, union, replication):
    path = write_xlsx(
        tmp_path / "list.xlsx",
        [
            [
                "Household code",
                "Ward",
                "Village or para",
                "Name (Bangla)",
                "Name (English)",
                "Sex",
                "Date of birth",
                "Relation to the head",
                "Identity number type",
                "Identity number",
                "Date received",
                "In kind",
            ],
            [
                "H-1",
                2,
                "Para",
                "জসিম উদ্দিন",
                "Jasim Uddin",
                "male",
                datetime.date(1990, 1, 5),
                "head",
                "NID",
                "1990123456789",
                "2024-02-11",
                "tubewell",
            ],
            [
                "H-1",
                2,
                "Para",
                "আমেনা খাতুন",
                "Amena Khatun",
                "F",
                "1992-07-01",
                "wife",
                "",
                "",
                "",
                "",
            ],
        ],
    )
    job = commit(upload(path, officer, union, practice=replication.practice_id))
    assert job.status == ImportJob.Status.COMMITTED, job.report
    benefit = Benefit.objects.get()
    assert (benefit.practice_id, benefit.replication_id) == (
        replication.practice_id,
        replication.pk,
    )
    assert (benefit.fiscal_year, benefit.in_kind) == ("2023-24", "tubewell")
    assert aggregates.beneficiaries_for_practice(replication.practice)["households"] == 1


def test_every_bad_row_is_reported_by_row_column_and_reason(tmp_path, officer, union):
    rows = [
        ["খ-১", "৩", "", "ক", "মহিলা", "09/03/1986", "খানা প্রধান", "", TEST_NID, "", "", ""],
        ["খ-২", "১২", "", "খ", "মহিলা", "", "খানা প্রধান", "", "", "", "", ""],
        ["খ-৩", "১", "", "গ", "মহিলা", "31/02/1990", "খানা প্রধান", "", "123456789012", "", "", ""],
        ["খ-৪", "১", "", "", "পুরুষ", "", "", "", "", "", "", ""],
        ["খ-৫", "১", "", "ঘ", "পুরুষ", "", "", "", "", "", "২০২৩-২৪", "১০০"],
        ["খ-৬", "১", "", "ঙ", "অজানা", "", "", "", "", "অজানা ভাতা", "২০২৩-২৪", "১০০"],
    ]
    job = upload(bangla_file(tmp_path, rows), officer, union)
    assert job.status == ImportJob.Status.INVALID
    with translation.override("en"):
        found = error_messages(job)
    assert len(found) == 7
    by_row = {}
    for row, column, message in found:
        by_row.setdefault(row, []).append((column, message))
    assert "does not begin with the year of birth 1986" in by_row[2][0][1]
    assert by_row[2][0][0] == BANGLA_HEADER[8]
    assert TEST_NID not in repr(found) and "••••••••••••••901" in by_row[2][0][1]
    assert by_row[3][0] == (BANGLA_HEADER[1], "“১২” is more than 9.")
    assert "is not a date" in by_row[4][0][1]
    assert "has 12 digits" not in repr(by_row[4])
    assert "name" in by_row[5][0][1]
    assert "where it came from" in by_row[6][0][1]
    assert {column for column, _message in by_row[7]} == {BANGLA_HEADER[4], BANGLA_HEADER[9]}
    assert commit(job).status == ImportJob.Status.INVALID
    assert not Household.objects.exists()


def test_rows_of_one_household_must_agree(tmp_path, officer, union):
    rows = [
        ["খ-১", "৩", "উত্তর", "ক", "মহিলা", "", "খানা প্রধান", "", "", "", "", ""],
        ["খ-১", "৪", "উত্তর", "খ", "পুরুষ", "", "ছেলে", "", "", "", "", ""],
        ["খ-১", "৩", "উত্তর", "গ", "পুরুষ", "", "খানা প্রধান", "", "", "", "", ""],
    ]
    job = upload(bangla_file(tmp_path, rows), officer, union)
    with translation.override("en"):
        messages = [message for _row, _column, message in error_messages(job)]
    assert messages == [
        "Row 2 gives this household another ward or village.",
        "Row 2 already names the head of this household.",
    ]


def test_a_row_that_goes_bad_before_the_commit_leaves_the_registry_unchanged(
    tmp_path, officer, union
):
    extra = Programme.objects.create(slug="one-off", name_bn="এককালীন সহায়তা", name_en="One-off")
    rows = [list(row) for row in BANGLA_ROWS]
    rows[2][9:12] = ["এককালীন সহায়তা", "২০২৩-২৪", "৫০০"]
    job = upload(bangla_file(tmp_path, rows), officer, union)
    assert job.status == ImportJob.Status.VALID
    extra.delete()
    job = commit(job)
    assert job.status == ImportJob.Status.INVALID
    assert job.report["late"] is True
    assert not Household.objects.exists() and not Benefit.objects.exists()
    assert not BeneficiaryAggregate.objects.exists()


def test_only_the_unions_staff_may_import_and_see_its_jobs(
    tmp_path, client, officer, make_user, union, other_union
):
    from portal import roles

    job = upload(bangla_file(tmp_path), officer, union)
    stranger = make_user("stranger", roles.REGISTRY_OFFICER, [other_union])
    client.force_login(stranger)
    assert client.get(f"/en/imports/{job.pk}/").status_code == 404
    assert "তালিকা.csv" not in client.get("/en/registry/imports/").content.decode()
    policymaker = make_user("pm", roles.POLICYMAKER)
    client.force_login(policymaker)
    assert client.get(f"/en/imports/{KIND}/new/").status_code == 403
    client.force_login(officer)
    listing = client.get("/en/registry/imports/").content.decode()
    assert "তালিকা.csv" in listing
    assert client.get(f"/en/imports/{job.pk}/").status_code == 200
    assert AccessLog.objects.filter(action=AccessAction.IMPORT, user=officer).exists()


def test_a_list_is_uploaded_on_the_registrys_imports_page_and_checked(
    tmp_path, client, django_capture_on_commit_callbacks, officer, make_user, union, other_union
):
    from portal import roles

    client.force_login(officer)
    page = client.get("/registry/imports/").content.decode()
    assert 'enctype="multipart/form-data"' in page and "আপলোড ও যাচাই করুন" in page
    # The officer's only union is chosen for them.
    assert f'<option value="{union.pk}" selected>' in page
    with django_capture_on_commit_callbacks(execute=True), open(bangla_file(tmp_path), "rb") as f:
        response = client.post("/en/registry/imports/", {"file": f, "scope": union.pk})
    job = ImportJob.objects.get(uploaded_by=officer)
    assert response.status_code == 302 and response["Location"].endswith(f"/imports/{job.pk}/")
    assert (job.kind, job.scope, job.status, job.rows_total) == (
        KIND,
        union,
        ImportJob.Status.VALID,
        3,
    )
    assert not Household.objects.exists()

    # Another union's officer cannot aim a list at this union, and a policymaker cannot upload.
    stranger = make_user("stranger", roles.REGISTRY_OFFICER, [other_union])
    client.force_login(stranger)
    with open(bangla_file(tmp_path), "rb") as handle:
        refused = client.post("/en/registry/imports/", {"file": handle, "scope": union.pk})
    assert refused.status_code == 200
    assert "Select a valid choice" in refused.content.decode()
    client.force_login(make_user("pm", roles.POLICYMAKER))
    with open(bangla_file(tmp_path), "rb") as handle:
        assert client.post("/en/registry/imports/", {"file": handle}).status_code == 403
    assert ImportJob.objects.count() == 1
