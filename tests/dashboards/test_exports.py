"""CSV and Excel downloads read back to what the database holds, for the public tables and for a
filtered dashboard view."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from practices.models import BudgetAllocation, Replication

from . import expected

pytestmark = pytest.mark.django_db


def csv_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def xlsx_rows(response, sheet=None):
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list((workbook[sheet] if sheet else workbook.worksheets[0]).iter_rows(values_only=True))
    header, *body = rows
    # Trailing empty cells are not stored, so a row may be shorter than the header.
    padded = [row + (None,) * (len(header) - len(row)) for row in body]
    return [dict(zip(header, row, strict=True)) for row in padded], workbook


def test_replications_csv_round_trips(dataset, client):
    rows = csv_rows(client.get("/data/replications.csv", {"division": "BD30"}))
    stored = {
        r.pk: r
        for r in Replication.objects.filter(
            practice__live=True, lgi__division__code="BD30"
        ).select_related("lgi", "lgi__district")
    }
    assert len(rows) == len(stored) > 0
    for row in rows:
        replication = stored[int(row["id"])]
        assert row["practice"] == str(replication.practice_id)
        assert row["lgi"] == replication.lgi.key
        assert row["district"] == replication.lgi.district.key
        assert row["status"] == replication.status
        assert row["fiscal_year"] == replication.fiscal_year
        assert row["end_date"] == (replication.end_date.isoformat() if replication.end_date else "")
        reached = replication.households_reached
        assert row["households_reached"] == ("" if reached is None else str(reached))


def test_budget_excel_round_trips_with_numbers_and_field_notes(dataset, client):
    rows, workbook = xlsx_rows(client.get("/data/budget-allocations.xlsx", {"theme": "governance"}))
    stored = {
        line.pk: line
        for line in BudgetAllocation.objects.filter(
            practice__live=True, practice__theme__slug="governance"
        )
    }
    assert len(rows) == len(stored) > 0
    for row in rows:
        line = stored[row["id"]]
        assert Decimal(str(row["allocated"])) == line.allocated
        assert Decimal(str(row["spent"])) == line.spent
        assert row["fiscal_year"] == line.fiscal_year
        assert row["version"] == line.version
    effective = sum(1 for row in rows if row["effective"])
    assert effective == len(expected.effective_budget_lines(expected.Filter(theme="governance")))
    fields = {row[0] for row in workbook["ক্ষেত্রসমূহ"].iter_rows(values_only=True)}
    assert {"allocated", "spent", "effective", "source"} <= fields


def test_practices_excel_has_dates_as_dates(dataset, client):
    rows, _workbook = xlsx_rows(client.get("/data/practices.xlsx"))
    best = [row for row in rows if row["best_practice_since"] is not None]
    assert best and all(isinstance(row["best_practice_since"], datetime.datetime) for row in best)
    assert {row["title"] for row in rows} == {
        p.title for p in dataset["practices"] if p.pk != dataset["hidden"].pk
    }


def test_a_filtered_dashboard_view_downloads_as_csv_and_excel(dataset, client):
    params = {"district": "BD3026", "year_from": "2015-16", "year_to": "2017-18"}
    want = expected.headline(expected.Filter(**params))
    rows = csv_rows(client.get("/dashboard/export.csv", params))
    headline = {row["measure"]: row["value"] for row in rows if row["section"] == "headline"}
    assert headline["replications"] == str(want["replications"])
    assert headline["lgis_reached"] == str(want["lgis_reached"])
    assert Decimal(headline["budget_spent"]) == want["budget_spent"]
    assert headline["circulars"] == str(want["circulars"])
    by_year = {
        row["key"]: int(row["value"])
        for row in rows
        if row["section"] == "replications_by_year" and row["measure"] == "completed"
    }
    assert {year: n for year, n in by_year.items() if n} == expected.replications_by_year(
        expected.Filter(**params)
    )

    response = client.get("/dashboard/export.xlsx", params)
    sheet_rows, workbook = xlsx_rows(response, "headline")
    values = {row["measure"]: row["value"] for row in sheet_rows}
    assert values["replications"] == want["replications"]
    assert Decimal(str(values["budget_spent"])) == want["budget_spent"]
    about = list(workbook["ফিল্টার"].iter_rows(values_only=True))
    assert ("জেলা", "ঢাকা") in about


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
    cells = [row["title"] for row in rows if row["id"] == str(practice.pk)]
    assert cells == ["'" + title]

    response = client.get("/data/practices.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    ids, titles = header.index("id") + 1, header.index("title") + 1
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
