"""A known identity number, entered through every path, is nowhere in clear afterwards: not in
the database, the logs, an export, an error report or the admin."""

import datetime
import io
import logging
import sqlite3
import zipfile
from pathlib import Path

from django.db import connection
from django.test import RequestFactory
from django.views.debug import ExceptionReporter

import pytest

from registry.models import AccessLog, Person
from registry.views import households as views

from .conftest import TEST_NID, TEST_NID_BN, commit, upload, write_csv, write_xlsx
from .factories import HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db

FORMS = (TEST_NID, TEST_NID_BN)
CSV_HEADER = [
    "খানা নং",
    "ওয়ার্ড নং",
    "নাম",
    "লিঙ্গ",
    "জন্ম তারিখ",
    "এনআইডি নং",
    "কর্মসূচি",
    "অর্থবছর",
    "টাকার পরিমাণ",
]


def assert_clean(where, data):
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else str(data)
    for form in FORMS:
        assert form not in text, f"identity number in clear in {where}"
    if isinstance(data, bytes):
        for form in FORMS:
            assert form.encode("utf-16-le") not in data, f"identity number (UTF-16) in {where}"


def body(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


def database_dump(tmp_path):
    """Every byte of the SQLite database (free pages included), or every text value of every
    PostgreSQL table."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = tmp_path / "copy.sqlite3"
        destination = sqlite3.connect(target)
        connection.connection.backup(destination)
        destination.close()
        return target.read_bytes()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND data_type IN "
            "('text', 'character varying', 'character', 'json', 'jsonb', 'inet')"
        )
        columns = cursor.fetchall()
        values = []
        for table, column in columns:
            cursor.execute(f'SELECT "{column}"::text FROM "{table}" WHERE "{column}" IS NOT NULL')
            values.extend(value for (value,) in cursor.fetchall())
    return "\n".join(values).encode()


@pytest.fixture
def captured_logs(caplog):
    """Every log record at any level, SQL with its parameters included."""
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    connection.force_debug_cursor = True
    yield caplog
    connection.force_debug_cursor = False


# Committed transactions, so that the SQLite file can be copied and read byte by byte.
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("restore_base_data")
def test_the_test_number_is_nowhere_in_clear(
    client, tmp_path, officer, union, replication, captured_logs, admin_user
):
    # 1. The model.
    household = HouseholdFactory(lgi=union, code="MODEL-1", landless=True)
    PersonFactory(
        household=household,
        name_bn="মডেলের মানুষ",
        number=TEST_NID,
        date_of_birth=datetime.date(1985, 3, 9),
    )

    # 2. The importer: CSV with Bangla digits, Excel with ASCII digits, and a refused row.
    csv_path = write_csv(
        tmp_path / "bn.csv",
        [
            CSV_HEADER,
            ["খ-১", "২", "রহিমা", "মহিলা", "০৯/০৩/১৯৮৫", TEST_NID_BN, "বয়স্ক ভাতা", "২০২৩-২৪", "৭২০০"],
        ],
    )
    first_job = commit(upload(csv_path, officer, union))
    assert first_job.status == "committed"
    xlsx_path = write_xlsx(
        tmp_path / "en.xlsx",
        [
            [
                "Household code",
                "Ward",
                "Name (Bangla)",
                "Sex",
                "Date of birth",
                "Identity number",
                "Landless",
            ],
            ["X-1", 4, "জসিম", "male", "1985-02-01", TEST_NID, "yes"],
        ],
    )
    assert commit(upload(xlsx_path, officer, union)).status == "committed"
    refused = upload(
        write_csv(
            tmp_path / "bad.csv",
            [CSV_HEADER, ["খ-৯", "২", "ভুল", "মহিলা", "09/03/1986", TEST_NID, "", "", ""]],
        ),
        officer,
        union,
    )
    assert refused.status == "invalid"
    assert Person.objects.filter(id_last3=TEST_NID[-3:]).count() == 3

    # 3. The screens: search by number, a person's page, the reveal, lists and their exports.
    client.force_login(officer)
    found = client.post("/en/registry/search/", {"q": TEST_NID_BN})
    assert len(found.context["results"]) == 3
    assert_clean("the search result page", found.content)
    person = found.context["results"][0]
    assert_clean("a person's page", client.get(f"/en/registry/persons/{person.pk}/").content)
    revealed = client.post(f"/en/registry/persons/{person.pk}/reveal/")
    assert TEST_NID in revealed.content.decode(), "the authorised reveal shows the number"
    exports = {
        "priority CSV": client.get(
            f"/en/registry/priority/?area={union.key}&criteria=landless&format=csv"
        ),
        "priority Excel": client.get(
            f"/en/registry/priority/?area={union.key}&criteria=landless&format=xlsx"
        ),
        "import error report": client.get(f"/en/imports/{refused.pk}/errors.csv"),
        "refused import's page": client.get(f"/en/imports/{refused.pk}/"),
        "committed import's page": client.get(f"/en/imports/{first_job.pk}/"),
    }
    for name, response in exports.items():
        assert response.status_code == 200, name
        data = body(response)
        assert_clean(name, data)
        if name == "priority Excel":
            with zipfile.ZipFile(io.BytesIO(data)) as workbook:
                for part in workbook.namelist():
                    assert_clean(f"{name} {part}", workbook.read(part))
    client.force_login(admin_user)
    assert_clean("the admin's access log", client.get("/django-admin/registry/accesslog/").content)

    # The access log recorded the search and the reveal, the number masked.
    assert AccessLog.objects.filter(action="search", query__contains="901").exists()
    assert AccessLog.objects.filter(action="reveal_id").exists()

    # 4. What is stored and what was logged: the database, and every file the portal keeps
    # (uploads are removed once written or refused; error reports stay).
    from django.conf import settings

    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            assert_clean(f"the stored file {path.name}", path.read_bytes())
    dump = database_dump(tmp_path)
    assert "মডেলের মানুষ".encode() in dump, "the dump holds the registry's text"
    assert_clean("the database", dump)
    assert_clean("the logs", "\n".join(record.getMessage() for record in captured_logs.records))
    assert any("registry_person" in record.getMessage() for record in captured_logs.records)


def test_an_error_report_during_a_search_hides_the_number(officer, monkeypatch):
    def failing_log(*args, **kwargs):
        raise RuntimeError("the access log is unavailable")

    monkeypatch.setattr(views, "log_access", failing_log)
    request = RequestFactory().post("/en/registry/search/", {"q": TEST_NID})
    request.user = officer
    request.session = {}
    with pytest.raises(RuntimeError) as caught:
        views.search(request)
    report = ExceptionReporter(request, caught.type, caught.value, caught.tb, is_email=True)
    assert_clean("the error report", report.get_traceback_text())
    assert_clean("the error page", report.get_traceback_html())
