import csv
import datetime
import io
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.files import File
from django.core.management import call_command

import pytest
from openpyxl import Workbook

from imports import registry
from imports.importers import PourashavaImporter
from imports.models import ImportJob
from imports.tasks import commit_job, validate_job
from portal.celery import app
from portal.models import UserProfile
from portal.roles import NILG_CURATOR, UP_EDITOR

from .importers import SurveyImporter


def ensure_base_data():
    from places.models import Area

    from ..conftest import ensure_page_tree

    if Area.objects.exists() and Group.objects.filter(name=NILG_CURATOR).exists():
        return
    quiet = {"verbosity": 0, "stdout": io.StringIO()}
    call_command("load_geography", **quiet)
    call_command("sync_roles", **quiet)
    ensure_page_tree()


@pytest.fixture(scope="module", autouse=True)
def base_data(django_db_setup, django_db_blocker):
    """The geography, roles and page tree, before each module's tests. A transactional test
    anywhere earlier in the suite ends with a flush that empties every table, and that flush
    comes after `restore_base_data` has put them back."""
    with django_db_blocker.unblock():
        ensure_base_data()


@pytest.fixture
def base_data_now(transactional_db):
    """The same, inside a transactional test (after the one before it flushed the tables)."""
    ensure_base_data()


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Each test keeps its uploads in its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def tasks_inline():
    """Tasks run inline unless a test starts a real worker (then it turns this off)."""
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


class ForgetfulImporter(PourashavaImporter):
    kind = "pourashavas-forgetful"
    file_holds_personal_data = True


@pytest.fixture
def forgetful():
    """The kind of an importer whose files hold personal data, registered for one test."""
    registry.register(ForgetfulImporter)
    yield ForgetfulImporter.kind
    registry.unregister(ForgetfulImporter.kind)


@pytest.fixture
def survey_importer():
    registry.register(SurveyImporter)
    yield SurveyImporter
    registry.unregister(SurveyImporter.kind)


@pytest.fixture
def make_user(django_user_model):
    def make(username, role=None, lgis=()):
        user = django_user_model.objects.create_user(username=username, password="x-pass-12345")
        if role:
            user.groups.add(Group.objects.get(name=role))
        profile, _created = UserProfile.objects.get_or_create(user=user)
        profile.lgis.set(lgis)
        return user

    return make


@pytest.fixture
def curator(make_user):
    return make_user("curator", NILG_CURATOR)


@pytest.fixture
def other_curator(make_user):
    return make_user("curator2", NILG_CURATOR)


@pytest.fixture
def up_editor(make_user):
    from places.models import Area

    return make_user("editor", UP_EDITOR, lgis=[Area.objects.get(key="UN1")])


def write_csv(path, rows, encoding="utf-8", delimiter=","):
    path = Path(path)
    with open(path, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path, rows, title_rows=()):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("তালিকা")
    for row in [*title_rows, *rows]:
        sheet.append(list(row))
    workbook.save(path)
    return Path(path)


@pytest.fixture
def csv_file(tmp_path):
    counter = iter(range(1, 10_000))

    def make(rows, name=None, **kwargs):
        return write_csv(tmp_path / (name or f"file-{next(counter)}.csv"), rows, **kwargs)

    return make


@pytest.fixture
def xlsx_file(tmp_path):
    counter = iter(range(1, 10_000))

    def make(rows, name=None, **kwargs):
        return write_xlsx(tmp_path / (name or f"file-{next(counter)}.xlsx"), rows, **kwargs)

    return make


def new_job(path, kind, user, **fields):
    """An uploaded job, as the upload page creates it (without going through the page)."""
    path = Path(path)
    job = ImportJob(
        kind=kind,
        original_name=path.name,
        file_size=path.stat().st_size,
        uploaded_by=user,
        **fields,
    )
    with open(path, "rb") as handle:
        job.file.save(path.name, File(handle), save=False)
    job.save()
    return job


def checked(path, kind, user, **fields):
    job = new_job(path, kind, user, **fields)
    validate_job.delay(job.pk)
    job.refresh_from_db()
    return job


def committed(job):
    commit_job.delay(job.pk)
    job.refresh_from_db()
    return job


def messages(job, language="en"):
    return [error["message"][language] for error in job.report.get("errors", [])]


def practice_with_records(unions):
    """A practice of the second of `unions`, with good data an import must not overwrite: a
    replication and a budget allocation of 2019-20 in the first."""
    from hlp_site.models import HomePage
    from practices.models import BudgetAllocation, PracticeIndexPage, Replication

    from ..conftest import ensure_page_tree
    from ..practices.factories import PracticePageFactory

    ensure_page_tree()
    index = HomePage.objects.get().add_child(
        instance=PracticeIndexPage(title="ভালো শিখন", slug="practices")
    )
    practice = PracticePageFactory(parent=index, lgi=unions[1])
    Replication.objects.create(
        practice=practice,
        lgi=unions[0],
        status="completed",
        end_date=datetime.date(2020, 6, 30),
        fiscal_year="2019-20",
        households_reached=1200,
    )
    BudgetAllocation.objects.create(
        practice=practice,
        lgi=unions[0],
        fiscal_year="2019-20",
        allocated=Decimal("1234567"),
        spent=Decimal("5000"),
    )
    return practice
