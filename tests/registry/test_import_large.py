"""A file of nearly a million rows: streamed in both passes, and all-or-nothing in the commit."""

import pytest

from imports.models import ImportJob
from registry.models import BeneficiaryAggregate, Benefit, Household, Person, Programme

from .conftest import commit, upload
from .largefile import write_rows

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

ROWS = 900_010
BAD_LINE = 900_000
HEADER = ["খানা নং", "ওয়ার্ড নং", "নাম", "লিঙ্গ", "কর্মসূচি", "অর্থবছর", "টাকার পরিমাণ"]


def rows():
    """Four persons a household; the row at file line BAD_LINE (the header is line 1) records an
    allowance of a programme that will be gone by the time the file is committed."""
    for index in range(ROWS):
        household = index // 4
        line = index + 2
        benefit = ["বিদায়ী ভাতা", "২০২৩-২৪", "৭২০০"] if line == BAD_LINE else ["", "", ""]
        yield [f"খ-{household}", 1 + household % 9, f"নাম {index}", "নারী", *benefit]


def _status_mb(field):
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise LookupError(field)


def reset_peak_memory():
    """Start measuring the peak resident memory afresh, so what earlier tests in this process
    used does not hide what the import uses (Linux: writing 5 to clear_refs resets VmHWM)."""
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")
    return _status_mb("VmRSS")


def peak_memory_mb():
    return _status_mb("VmHWM")


def test_a_bad_row_at_line_900000_leaves_the_registry_unchanged(tmp_path, officer, union):
    Programme.objects.create(slug="leaving", name_bn="বিদায়ী ভাতা", name_en="Leaving allowance")
    path = write_rows(tmp_path / "ইউনিয়নের তালিকা.csv", HEADER, rows())
    before = reset_peak_memory()

    job = upload(path, officer, union)
    assert job.status == ImportJob.Status.VALID, job.report.get("errors")
    assert job.rows_total == ROWS

    Programme.objects.filter(slug="leaving").delete()
    job = commit(job)

    assert job.status == ImportJob.Status.INVALID
    assert [error["row"] for error in job.report["errors"]] == [BAD_LINE]
    for model in (Household, Person, Benefit, BeneficiaryAggregate):
        assert not model.objects.exists(), model
    # Streamed: a million parsed rows held at once would take well over a gigabyte.
    assert peak_memory_mb() - before < 400
