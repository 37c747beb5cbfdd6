"""CSV and Excel downloads read back to what the database holds, for the public tables and for a
filtered dashboard view: headed in the page's language, with the names of practices and areas
beside their codes and yes/no for booleans; Excel files with a frozen header row, widths,
number formats and a sheet describing each column; the same download again from the cache."""

import csv
import datetime
import io
from decimal import Decimal

from django.utils import translation

import pytest
from openpyxl import load_workbook

from dashboards import readable
from dashboards.opendata import TABLES_BY_SLUG
from practices.models import BudgetAllocation, Replication

from . import expected

pytestmark = pytest.mark.django_db


def body(response):
    assert response.status_code == 200, response.content[:500]
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    data = body(response)
    assert data.startswith("\ufeff".encode())  # Excel reads Bangla only after a BOM
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def xlsx_rows(response, sheet=None):
    workbook = load_workbook(io.BytesIO(body(response)))
    rows = list((workbook[sheet] if sheet else workbook.worksheets[0]).iter_rows(values_only=True))
    header, *rest = rows
    return [dict(zip(header, row, strict=True)) for row in rest], workbook


def test_replications_csv_names_practices_and_areas_in_bangla(dataset, client):
    rows = csv_rows(client.get("/data/replications.csv", {"division": "BD30"}))
    stored = {
        r.pk: r
        for r in Replication.objects.filter(
            practice__live=True, lgi__division__code="BD30"
        ).select_related("practice", "lgi", "lgi__upazila", "lgi__district", "lgi__division")
    }
    assert len(rows) == len(stored) > 0
    assert {"আইডি", "শিখনের আইডি", "ভালো শিখন", "জেলার কোড", "জেলা", "অবস্থা"} <= set(rows[0])
    labels = {"completed": "সম্পন্ন", "ongoing": "চলমান"}
    for row in rows:
        replication = stored[int(row["আইডি"])]
        lgi = replication.lgi
        assert row["শিখনের আইডি"] == str(replication.practice_id)
        assert row["ভালো শিখন"] == replication.practice.title
        assert row["স্থানীয় সরকার প্রতিষ্ঠানের কোড"] == lgi.key
        assert row["ইউনিয়ন বা পৌরসভা"] == lgi.name_bn
        assert (row["উপজেলা"], row["জেলা"]) == (lgi.upazila.name_bn, lgi.district.name_bn)
        assert row["বিভাগ"] == lgi.division.name_bn == "ঢাকা"
        if replication.status in labels:
            assert row["অবস্থা"] == labels[replication.status]
        assert row["এনআইএলজি কর্তৃক যাচাইকৃত"] == ("হ্যাঁ" if replication.verified_at else "না")
        assert row["শেষের তারিখ"] == (
            replication.end_date.isoformat() if replication.end_date else ""
        )
        reached = replication.households_reached
        assert row["উপকৃত খানা"] == ("" if reached is None else str(reached))


def test_the_english_download_is_headed_and_named_in_english(dataset, client):
    rows = csv_rows(client.get("/en/data/replications.csv", {"district": "BD2019"}))
    assert rows
    stored = {
        r.pk: r for r in Replication.objects.select_related("practice", "lgi", "lgi__district")
    }
    for row in rows:
        replication = stored[int(row["ID"])]
        assert row["Practice"] == replication.practice.title_en
        assert row["Union or pourashava"] == (replication.lgi.name_en or replication.lgi.name_bn)
        assert row["District"] == "Cumilla"
        assert row["Status"] == replication.get_status_display()
        assert row["Verified by NILG"] in ("Yes", "No")


def test_the_quick_reader_gives_each_row_as_the_api_does(dataset):
    """The big tables are read with values() for speed: row for row what the API's serializer
    makes of the same records."""
    for slug in readable.FAST_READERS:
        table = TABLES_BY_SLUG[slug]
        _form, queryset = table.rows({})
        reader = readable.reader_of(table)
        quick = [reader.shape(row) for row in reader.values(queryset)[:400]]
        serializer = table.serializer(many=True).child
        slow = [serializer.to_representation(row) for row in queryset[:400]]
        assert quick == [dict(row) for row in slow], slug
        assert quick


def test_budget_excel_has_names_formats_a_frozen_header_and_a_sheet_of_columns(dataset, client):
    rows, workbook = xlsx_rows(client.get("/data/budget-allocations.xlsx", {"theme": "governance"}))
    stored = {
        line.pk: line
        for line in BudgetAllocation.objects.filter(
            practice__live=True, practice__theme__slug="governance"
        ).select_related("practice", "lgi")
    }
    assert len(rows) == len(stored) > 0
    for row in rows:
        line = stored[row["আইডি"]]
        assert Decimal(str(row["বরাদ্দ (টাকা)"])) == line.allocated
        assert Decimal(str(row["ব্যয় (টাকা)"])) == line.spent
        assert row["অর্থবছর"] == line.fiscal_year
        assert row["ভালো শিখন"] == line.practice.title
        assert row["ইউনিয়ন বা পৌরসভা"] == line.lgi.name_bn
    effective = sum(1 for row in rows if row["মোট হিসাবে গণ্য"] == "হ্যাঁ")
    assert effective == len(expected.effective_budget_lines(expected.Filter(theme="governance")))

    sheet = workbook.worksheets[0]
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    assert all(cell.font.bold for cell in sheet[1])
    amount = header.index("বরাদ্দ (টাকা)") + 1
    assert sheet.cell(row=2, column=amount).number_format == "#,##0.00"
    letters = [cell.column_letter for cell in sheet[1]]
    widths = {letter: sheet.column_dimensions[letter].width for letter in letters}
    assert all(width and width >= 9 for width in widths.values())
    assert widths[letters[header.index("ভালো শিখন")]] > widths[letters[header.index("আইডি")]]

    described = list(workbook["ক্ষেত্রসমূহ"].iter_rows(values_only=True))
    assert described[0][:3] == ("কলাম", "ক্ষেত্র", "অর্থ")
    by_header = {row[0]: row for row in described[1:]}
    assert set(by_header) == set(header)
    assert by_header["বরাদ্দ (টাকা)"][1] == "allocated"
    assert all(row[2] for row in described[1:])  # every column explained


def test_practices_excel_has_dates_as_dates_and_names(dataset, client):
    rows, _workbook = xlsx_rows(client.get("/en/data/practices.xlsx"))
    best = [row for row in rows if row["Best practice since"] is not None]
    assert best and all(isinstance(row["Best practice since"], datetime.datetime) for row in best)
    assert {row["Title (Bangla)"] for row in rows} == {
        p.title for p in dataset["practices"] if p.pk != dataset["hidden"].pk
    }
    assert {row["Theme"] for row in rows} <= {t.name_en for t in dataset["themes"].values()}
    assert {row["Best practice"] for row in rows} <= {"Yes", "No"}


def test_a_repeat_download_comes_from_the_cache_until_the_data_changes(
    dataset, client, django_capture_on_commit_callbacks
):
    first = client.get("/data/replications.csv", {"district": "BD2019"})
    assert first.streaming and "X-Download-Cache" not in first
    made = body(first)
    again = client.get("/data/replications.csv", {"district": "BD2019"})
    assert again["X-Download-Cache"] == "hit"
    assert body(again) == made
    workbook = client.get("/data/replications.xlsx", {"district": "BD2019"})
    assert "X-Download-Cache" not in workbook
    assert client.get("/data/replications.xlsx", {"district": "BD2019"})["X-Download-Cache"]
    # Each language is its own file.
    assert "X-Download-Cache" not in client.get("/en/data/replications.csv", {"district": "BD2019"})

    replication = Replication.objects.filter(lgi__district__code="BD2019").first()
    with django_capture_on_commit_callbacks(execute=True):
        replication.households_reached = 4321
        replication.save()
    fresh = client.get("/data/replications.csv", {"district": "BD2019"})
    assert "X-Download-Cache" not in fresh
    assert b"4321" in body(fresh)


def test_filters_take_names_and_codes_alike(dataset, client):
    by_code = client.get("/data/replications/", {"district": "BD2019"})
    for name in ("কুমিল্লা", "Cumilla", "cumilla"):
        by_name = client.get("/data/replications/", {"district": name})
        assert by_name.status_code == 200
        assert by_name.context["page_obj"].paginator.count == (
            by_code.context["page_obj"].paginator.count
        )
    practice = dataset["practices"][1]
    by_title = csv_rows(client.get("/data/replications.csv", {"practice": practice.title}))
    by_id = csv_rows(client.get("/data/replications.csv", {"practice": str(practice.pk)}))
    assert by_title == by_id and by_title
    assert {row["ভালো শিখন"] for row in by_title} == {practice.title}
    themed = client.get("/en/data/budget-allocations/", {"theme": "Governance"})
    assert themed.status_code == 200 and themed.context["page_obj"].paginator.count > 0


def test_a_name_that_matches_nothing_is_refused_naming_the_field(dataset, client):
    response = client.get("/data/replications/", {"district": "অচিনপুর"})
    assert response.status_code == 400
    page = response.text
    assert "<code>district</code>" in page and "অচিনপুর" in page
    answer = client.get("/en/data/replications.csv", {"practice": "No such practice"})
    assert answer.status_code == 400
    assert "practice" in answer.json() and "No such practice" in answer.json()["practice"][0]
    # An unknown key still gives an empty list, as the API always did.
    assert csv_rows(client.get("/data/replications.csv", {"district": "BD9999"})) == []


def test_the_filter_offers_names_and_shows_the_name_of_a_code(dataset, client):
    page = client.get("/data/replications/", {"division": "BD20", "district": "BD2019"}).text
    assert 'list="choices-district"' in page
    assert '<datalist id="choices-district">' in page
    assert '<option value="কুমিল্লা">' in page
    assert (
        '<option value="ঢাকা">' not in page.split('id="choices-district"')[1].split("</datalist>")[0]
    )
    assert 'value="কুমিল্লা"' in page.split('id="id_district"')[0].rsplit("<input", 1)[1]
    assert '<datalist id="choices-lgi">' in page  # unions listed once a district is chosen
    assert '<th scope="col" data-field="district_name">জেলা</th>' in page
    english = client.get("/en/data/replications/", {"district": "BD2019"}).text
    assert '<option value="Cumilla">' in english
    assert 'data-field="district_name">District</th>' in english


def test_a_data_table_page_reads_in_names_with_numbered_pages(dataset, client):
    page = client.get("/data/replications/").text
    assert "কুমিল্লা" in page and "BD2019" in page
    assert "হ্যাঁ" in page or "না" in page
    response = client.get("/data/areas/", {"page": "3"})
    last = response.context["page_obj"].paginator.num_pages
    assert last > 10
    numbers = response.text.split('class="pagination"')[1].split("</nav>")[0]
    assert 'aria-current="page">৩</a>' in numbers
    for number, bangla in ((1, "১"), (2, "২"), (4, "৪"), (5, "৫")):
        assert f'page={number}">{bangla}</a>' in numbers
    assert f'page={last}">' in numbers and f'page={last - 1}">' not in numbers
    assert "…" in numbers and 'rel="next"' in numbers and 'rel="prev"' in numbers


def test_a_filtered_dashboard_view_downloads_every_figure_by_name(dataset, client):
    params = {"district": "BD3026", "year_from": "2015-16", "year_to": "2017-18"}
    want = expected.headline(expected.Filter(**params))
    rows = csv_rows(client.get("/dashboard/export.csv", params))
    assert set(rows[0]) == {"অংশ", "খাত", "কোড", "পরিমাপ", "মান", "একক"}
    headline = {row["কোড"]: row["মান"] for row in rows if row["অংশ"] == "প্রধান সংখ্যা"}
    assert headline["replications"] == str(want["replications"])
    assert headline["lgis_reached"] == str(want["lgis_reached"])
    assert Decimal(headline["budget_spent"]) == want["budget_spent"]
    assert headline["circulars"] == str(want["circulars"])
    top = [row for row in rows if row["অংশ"] == "সর্বাধিক পুনর্বাস্তবায়িত ভালো শিখন"]
    titles = {p.pk: p.title for p in dataset["practices"]}
    assert top and all(row["খাত"] == titles[int(row["কোড"])] for row in top)
    mapped = [row for row in rows if row["অংশ"].startswith("মানচিত্র")]
    assert {row["খাত"] for row in mapped} >= {"সাভার"}  # the district's upazilas, by name
    assert {row["কোড"] for row in mapped if row["খাত"] == "সাভার"} == {"BD30260072"}

    response = client.get("/dashboard/export.xlsx", params)
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["প্রধান সংখ্যা"]
    assert sheet.freeze_panes == "A2"
    values = {row[1]: row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["replications"] == want["replications"]
    assert Decimal(str(values["budget_spent"])) == want["budget_spent"]
    about = list(workbook["ফিল্টার"].iter_rows(values_only=True))
    assert ("জেলা", "ঢাকা") in about
    assert any(name.startswith("মানচিত্র") for name in workbook.sheetnames)

    english = csv_rows(client.get("/en/dashboard/export.csv", params))
    sections = {row["Section"] for row in english}
    assert {"Headline figures", "Most replicated practices"} <= sections


def test_a_malformed_filter_gets_a_400_naming_it(dataset, client):
    response = client.get("/data/budget-allocations.csv", {"fiscal_year_min": "2015/17"})
    assert response.status_code == 400
    assert "fiscal_year_min" in response.content.decode()


FORMULAS = ['=HYPERLINK("http://evil.example/","click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1)"]


@pytest.mark.parametrize("title", FORMULAS)
def test_a_title_that_looks_like_a_formula_never_runs_in_a_download(dataset, client, title):
    from practices.models import PracticePage

    practice = PracticePage.objects.live().first()
    practice.title = title
    practice.save_revision().publish()

    rows = csv_rows(client.get("/data/practices.csv"))
    cells = [row["শিরোনাম (বাংলা)"] for row in rows if row["আইডি"] == str(practice.pk)]
    assert cells == ["'" + title]
    named = csv_rows(client.get("/data/replications.csv", {"practice": str(practice.pk)}))
    assert {row["ভালো শিখন"] for row in named} == {"'" + title}

    response = client.get("/data/practices.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    ids, titles = header.index("আইডি") + 1, header.index("শিরোনাম (বাংলা)") + 1
    found = [
        row for row in sheet.iter_rows(min_row=2) if str(row[ids - 1].value) == str(practice.pk)
    ]
    assert len(found) == 1
    cell = found[0][titles - 1]
    assert cell.data_type == "s" and cell.value == title


def test_a_negative_number_written_as_text_stays_a_number_in_csv():
    from dashboards.exports import csv_value

    assert csv_value("-12.50") == "-12.50"
    assert csv_value("-2+3") == "'-2+3"
    assert csv_value(-5) == "-5"


def test_the_column_headers_are_translated_for_every_table():
    for table in TABLES_BY_SLUG.values():
        with translation.override("bn"):
            bangla = [str(column.label) for column in table.columns()]
        with translation.override("en"):
            english = [str(column.label) for column in table.columns()]
        assert len(set(bangla)) == len(bangla), table.slug  # no two columns headed alike
        untranslated = [b for b, e in zip(bangla, english, strict=True) if b == e and b != "URL"]
        assert not untranslated, (table.slug, untranslated)


def test_a_name_several_areas_share_asks_for_the_area_above_it(dataset, client):
    response = client.get("/en/data/areas/", {"upazila": "Durgapur"})
    assert response.status_code == 400
    assert "More than one upazila is named “Durgapur”" in response.text
    for text in ("Durgapur, Netrakona", "দুর্গাপুর, নেত্রকোণা"):
        chosen = client.get("/en/data/areas/", {"upazila": text, "level": "union"})
        assert chosen.status_code == 200
        rows = chosen.context["page_obj"].paginator.count
        assert rows > 0
        assert "Netrakona" in chosen.text and "Rajshahi" not in chosen.text.split("<table")[1]


def test_the_files_of_a_new_data_version_are_made_before_anyone_asks(dataset, client):
    from dashboards.tasks import prepare_downloads

    assert prepare_downloads() == 2 * 2 * len(TABLES_BY_SLUG)  # each table, format, language
    assert prepare_downloads() == 0  # nothing new until the data changes
    for path in ("/data/budget-allocations.xlsx", "/en/data/replications.csv"):
        response = client.get(path)
        assert response["X-Download-Cache"] == "hit", path
    rows = csv_rows(client.get("/en/data/replications.csv"))
    assert len(rows) == Replication.objects.filter(practice__live=True).count()
