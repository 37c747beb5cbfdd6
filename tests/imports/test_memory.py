"""Streaming: checking a file holds a bounded amount of it in memory, however long it is."""

import tracemalloc

import pytest

from imports import registry
from imports.rows import MEMO_LIMIT
from imports.tasks import validate_job

from .conftest import new_job, write_csv
from .importers import LedgerImporter


@pytest.fixture
def ledger_importer():
    registry.register(LedgerImporter)
    yield LedgerImporter
    registry.unregister(LedgerImporter.kind)


def ledger(path, count, bad_every=None):
    def rows():
        yield ["Code", "Count"]
        for number in range(count):
            bad = bad_every and number % bad_every == 0
            yield [f"H-{number:07d}", "x" if bad else str(number % 97)]

    return write_csv(path, rows())


def peak_memory_while_checking(path, user):
    job = new_job(path, LedgerImporter.kind, user)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        validate_job.delay(job.pk)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    job.refresh_from_db()
    return job, peak


@pytest.mark.django_db
@pytest.mark.parametrize("bad_every", [None, 4], ids=["clean", "every-fourth-row-bad"])
def test_checking_a_long_file_takes_no_more_memory_than_a_short_one(
    tmp_path, curator, ledger_importer, bad_every
):
    peak_memory_while_checking(ledger(tmp_path / "warm-up.csv", 200), curator)
    _short_job, short = peak_memory_while_checking(
        ledger(tmp_path / "short.csv", 14_000, bad_every), curator
    )
    long_job, long = peak_memory_while_checking(
        ledger(tmp_path / "long.csv", 42_000, bad_every), curator
    )

    assert long_job.rows_total == 42_000
    if bad_every:
        assert long_job.error_count == 10_500
        assert len(long_job.report["errors"]) == 1_000
    else:
        assert long_job.status == long_job.Status.VALID
    # Three times the rows, not three times the memory: what grows with the file (keys
    # already seen, errors beyond the report) goes to temporary files. Both files are long
    # enough for that to have started.
    assert long < short * 1.3, (short, long)


@pytest.mark.django_db
def test_a_repeat_far_down_a_long_file_is_still_found(tmp_path, curator, ledger_importer):
    path = ledger(tmp_path / "long.csv", 25_000)
    with open(path, "a", encoding="utf-8", newline="") as handle:
        handle.write("H-0000001,5\r\nH-0024999,5\r\n")
    job = new_job(path, LedgerImporter.kind, curator)
    validate_job.delay(job.pk)
    job.refresh_from_db()

    # Row 3 holds H-0000001 (kept on disk by now); row 25,001 holds H-0024999 (still in memory).
    assert [(e["row"], e["message"]["en"]) for e in job.report["errors"]] == [
        (25_002, "This row repeats row 3: the same Code."),
        (25_003, "This row repeats row 25,001: the same Code."),
    ]


@pytest.mark.django_db
def test_a_cell_repeated_down_a_long_file_is_judged_alike_on_every_row(
    tmp_path, curator, ledger_importer
):
    # Each distinct text of a column is read once a pass, and the codes, all different, fill
    # what is kept of them more than once: every "x" is still refused on its own row.
    count = 3 * MEMO_LIMIT
    job = peak_memory_while_checking(ledger(tmp_path / "long.csv", count, bad_every=7), curator)[0]

    bad = [number + 2 for number in range(count) if number % 7 == 0]
    assert job.error_count == len(bad)
    errors = job.report["errors"]
    assert [error["row"] for error in errors] == bad[: len(errors)]
    assert {error["message"]["en"] for error in errors} == {"“x” is not a whole number."}
