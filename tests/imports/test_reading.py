"""Files as people have them: Excel workbooks, CSV from Excel in its several encodings, title
rows above the header; and the files that cannot be read, refused with a reason."""

import pytest

from .conftest import checked

HEADER = ["জেলা", "উপজেলা", "পৌরসভার নাম", "ইংরেজি নাম"]
ROWS = [
    ["ঢাকা", "সাভার", "সাভার", "Savar"],
    ["BD3026", "Dhamrai", "ধামরাই", "Dhamrai"],
    ["Comilla", "Debidwar", "দেবিদ্বার", "Debidwar"],
]


def outcome(job):
    return job.status, job.report["preview"], job.report["errors"], job.rows_total


@pytest.mark.django_db
def test_csv_in_every_encoding_excel_writes_reads_the_same(tmp_path, csv_file, curator):
    plain = checked(csv_file([HEADER, *ROWS]), "pourashavas", curator)
    with_bom = checked(csv_file([HEADER, *ROWS], encoding="utf-8-sig"), "pourashavas", curator)
    unicode_text = checked(
        csv_file([HEADER, *ROWS], name="list.txt", encoding="utf-16", delimiter="\t"),
        "pourashavas",
        curator,
    )
    semicolons = checked(csv_file([HEADER, *ROWS], delimiter=";"), "pourashavas", curator)

    assert plain.status == plain.Status.VALID, plain.report
    assert len(plain.report["preview"]) == 3
    for job in (with_bom, unicode_text, semicolons):
        assert outcome(job) == outcome(plain)


@pytest.mark.django_db
def test_xlsx_and_csv_give_the_same_result(csv_file, xlsx_file, curator):
    bad = ["Dhaka", "Nowhere", "কোথাও না", "Nowhere"]
    from_csv = checked(csv_file([HEADER, *ROWS, bad]), "pourashavas", curator)
    from_xlsx = checked(xlsx_file([HEADER, *ROWS, bad]), "pourashavas", curator)

    assert from_csv.status == from_csv.Status.INVALID
    assert outcome(from_xlsx) == outcome(from_csv)
    assert from_xlsx.report["errors"][0]["row"] == 5


@pytest.mark.django_db
def test_title_rows_above_the_header_are_skipped(xlsx_file, curator):
    title = [["পৌরসভার তালিকা, ২০২৪"], []]
    job = checked(xlsx_file([HEADER, *ROWS], title_rows=title), "pourashavas", curator)

    assert job.status == job.Status.VALID, job.report
    assert job.report["header_row"] == 3
    assert [line["row"] for line in job.report["preview"]] == [4, 5, 6]


@pytest.mark.django_db
def test_headers_written_in_both_languages_are_understood(csv_file, curator):
    header = ["জেলা / District", "উপজেলা/Upazila", "Name_BN", "name-en"]
    job = checked(csv_file([header, *ROWS]), "pourashavas", curator)

    assert job.status == job.Status.VALID, job.report


@pytest.mark.django_db
def test_a_file_without_a_required_column_is_refused_naming_it(csv_file, curator):
    job = checked(csv_file([HEADER[:3], *(row[:3] for row in ROWS)]), "pourashavas", curator)

    assert job.status == job.Status.INVALID
    assert job.report["problem"]["en"].startswith("The file has no column for: Name (English).")
    assert job.report["problem"]["bn"].startswith("ফাইলে এই কলাম নেই: নাম (ইংরেজি)।")
    assert job.rows_total == 0


@pytest.mark.django_db
def test_two_columns_meaning_the_same_are_refused(csv_file, curator):
    header = [*HEADER, "name_en"]
    job = checked(csv_file([header, *([*row, "x"] for row in ROWS)]), "pourashavas", curator)

    assert job.status == job.Status.INVALID
    assert "“ইংরেজি নাম” and “name_en” both mean “Name (English)”" in job.report["problem"]["en"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "The file is empty."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "This is an old Excel file (.xls)."),
        (b"PK\x03\x04 not really a workbook", "could not be read as an Excel workbook"),
        (
            "জেলা,উপজেলা,name_bn,name_en\n".encode() + b"Dhaka,Savar,\xe0\xa6,Savar\n",
            "The file is not UTF-8 text (the problem starts near row 2).",
        ),
        ("জেলা,উপজেলা,name_bn,name_en\n".encode(), "The file has a header row but no rows"),
    ],
)
def test_files_that_cannot_be_read_are_refused_with_a_reason(tmp_path, curator, content, reason):
    path = tmp_path / "upload.csv"
    path.write_bytes(content or b" ")
    job = checked(path, "pourashavas", curator)

    assert job.status == job.Status.INVALID
    assert reason in job.report["problem"]["en"]
    assert job.report["problem"]["bn"] != job.report["problem"]["en"]
