"""What reading a file may cost is bounded before it starts. An .xlsx is measured from its zip
directory before openpyxl opens it: a zip bomb or millions of shared strings (a 393 KB file of
5 million took 71 s and 780 MB in the web request) are refused in a moment with a message. No
file has more rows than an Excel sheet, nor a CSV line longer than the limit. With a broker, the
web process never reads the file at all."""

import time
import tracemalloc

import pytest

from imports import readers
from imports.models import ImportJob
from imports.readers import FileProblem, open_table
from imports.tasks import validate_job
from portal.celery import app

from .conftest import checked
from .hostile import POURASHAVA_HEADER, GiB, MiB, Part, csv_file, xlsx_file

SAVAR = ["", "BD30260072", "নতুন নগর", "New Town"]


def refusal(path, memory=False):
    """The FileProblem reading `path` ends with, how long it took and (with `memory`) the
    peak of memory allocated meanwhile."""
    if memory:
        tracemalloc.start()
    started = time.monotonic()
    try:
        with open(path, "rb") as handle, open_table(handle) as rows:
            for _row in rows:
                pass
    except FileProblem as problem:
        peak = tracemalloc.get_traced_memory()[1] if memory else None
        return problem.message.render("en"), time.monotonic() - started, peak
    finally:
        if memory:
            tracemalloc.stop()
    raise AssertionError(f"{path.name} was read without a problem")


def test_five_million_shared_strings_are_refused_before_openpyxl_reads_them(tmp_path, monkeypatch):
    path = xlsx_file(tmp_path / "strings.xlsx", [POURASHAVA_HEADER, SAVAR], more_strings=5_000_000)
    assert path.stat().st_size < 500_000
    monkeypatch.setattr("openpyxl.load_workbook", _must_not_open)

    message, seconds, peak = refusal(path, memory=True)

    assert message == (
        "The workbook holds more than 10,00,000 different texts, more than the portal reads "
        "from an Excel file. Save it as CSV UTF-8 and upload that instead."
    )
    assert seconds < 10 and peak < 20 * MiB, (seconds, peak)


def _must_not_open(*args, **kwargs):
    raise AssertionError("openpyxl opened a workbook the limits should have refused")


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("worksheet of 1 GiB", {"sheet_padding": GiB + MiB}),
        ("styles of 100 MB", {"styles_padding": 100 * MiB}),
        ("shared strings of 200 MB", {"more_strings": 200 * MiB // 17}),
        ("20,000 parts", {"extra_parts": [Part(f"xl/m/{n}.bin", b"0") for n in range(20_000)]}),
    ],
)
def test_a_zip_bomb_is_refused_from_its_directory(tmp_path, monkeypatch, name, build):
    path = xlsx_file(tmp_path / "bomb.xlsx", [POURASHAVA_HEADER, SAVAR], **build)
    assert path.stat().st_size < 3 * MiB
    monkeypatch.setattr("openpyxl.load_workbook", _must_not_open)

    message, seconds, peak = refusal(path, memory=True)

    assert message.startswith("The workbook expands to more than 1,024 MB when opened"), message
    assert seconds < 10 and peak < 20 * MiB, (name, seconds, peak)


def test_a_workbook_within_the_limits_is_read(tmp_path):
    path = xlsx_file(
        tmp_path / "fine.xlsx",
        [POURASHAVA_HEADER, SAVAR, [None, "BD30260072", "আরেক নগর", "Other Town"]],
        more_strings=1000,
        sheet_padding=MiB,
    )
    with open(path, "rb") as handle, open_table(handle) as rows:
        assert [cells for _number, cells in rows] == [
            POURASHAVA_HEADER,
            [None, *SAVAR[1:]],
            [None, "BD30260072", "আরেক নগর", "Other Town"],
        ]


def test_a_sheet_numbering_its_last_row_five_million_stops_at_the_limit(tmp_path):
    path = xlsx_file(
        tmp_path / "tall.xlsx",
        [POURASHAVA_HEADER, SAVAR, SAVAR],
        row_numbers=[1, 2, 5_000_000],
    )

    message, seconds, _peak = refusal(path)

    assert message == (
        "The file has more than 10,48,576 rows, the most an Excel sheet holds. Split it into "
        "smaller files."
    )
    assert seconds < 30


def test_rows_and_line_lengths_of_a_csv_are_bounded(tmp_path, settings):
    settings.IMPORTS_MAX_ROWS = 100
    long_list = csv_file(tmp_path / "long.csv", [POURASHAVA_HEADER, *[SAVAR] * 100])
    assert refusal(long_list)[0].startswith("The file has more than 100 rows")

    settings.IMPORTS_MAX_ROWS = readers.MAX_ROWS
    one_line = csv_file(tmp_path / "wide.csv", [POURASHAVA_HEADER, "," * (20 * MiB)])
    message, _seconds, peak = refusal(one_line, memory=True)
    assert message.startswith("Line 2 of the file is longer than 16 MB")
    assert peak < 80 * MiB, peak

    utf16 = tmp_path / "wide.txt"
    utf16.write_text("\t".join(POURASHAVA_HEADER) + "\n" + "\t" * (20 * MiB), encoding="utf-16")
    assert refusal(utf16)[0].startswith("Line 2 of the file is longer than 16 MB")


@pytest.mark.django_db
def test_on_the_embedded_default_the_check_runs_inline_and_refuses_at_once(
    tmp_path, client, curator, django_capture_on_commit_callbacks
):
    path = xlsx_file(tmp_path / "strings.xlsx", [POURASHAVA_HEADER, SAVAR], more_strings=5_000_000)
    client.force_login(curator)

    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True), open(path, "rb") as handle:
        response = client.post("/en/imports/pourashavas/new/", {"file": handle})
    seconds = time.monotonic() - started

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert job.status == ImportJob.Status.INVALID
    assert "more than 10,00,000 different texts" in job.report["problem"]["en"]
    assert "১০,০০,০০০টির বেশি ভিন্ন ভিন্ন লেখা" in job.report["problem"]["bn"]
    assert seconds < 15, seconds


@pytest.fixture
def not_eager():
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = previous


@pytest.mark.redis
@pytest.mark.django_db
def test_with_a_broker_the_web_process_never_reads_the_file(
    tmp_path, client, curator, monkeypatch, django_capture_on_commit_callbacks, not_eager
):
    # The real broker, and no worker: the check must wait in Redis, not run in this process.
    monkeypatch.setattr(readers, "open_table", _must_not_read)
    monkeypatch.setattr("imports.checking.open_table", _must_not_read)
    monkeypatch.setattr("openpyxl.load_workbook", _must_not_open)
    path = xlsx_file(tmp_path / "strings.xlsx", [POURASHAVA_HEADER, SAVAR], more_strings=5_000_000)
    client.force_login(curator)

    with django_capture_on_commit_callbacks(execute=True), open(path, "rb") as handle:
        response = client.post("/en/imports/pourashavas/new/", {"file": handle})
    page = client.get(response.url)

    job = ImportJob.objects.get()
    assert _queued_checks() == [[job.pk]]
    assert job.status == ImportJob.Status.UPLOADED
    assert page.status_code == 200


def _queued_checks():
    """The arguments of every check waiting in the broker's default queue, taken out of it so
    that no later worker runs them."""
    found = []
    with app.connection_for_read() as connection:
        queue = connection.SimpleQueue(app.conf.task_default_queue)
        try:
            while True:
                try:
                    message = queue.get(block=True, timeout=2)
                except queue.Empty:
                    return found
                message.ack()
                if message.headers.get("task") == validate_job.name:
                    found.append(list(message.payload[0]))
        finally:
            queue.close()


def _must_not_read(*args, **kwargs):
    raise AssertionError("the web process read an uploaded file")


@pytest.mark.django_db
def test_a_refused_workbook_is_reported_like_any_unreadable_file(tmp_path, curator):
    path = xlsx_file(tmp_path / "bomb.xlsx", [POURASHAVA_HEADER, SAVAR], sheet_padding=GiB + MiB)

    job = checked(path, "pourashavas", curator)

    assert job.status == ImportJob.Status.INVALID
    assert [error["row"] for error in job.report["errors"]] == [1]
    assert job.report["problem"]["bn"].startswith("ওয়ার্কবুকটি খুললে ১,০২৪ MB-এর বেশি")
