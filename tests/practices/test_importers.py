"""Bulk loads of replications and budget lines through the import framework."""

import csv
from decimal import Decimal
from pathlib import Path

from django.core.files import File

import pytest
from openpyxl import Workbook

from imports import registry
from imports.models import ImportJob
from imports.tasks import commit_job, validate_job
from places.models import Area
from portal import roles
from practices.models import BudgetAllocation, PracticePage, Replication

from .factories import ReplicationFactory


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return Path(path)


def write_xlsx(path, rows):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("তালিকা")
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return Path(path)


def checked(path, kind, user, practice):
    job = ImportJob(
        kind=kind,
        original_name=path.name,
        file_size=path.stat().st_size,
        uploaded_by=user,
        options={"practice": practice.pk},
    )
    with open(path, "rb") as handle:
        job.file.save(path.name, File(handle), save=False)
    job.save()
    validate_job.delay(job.pk)
    job.refresh_from_db()
    return job


def committed(job):
    commit_job.delay(job.pk)
    job.refresh_from_db()
    return job


def errors(job, language="en"):
    return [(e["row"], e["column"], e["message"][language]) for e in job.report["errors"]]


@pytest.fixture
def places(db):
    """Two unions of Savar upazila (Dhaka district), named as people write them."""
    savar = Area.objects.get(code="BD30260072")
    unions = list(Area.objects.filter(parent=savar, level="union").order_by("key")[:3])
    return savar, unions


def test_both_importers_are_registered_for_curators_only(make_user, curator, union):
    kinds = {importer.kind for importer in registry.usable_by(curator)}
    assert {"practice-replications", "practice-budget"} <= kinds
    editor = make_user("editor", roles.UP_EDITOR, [union])
    assert not {"practice-replications", "practice-budget"} & {
        importer.kind for importer in registry.usable_by(editor)
    }


def test_replications_from_a_bangla_csv_dry_run_then_commit(
    tmp_path, curator, practice, places, django_capture_on_commit_callbacks
):
    savar, unions = places
    path = write_csv(
        tmp_path / "অনুসরণ.csv",
        [
            ["জেলা", "উপজেলা", "ইউনিয়ন", "অবস্থা", "শুরুর তারিখ", "শেষের তারিখ", "অর্থবছর",
             "উপকৃত খানা"],
            ["ঢাকা", savar.name_bn, unions[0].name_bn, "সম্পন্ন", "০১/০৭/২০১৮", "৩০/০৬/২০১৯",
             "২০১৮-১৯", "১,২০০"],
            ["Dhaka", "Savar", unions[1].name_en, "Ongoing", "2019-07-01", "", "2019-20", "300"],
        ],
    )  # fmt: skip
    job = checked(path, "practice-replications", curator, practice)
    assert job.status == ImportJob.Status.VALID, errors(job)
    assert not Replication.objects.exists()

    job = committed(job)
    assert job.status == ImportJob.Status.COMMITTED
    rows = {r.lgi_id: r for r in Replication.objects.filter(practice=practice)}
    assert rows[unions[0].pk].status == "completed"
    assert rows[unions[0].pk].households_reached == 1200
    assert rows[unions[0].pk].fiscal_year == "2018-19"
    assert rows[unions[1].pk].status == "ongoing"
    fresh = PracticePage.objects.get(pk=practice.pk)
    assert (fresh.replication_count, fresh.ongoing_count) == (1, 1)

    again = committed(checked(path, "practice-replications", curator, practice))
    assert (again.created_count, again.unchanged_count) == (0, 2)
    assert Replication.objects.count() == 2


def test_replication_rows_are_refused_with_row_column_and_reason(
    tmp_path, curator, practice, places, union
):
    _savar, unions = places
    path = write_csv(
        tmp_path / "bad.csv",
        [
            ["District", "Upazila", "Union", "Status", "Start date", "End date", "Fiscal year"],
            ["Dhaka", "Savar", unions[0].name_en, "done", "", "", ""],
            ["Dhaka", "Savar", unions[1].name_en, "Completed", "01/07/2019", "01/01/2019", ""],
            ["", "", union.key, "Completed", "", "", ""],
            ["Dhaka", "Savar", unions[1].name_en, "Completed", "", "", "2019-21"],
            ["Dhaka", "Savar", unions[2].name_en, "Completed", "", "", ""],
            ["Dhaka", "Savar", unions[2].name_en, "Ongoing", "", "", ""],
            ["Dhaka", "Savar", "Nowhere", "Completed", "", "", ""],
        ],
    )
    job = checked(path, "practice-replications", curator, practice)
    assert job.status == ImportJob.Status.INVALID
    found = {row: (column, message) for row, column, message in errors(job)}
    assert found[2][0] == "Status" and "done" in found[2][1]
    assert found[3] == ("End date", "The end date is before the start date.")
    assert found[4][0] == "Union" and "does not replicate its own practice" in found[4][1]
    assert found[5][0] == "Fiscal year"
    assert 6 not in found
    assert "repeats row 6" in found[7][1]
    assert found[8][0] == "Union"
    assert not Replication.objects.exists()
    # Nothing is written from a file with errors.
    assert committed(job).status != ImportJob.Status.COMMITTED
    assert not Replication.objects.exists()


def test_budget_lines_from_excel_with_bangla_amounts(tmp_path, curator, practice, places):
    savar, unions = places
    ReplicationFactory(practice=practice, lgi=unions[0])
    path = write_xlsx(
        tmp_path / "বাজেট.xlsx",
        [
            ["উপজেলা", "ইউনিয়ন", "অর্থবছর", "বরাদ্দ", "ব্যয়", "উৎস", "বাজেটের ধরন"],
            [savar.code, unions[0].name_bn, "২০২০-২১", "১,২০,০০০", "৯০,০০০ টাকা", "নিজস্ব আয়",
             "মূল"],
            [savar.code, unions[0].name_bn, "২০২০-২১", "১,৫০,০০০", "১,৪০,০০০", "নিজস্ব আয়",
             "সংশোধিত"],
            [savar.code, unions[0].name_bn, "2021-22", 80000, 80000, "", ""],
            [savar.code, unions[0].name_bn, "2022-23", "500",
             "", "Block grant", "Original"],
        ],
    )  # fmt: skip
    job = checked(path, "practice-budget", curator, practice)
    assert job.status == ImportJob.Status.VALID, errors(job)
    committed(job)
    lines = BudgetAllocation.objects.filter(practice=practice)
    assert lines.count() == 4
    assert lines.get(fiscal_year="2022-23").spent == 0
    fresh = PracticePage.objects.get(pk=practice.pk)
    # The revised 2020-21 line supersedes the original one.
    assert fresh.budget_allocated == Decimal(150000 + 80000 + 500)
    assert fresh.budget_spent == Decimal(140000 + 80000)


def test_budget_rows_are_refused_naming_the_column(tmp_path, curator, practice, places):
    _savar, unions = places
    ReplicationFactory(practice=practice, lgi=unions[0])
    path = write_csv(
        tmp_path / "bad-budget.csv",
        [
            ["Upazila", "Union", "Fiscal year", "Allocated", "Spent"],
            ["Savar", unions[0].name_en, "2020-21", "1000", "2000"],
            ["Savar", unions[0].name_en, "2021-22", "-5", ""],
            ["Savar", unions[0].name_en, "1990-91", "100", ""],
            ["Savar", unions[1].name_en, "2020-21", "100", ""],
        ],
    )
    job = checked(path, "practice-budget", curator, practice)
    assert job.status == ImportJob.Status.INVALID
    found = {row: (column, message) for row, column, message in errors(job)}
    assert found[2][0] == "Spent" and "more than the amount allocated" in found[2][1]
    assert found[3][0] == "Allocated" and "negative" in found[3][1]
    assert found[4][0] == "Fiscal year"
    assert found[5][0] == "Union" and "has no replication" in found[5][1]
    assert not BudgetAllocation.objects.exists()


def test_an_import_that_changes_verified_figures_clears_the_verification(
    tmp_path, curator, practice, places
):
    from django.utils import timezone

    _savar, unions = places
    kept, changed = (
        ReplicationFactory(
            practice=practice,
            lgi=lgi,
            status="completed",
            start_date=None,
            end_date=None,
            fiscal_year="2018-19",
            households_reached=100,
            verified_by=curator,
            verified_at=timezone.now(),
        )
        for lgi in unions[:2]
    )
    path = write_csv(
        tmp_path / "replications.csv",
        [
            ["District", "Upazila", "Union", "Status", "Start date", "End date", "Fiscal year",
             "Households reached"],
            ["Dhaka", "Savar", unions[0].name_en, "Completed", "", "", "2018-19", "100"],
            ["Dhaka", "Savar", unions[1].name_en, "Completed", "", "", "2018-19", "900"],
        ],
    )  # fmt: skip
    job = committed(checked(path, "practice-replications", curator, practice))
    assert job.status == ImportJob.Status.COMMITTED, errors(job)
    kept.refresh_from_db()
    changed.refresh_from_db()
    assert changed.households_reached == 900
    assert (changed.verified_by, changed.verified_at) == (None, None)
    assert kept.verified_by == curator and kept.verified_at is not None
