"""Every refusal of the registry importer, as the union's staff meet it: the row-by-row report
names the row, the column (the header as written in their file) and the reason, and a refused
file writes nothing, not even its good rows, into a registry that already holds a list."""

import datetime
import zipfile
from decimal import Decimal

import pytest

from imports.models import ImportJob
from registry.models import Benefit, Disability, Household, Person

from .conftest import TEST_NID, TEST_NID_BN, commit, error_messages, upload, write_csv, write_xlsx
from .test_import import bangla_file, snapshot

pytestmark = pytest.mark.django_db

Status = ImportJob.Status

# A union's list with every column the importer reads, headers in Bangla.
COLUMNS = {
    "code": "খানা নং",
    "ward": "ওয়ার্ড নং",
    "name": "নাম",
    "sex": "লিঙ্গ",
    "born": "জন্ম তারিখ",
    "relation": "খানা প্রধানের সাথে সম্পর্ক",
    "disability": "প্রতিবন্ধিতা",
    "id_type": "পরিচয়পত্রের ধরন",
    "id": "এনআইডি নং",
    "programme": "কর্মসূচি",
    "fy": "অর্থবছর",
    "received": "প্রাপ্তির তারিখ",
    "amount": "টাকার পরিমাণ",
    "in_kind": "দ্রব্য",
}
HEADER = list(COLUMNS.values())


def person(code, name, **cells):
    """One row of the list: a head of household with no benefit unless cells say otherwise."""
    values = {"code": code, "ward": "২", "name": name, "sex": "মহিলা", "relation": "খানা প্রধান"}
    values.update(cells)
    unknown = set(values) - set(COLUMNS)
    assert not unknown, unknown
    return [values.get(key, "") for key in COLUMNS]


def new_list(tmp_path, *rows, name="নতুন-তালিকা.csv"):
    return write_csv(tmp_path / name, [HEADER, *rows])


@pytest.fixture
def registered(tmp_path, officer, union):
    """The union's registry already holds a committed list (2 households, 3 persons, 2
    benefits), so "nothing written" is checked against real rows, not an empty table."""
    job = commit(upload(bangla_file(tmp_path, name="আগের-তালিকা.csv"), officer, union))
    assert job.status == Status.COMMITTED, job.report
    before = snapshot()
    assert (len(before["households"]), len(before["persons"]), len(before["benefits"])) == (
        2,
        3,
        2,
    )
    return before


def counts():
    return Household.objects.count(), Person.objects.count(), Benefit.objects.count()


def assert_refused_and_nothing_written(job, before):
    """The dry run refused the file; committing it anyway is refused and writes nothing."""
    assert job.status == Status.INVALID, job.report
    assert not job.file, "a refused list holding personal data is not kept"
    counted = counts()
    committed = commit(job)
    assert committed.status == Status.INVALID
    assert (committed.created_count, committed.updated_count) == (0, 0)
    assert (
        counts()
        == counted
        == (
            len(before["households"]),
            len(before["persons"]),
            len(before["benefits"]),
        )
    )
    assert snapshot() == before


def bangla_of(job):
    return [(error["row"], error["message"]["bn"]) for error in job.report["errors"]]


# --- identity numbers -------------------------------------------------------------------


PLACEHOLDER = 424242.5


def exact_integer_cell(path, placeholder, digits):
    """Put an integer cell of all *digits* where *placeholder* is: openpyxl itself, like Excel,
    writes integers beyond 2**53 as floats, but a workbook from elsewhere may hold them."""
    with zipfile.ZipFile(path) as workbook:
        parts = {name: workbook.read(name) for name in workbook.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    before = f"<v>{placeholder!r}</v>".encode()
    assert parts[sheet].count(before) == 1
    parts[sheet] = parts[sheet].replace(before, f"<v>{digits}</v>".encode())
    with zipfile.ZipFile(path, "w") as workbook:
        for name, data in parts.items():
            workbook.writestr(name, data)


def test_an_identity_number_excel_stored_as_a_number_is_refused(
    tmp_path, officer, union, registered
):
    """A 17-digit NID typed into a General-format Excel cell becomes 1.98575E+16 and loses its
    last digits; the list must say so instead of storing a wrong number."""
    header = ["Household code", "Ward", "Name (Bangla)", "Sex", "Date of birth", "NID"]
    path = write_xlsx(
        tmp_path / "list.xlsx",
        [
            header,
            # A 10-digit NID is exact as a number cell: accepted.
            ["H-10", 1, "আলেয়া", "F", datetime.date(1970, 1, 1), 4715093862],
            # What Excel (and openpyxl) stores for 19857512345678901: a float whose last
            # digit is gone (1.98575123456789E+16).
            ["H-11", 1, "রহিমা", "F", datetime.date(1985, 3, 9), 1.9857512345678901e16],
            # An integer cell beyond 2**53, as a script or another program may write it.
            ["H-12", 1, "সালমা", "F", datetime.date(1985, 3, 9), PLACEHOLDER],
            # The same number as text is what the message asks for: accepted.
            ["H-13", 1, "করিমা", "F", datetime.date(1985, 3, 9), TEST_NID],
        ],
    )
    exact_integer_cell(path, PLACEHOLDER, TEST_NID)
    job = upload(path, officer, union)
    stored_as_number = (
        "The identity number “{}” is stored as a number, which loses the last digits of long "
        "numbers: format the column as text and type it again."
    )
    assert error_messages(job) == [
        (3, "NID", stored_as_number.format("•" * 14 + "900")),
        (4, "NID", stored_as_number.format("•" * 14 + "901")),
    ]
    assert TEST_NID not in repr(job.report) and "19857512345678900" not in repr(job.report)
    assert all("সংখ্যা হিসেবে সংরক্ষিত" in message for _row, message in bangla_of(job))
    assert_refused_and_nothing_written(job, registered)


def test_a_17_digit_number_must_begin_with_the_year_of_birth(tmp_path, officer, union, registered):
    born_2021 = "২০২১৭৫১২৩৪৫৬৭৮৯০১"
    path = new_list(
        tmp_path,
        person("খ-৫০", "সালমা", born="১৫/০৮/২০২১", id_type="জন্ম নিবন্ধন", id=born_2021),
        # Born 1986, but the NID begins 1985.
        person("খ-৫১", "রহিমা", born="09/03/1986", id=TEST_NID_BN),
        # A birth registration number from another year.
        person("খ-৫২", "ফাতেমা", born="2019-01-31", id_type="birth registration", id=born_2021),
        # A number without a date of birth cannot be compared: accepted.
        person("খ-৫৩", "জরিনা", id=TEST_NID),
    )
    job = upload(path, officer, union)
    masked = "•" * 14 + "901"
    assert error_messages(job) == [
        (
            3,
            COLUMNS["id"],
            f"national ID number “{masked}” does not begin with the year of birth 1986 (the "
            "first four digits of a 17-digit number are the year of birth).",
        ),
        (
            4,
            COLUMNS["id"],
            f"birth registration number “{masked}” does not begin with the year of birth 2019 "
            "(the first four digits of a 17-digit number are the year of birth).",
        ),
    ]
    assert "জন্মসাল ১৯৮৬" in bangla_of(job)[0][1]
    assert TEST_NID not in repr(job.report) and TEST_NID_BN not in repr(job.report)
    assert_refused_and_nothing_written(job, registered)


# --- benefits ---------------------------------------------------------------------------


def test_a_benefit_needs_a_fiscal_year_or_a_date_and_they_must_agree(
    tmp_path, officer, union, registered
):
    path = new_list(
        tmp_path,
        person("খ-৬০", "ক", programme="বয়স্ক ভাতা", fy="২০২৩-২৪", amount="৭,২০০"),
        # A benefit with neither a fiscal year nor a date.
        person("খ-৬১", "খ", programme="বয়স্ক ভাতা", amount="৭,২০০"),
        # Received in August 2024, which is fiscal year 2024-25.
        person("খ-৬২", "গ", programme="বয়স্ক ভাতা", fy="২০২৩-২৪", received="১৫/০৮/২০২৪", amount="৫০০"),
        # The last day of June still belongs to the year that began the July before: accepted.
        person("খ-৬৩", "ঘ", programme="বয়স্ক ভাতা", fy="2023-24", received="30/06/2024", amount="৫০০"),
        # Neither an amount nor a kind.
        person("খ-৬৪", "ঙ", programme="বয়স্ক ভাতা", fy="২০২৩-২৪"),
    )
    job = upload(path, officer, union)
    assert error_messages(job) == [
        (3, COLUMNS["fy"], "Give the fiscal year or the date received."),
        (4, COLUMNS["received"], "The date received falls in fiscal year 2024-25, not 2023-24."),
        (6, COLUMNS["amount"], "Give the amount in taka or what was given in kind."),
    ]
    assert bangla_of(job)[1] == (4, "প্রাপ্তির তারিখ ২০২৪-২৫ অর্থবছরে পড়ে, ২০২৩-২৪-এ নয়।")
    assert_refused_and_nothing_written(job, registered)


SHIFTED = (
    " holds a number as long as an identity number, which does not belong in this column: "
    "check that the row's cells have not slipped into the wrong columns. Identity numbers go "
    "in the identity number column only."
)
GOOD_AMOUNTS = [
    ("৭,২০০", Decimal("7200.00")),
    ("১২,৩৪,৫৬৭.৫০", Decimal("1234567.50")),
    ("৳৫০০/-", Decimal("500.00")),
    ("৫০০ টাকা", Decimal("500.00")),
    ("৭২০০.০০", Decimal("7200.00")),
    ("1,500", Decimal("1500.00")),
]
BAD_AMOUNTS = [
    ("সাত হাজার", "“সাত হাজার” is not an amount: write it in digits, e.g. 12,34,567.50."),
    ("৭.২০০,০০", "“৭.২০০,০০” is not an amount: write it in digits, e.g. 12,34,567.50."),
    ("১২৩৪৫x", "“১২৩৪৫x” is not an amount: write it in digits, e.g. 12,34,567.50."),
    ("-৫০০", "“-৫০০” is negative; an amount cannot be."),
    ("১২.৩৪৫", "“১২.৩৪৫” has more than 2 decimal places."),
    # Fifteen digits: an identity number in the amount column, never quoted in clear.
    ("৫০০০০০০০০০০০০০০", "“" + "•" * 12 + "০০০”" + SHIFTED),
]


def test_amounts_in_bangla_digits_are_read(tmp_path, officer, union):
    rows = [
        person(f"ট-{n}", f"নাম {n}", programme="বয়স্ক ভাতা", fy="২০২৩-২৪", amount=text)
        for n, (text, _value) in enumerate(GOOD_AMOUNTS)
    ]
    job = commit(upload(new_list(tmp_path, *rows), officer, union))
    assert job.status == Status.COMMITTED, job.report
    stored = dict(Benefit.objects.values_list("household__code", "amount"))
    assert stored == {f"ট-{n}": value for n, (_text, value) in enumerate(GOOD_AMOUNTS)}


def test_amounts_that_are_not_money_are_refused(tmp_path, officer, union, registered):
    rows = [person("ট-০", "ভালো", programme="বয়স্ক ভাতা", fy="২০২৩-২৪", amount="৭,২০০")]
    rows += [
        person(f"ট-{n}", f"নাম {n}", programme="বয়স্ক ভাতা", fy="২০২৩-২৪", amount=text)
        for n, (text, _message) in enumerate(BAD_AMOUNTS, start=1)
    ]
    job = upload(new_list(tmp_path, *rows), officer, union)
    assert error_messages(job) == [
        (row, COLUMNS["amount"], message) for row, (_text, message) in enumerate(BAD_AMOUNTS, 3)
    ]
    assert bangla_of(job)[0][1] == "“সাত হাজার” টাকার অঙ্ক নয়: অঙ্কে লিখুন, যেমন ১২,৩৪,৫৬৭.৫০।"
    assert_refused_and_nothing_written(job, registered)


def test_a_practice_without_a_replication_in_the_union_is_refused(
    tmp_path, officer, union, practice, registered
):
    """The practice is recorded in another union only: its benefits cannot be booked here."""
    path = new_list(
        tmp_path,
        # A person without a benefit is fine whatever the practice.
        person("অ-১", "আমেনা"),
        person("অ-২", "জসিম", fy="২০২৩-২৪", in_kind="নলকূপ"),
        person("অ-৩", "করিম", received="১১/০২/২০২৪", amount="৫০০"),
    )
    job = upload(path, officer, union, practice=practice.pk)
    no_replication = (
        "This union has no replication of the chosen practice: record the replication first."
    )
    # The reason concerns the upload form's choice, not a cell: no column is named.
    assert error_messages(job) == [(3, "", no_replication), (4, "", no_replication)]
    no_replication_bn = "এই ইউনিয়নে বেছে নেওয়া ভালো শিখনের কোনো পুনর্বাস্তবায়ন নেই"
    assert bangla_of(job)[0][1].startswith(no_replication_bn)
    assert_refused_and_nothing_written(job, registered)


def test_once_the_replication_is_recorded_the_same_list_is_accepted(
    tmp_path, officer, union, practice, replication
):
    path = new_list(tmp_path, person("অ-২", "জসিম", fy="২০২৩-২৪", in_kind="নলকূপ"))
    job = commit(upload(path, officer, union, practice=practice.pk))
    assert job.status == Status.COMMITTED, job.report
    assert Benefit.objects.get().replication == replication


def test_a_list_uploaded_without_its_union_is_refused(
    client, django_user_model, django_capture_on_commit_callbacks, tmp_path, union, registered
):
    """Only a curator or superuser may leave the union empty on the upload form; the list
    still cannot be written without knowing whose it is."""
    root = django_user_model.objects.create_superuser("root", "root@example.org", "x-pass-12345")
    client.force_login(root)
    path = new_list(tmp_path, person("ক-১", "আমেনা"), person("ক-২", "রহিমা", born="০১/০১/১৯৬০"))
    with django_capture_on_commit_callbacks(execute=True), open(path, "rb") as handle:
        response = client.post("/en/imports/registry-persons/new/", {"file": handle})
    assert response.status_code == 302, response.content.decode()[:2000]
    job = ImportJob.objects.get(uploaded_by=root)
    assert job.scope is None
    choose = "Choose the union or pourashava whose list this is."
    assert error_messages(job) == [(2, "", choose), (3, "", choose)]
    assert bangla_of(job)[0][1] == "তালিকাটি কোন ইউনিয়ন বা পৌরসভার তা বেছে নিন।"
    page = client.get(f"/en/imports/{job.pk}/").content.decode()
    assert choose in page
    assert_refused_and_nothing_written(job, registered)


# --- disability -------------------------------------------------------------------------

ACCEPTED_DISABILITY = [
    ("না", Disability.NONE),
    ("নেই", Disability.NONE),
    ("no", Disability.NONE),
    ("0", Disability.NONE),
    ("", Disability.NONE),
    # Yes: a disability whose kind the list does not say (never the kind "other").
    ("হ্যাঁ", Disability.UNSPECIFIED),
    ("আছে", Disability.UNSPECIFIED),
    ("yes", Disability.UNSPECIFIED),
    ("১", Disability.UNSPECIFIED),
    ("অন্যান্য", Disability.OTHER),
    ("শারীরিক", Disability.PHYSICAL),
    ("দৃষ্টি প্রতিবন্ধিতা", Disability.VISUAL),
    ("Hearing", Disability.HEARING),
    ("বাক", Disability.SPEECH),
    ("বুদ্ধি প্রতিবন্ধিতা", Disability.INTELLECTUAL),
    ("মনোসামাজিক", Disability.PSYCHOSOCIAL),
    ("অটিজম", Disability.AUTISM),
    ("multiple", Disability.MULTIPLE),
]
REFUSED_DISABILITY = ["অজানা", "maybe", "২", "Hearing disability", "লম্বা"]


def test_the_disability_column_reads_yes_no_and_kinds(tmp_path, officer, union):
    rows = [
        person(f"প-{n}", f"নাম {n}", disability=text)
        for n, (text, _kind) in enumerate(ACCEPTED_DISABILITY)
    ]
    job = commit(upload(new_list(tmp_path, *rows), officer, union))
    assert job.status == Status.COMMITTED, job.report
    stored = dict(Person.objects.values_list("household__code", "disability"))
    assert stored == {f"প-{n}": kind for n, (_text, kind) in enumerate(ACCEPTED_DISABILITY)}
    flagged = set(
        Household.objects.filter(member_with_disability=True).values_list("code", flat=True)
    )
    assert flagged == {f"প-{n}" for n, (_t, kind) in enumerate(ACCEPTED_DISABILITY) if kind}


def test_a_disability_that_is_neither_yes_no_nor_a_kind_is_refused(
    tmp_path, officer, union, registered
):
    rows = [person("প-০", "ভালো", disability="শারীরিক")]
    rows += [
        person(f"প-{n}", f"নাম {n}", disability=text)
        for n, text in enumerate(REFUSED_DISABILITY, start=1)
    ]
    job = upload(new_list(tmp_path, *rows), officer, union)
    assert error_messages(job) == [
        (row, COLUMNS["disability"], f"“{text}” is not yes, no or a kind of disability.")
        for row, text in enumerate(REFUSED_DISABILITY, start=3)
    ]
    assert bangla_of(job)[0][1] == "“অজানা” হ্যাঁ, না বা প্রতিবন্ধিতার কোনো ধরন নয়।"
    assert_refused_and_nothing_written(job, registered)


# --- placeholders, impossible dates of birth, numbers in the wrong column ---------------


@pytest.mark.parametrize(
    "number",
    [
        "0000000000",
        "০০০০০০০০০০",
        "1111111111111",
        "1234567890",
        "9876543210",
        "1212121212",
        "98765432109876543",
        "০০০০০০০০০০০০০০০০০",
    ],
)
def test_a_placeholder_identity_number_is_refused(tmp_path, officer, union, registered, number):
    path = new_list(
        tmp_path,
        person("প-১", "ভালো", born="09/03/1985", id="4715093862"),
        person("প-২", "শূন্য", id=number),
    )
    job = upload(path, officer, union)
    (found,) = error_messages(job)
    assert found[:2] == (3, COLUMNS["id"])
    assert "is a placeholder, not anyone's identity number" in found[2]
    assert "leave the cell empty" in found[2]
    assert number not in repr(job.report)
    assert_refused_and_nothing_written(job, registered)


def test_placeholder_numbers_already_stored_are_not_a_match(union, other_union):
    from registry import duplicates
    from registry.models import DuplicateFlag

    from .factories import BenefitFactory, HouseholdFactory, PersonFactory

    first = PersonFactory(household=HouseholdFactory(lgi=union), number="0000000000")
    PersonFactory(household=HouseholdFactory(lgi=other_union), number="0000000000")
    BenefitFactory(person=first, fiscal_year="2023-24")
    BenefitFactory(person=PersonFactory(number="1234567890"), fiscal_year="2023-24")
    BenefitFactory(person=PersonFactory(number="1234567890"), fiscal_year="2023-24")
    assert sum(duplicates.detect().values()) == 0
    # The same record paid twice is still found.
    BenefitFactory(person=first, fiscal_year="2023-24", amount=100)
    duplicates.detect()
    assert list(DuplicateFlag.objects.values_list("kind", "person_a", "person_b")) == [
        ("repeat_benefit", first.pk, first.pk)
    ]


@pytest.mark.parametrize(
    ("born", "message"),
    [
        ("0001-01-01", "“0001-01-01” is before 01/01/1900."),
        ("31/12/1899", "“31/12/1899” is before 01/01/1900."),
        ("01/01/2999", "“01/01/2999” is after "),
    ],
)
def test_a_date_of_birth_before_1900_or_in_the_future_is_refused(
    tmp_path, officer, union, registered, born, message
):
    path = new_list(
        tmp_path,
        person("জ-১", "ভালো", born="01/01/1900"),
        person("জ-২", "পুরনো", born=born),
    )
    job = upload(path, officer, union)
    (found,) = error_messages(job)
    assert found[:2] == (3, COLUMNS["born"])
    assert found[2].startswith(message), found
    assert_refused_and_nothing_written(job, registered)


@pytest.mark.parametrize(
    ("column", "cells"),
    [
        ("name", {"name": TEST_NID}),
        ("name", {"name": "রহিমা 1985 7512 3456 78901"}),
        ("code", {"code": TEST_NID_BN}),
        ("in_kind", {"in_kind": "1985-7512-3456-78901", "programme": "বয়স্ক ভাতা", "fy": "২০২৩-২৪"}),
        ("ward", {"ward": TEST_NID}),
        ("born", {"born": TEST_NID}),
        (
            "amount",
            {"amount": "1,98,57,51,23,45,67,89,01", "programme": "বয়স্ক ভাতা", "fy": "২০২৩-২৪"},
        ),
        ("fy", {"fy": TEST_NID, "programme": "বয়স্ক ভাতা", "amount": "100"}),
        ("relation", {"relation": TEST_NID}),
        ("disability", {"disability": TEST_NID}),
        ("programme", {"programme": TEST_NID, "fy": "২০২৩-২৪", "amount": "100"}),
    ],
)
def test_an_identity_number_in_another_column_is_refused_masked(
    tmp_path, officer, union, registered, column, cells
):
    """A row whose cells slipped puts the number in a column that would store it in clear (a
    name, a code) or quote it in a refusal: refused, masked, wherever it lands."""
    cells = {"name": "রহিমা", **cells}
    job = upload(new_list(tmp_path, person(cells.pop("code", "স-১"), **cells)), officer, union)
    (found,) = error_messages(job)
    assert found[:2] == (2, COLUMNS[column])
    assert found[2].endswith("901”" + SHIFTED) or found[2].endswith("৯০১”" + SHIFTED), found
    report = repr(job.report)
    assert TEST_NID not in report and TEST_NID_BN not in report and "7512" not in report
    assert_refused_and_nothing_written(job, registered)


def test_an_identity_number_as_a_number_cell_in_another_column_is_refused(
    tmp_path, officer, union, registered
):
    header = ["Household code", "Ward", "Name (Bangla)", "Sex", "Date of birth", "Village"]
    path = write_xlsx(
        tmp_path / "list.xlsx",
        [header, [4715093862, 1, "আলেয়া", "F", datetime.date(1970, 1, 1), "উত্তর"]],
    )
    job = upload(path, officer, union)
    assert error_messages(job) == [(2, "Household code", "“•••••••862”" + SHIFTED)]
    assert "4715093862" not in repr(job.report)
    assert_refused_and_nothing_written(job, registered)
