"""A row with a value right of the header's last column is refused, naming the row and the
likely cause; nothing of a row is dropped unread. An amount in lakh grouping written without
quotes (…,12,34,567) used to be read as 12 and overwrite what was stored."""

from decimal import Decimal

import pytest

from places.models import Area, Level
from practices.models import BudgetAllocation, Replication

from .conftest import checked, committed, messages, practice_with_records
from .hostile import BUDGET_HEADER, REPLICATIONS_HEADER, csv_file, xlsx_file


@pytest.fixture
def savar(db):
    upazila = Area.objects.get(code="BD30260072")
    return list(Area.objects.filter(parent=upazila, level=Level.UNION).order_by("key")[:2])


@pytest.fixture
def practice(savar):
    return practice_with_records(savar)


def stored(practice):
    return (
        list(BudgetAllocation.objects.filter(practice=practice).values_list("allocated", "spent")),
        list(Replication.objects.filter(practice=practice).values_list("households_reached")),
    )


@pytest.mark.django_db
def test_a_lakh_amount_without_quotes_is_refused_and_the_stored_amount_kept(
    tmp_path, curator, practice, savar
):
    before = stored(practice)
    path = csv_file(
        tmp_path / "budget.csv",
        [
            BUDGET_HEADER[:5],
            ["Dhaka", "Savar", savar[0].name_en, "2019-20", "12,34,567"],
        ],
    )

    job = committed(checked(path, "practice-budget", curator, options={"practice": practice.pk}))

    assert job.status == job.Status.INVALID
    assert [(error["row"], error["column"]) for error in job.report["errors"]] == [(2, "")]
    assert messages(job) == [
        "Row 2 has 7 cells, but the header row has 5. A number written with commas and without "
        "quotes (12,34,567) is split into a cell at each comma: write it without commas "
        '(1234567) or in quotes ("12,34,567").'
    ]
    bangla = messages(job, "bn")[0]
    assert bangla.startswith("২ নম্বর সারিতে ৭টি ঘর আছে, কিন্তু কলামের নামের সারিতে আছে ৫টি।")
    assert "১২,৩৪,৫৬৭" in bangla
    assert stored(practice) == before


@pytest.mark.django_db
def test_a_count_with_a_thousands_comma_mid_row_is_refused(tmp_path, curator, practice, savar):
    before = stored(practice)
    path = csv_file(
        tmp_path / "replications.csv",
        [
            REPLICATIONS_HEADER[:8],
            ["Dhaka", "Savar", savar[0].name_en, "Completed", "", "", "2019-20", "1,500"],
        ],
    )

    job = committed(
        checked(path, "practice-replications", curator, options={"practice": practice.pk})
    )

    assert job.status == job.Status.INVALID
    assert messages(job)[0].startswith("Row 2 has 9 cells, but the header row has 8.")
    assert stored(practice) == before


@pytest.mark.django_db
def test_quoted_amounts_and_the_empty_cells_excel_leaves_are_read(
    tmp_path, csv_file, curator, practice, savar
):
    # csv_file (conftest) quotes as Excel does: "12,34,568" stays one cell; Excel also pads
    # every row, the header too, with empty cells to the width of the sheet.
    path = csv_file(
        [
            [*BUDGET_HEADER[:5], "", "", ""],
            ["Dhaka", "Savar", savar[0].name_en, "2019-20", "12,34,568", "", "", ""],
            ["Dhaka", "Savar", savar[0].name_en, "2020-21", "12,000", ""],
        ]
    )

    job = committed(checked(path, "practice-budget", curator, options={"practice": practice.pk}))

    assert job.status == job.Status.COMMITTED, job.report
    assert dict(
        BudgetAllocation.objects.filter(practice=practice).values_list("fiscal_year", "allocated")
    ) == {"2019-20": Decimal("1234568"), "2020-21": Decimal("12000")}


@pytest.mark.django_db
def test_a_workbook_value_right_of_the_last_header_is_refused_by_its_column(
    tmp_path, curator, practice, savar
):
    before = stored(practice)
    path = xlsx_file(
        tmp_path / "replications.xlsx",
        [
            REPLICATIONS_HEADER,
            ["Dhaka", "Savar", savar[0].name_en, "Completed", "", "", "2019-20", 1500, None, 7],
        ],
    )

    job = committed(
        checked(path, "practice-replications", curator, options={"practice": practice.pk})
    )

    assert job.status == job.Status.INVALID
    assert messages(job) == [
        "Row 2 has a value in column J, right of the last column with a header (H). Give that "
        "column a header, or move the value into its column."
    ]
    assert stored(practice) == before


@pytest.mark.django_db
def test_a_tab_separated_file_names_the_column_not_commas(tmp_path, curator, practice, savar):
    path = csv_file(
        tmp_path / "replications.txt",
        [
            "\t".join(REPLICATIONS_HEADER),
            "\t".join(["Dhaka", "Savar", savar[0].name_en, "Completed", "", "", "", "1", "2"]),
        ],
    )

    job = checked(path, "practice-replications", curator, options={"practice": practice.pk})

    assert job.status == job.Status.INVALID
    assert messages(job)[0].startswith("Row 2 has a value in column I,")
