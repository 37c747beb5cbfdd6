import csv
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.files import File

import pytest
from openpyxl import Workbook

from hlp_site.models import HomePage
from places.models import Area
from portal import roles
from portal.celery import app
from portal.models import UserProfile
from practices.models import PracticeIndexPage
from registry.models import ensure_standard_programmes
from tests.conftest import ensure_page_tree
from tests.practices.factories import PracticePageFactory, ReplicationFactory

# A made-up NID of 17 digits for a person born in 1985; its Bangla-digit form is what a
# union's list may hold instead.
TEST_NID = "19857512345678901"
TEST_NID_BN = "১৯৮৫৭৫১২৩৪৫৬৭৮৯০১"


@pytest.fixture(autouse=True)
def programmes(db):
    ensure_standard_programmes()


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def tasks_inline():
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def union(db):
    return Area.objects.get(key="UN1")


@pytest.fixture
def other_union(db):
    return Area.objects.get(key="UN2")


@pytest.fixture
def make_user(django_user_model):
    def make(username, role=None, lgis=(), national_scope=False, **fields):
        user = django_user_model.objects.create_user(
            username=username, password="x-pass-12345", **fields
        )
        if role:
            user.groups.add(Group.objects.get(name=role))
        profile, _created = UserProfile.objects.get_or_create(user=user)
        profile.lgis.set(lgis)
        profile.national_scope = national_scope
        profile.save()
        return user

    return make


@pytest.fixture
def officer(make_user, union):
    return make_user("officer", roles.REGISTRY_OFFICER, [union])


@pytest.fixture
def editor(make_user, union):
    return make_user("editor", roles.UP_EDITOR, [union])


@pytest.fixture
def national_officer(make_user):
    return make_user("nilg-officer", roles.REGISTRY_OFFICER, national_scope=True)


@pytest.fixture
def policymaker(make_user, union):
    return make_user("policymaker", roles.POLICYMAKER, [union])


@pytest.fixture
def practice_index(db):
    ensure_page_tree()
    home = HomePage.objects.get()
    return home.add_child(instance=PracticeIndexPage(title="ভালো শিখন", slug="practices"))


@pytest.fixture
def practice(practice_index, other_union):
    return PracticePageFactory(parent=practice_index, lgi=other_union)


@pytest.fixture
def replication(practice, union):
    return ReplicationFactory(practice=practice, lgi=union)


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


def upload(path, user, scope, **options):
    """An import job as the upload page creates it, then checked (the dry run)."""
    from imports.models import ImportJob
    from imports.tasks import validate_job
    from registry.importers import KIND

    path = Path(path)
    job = ImportJob(
        kind=KIND,
        original_name=path.name,
        file_size=path.stat().st_size,
        uploaded_by=user,
        scope=scope,
        options=options,
    )
    with open(path, "rb") as handle:
        job.file.save(path.name, File(handle), save=False)
    job.save()
    validate_job.delay(job.pk)
    job.refresh_from_db()
    return job


def commit(job):
    from imports.tasks import commit_job

    commit_job.delay(job.pk)
    job.refresh_from_db()
    return job


def error_messages(job, language="en"):
    return [
        (error["row"], error["column"], error["message"][language])
        for error in job.report.get("errors", [])
    ]
