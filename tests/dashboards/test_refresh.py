"""The dashboard answers from maintained aggregates: a change to replications, budget lines or a
practice's publication reaches the figures (and the cached page) once the change is committed."""

import datetime
import io
import re

from django.core.management import call_command

import pytest

from dashboards.models import LgiReach, PracticeFigure
from places.models import Area
from portal.templatetags.hlp import num
from practices.models import BudgetVersion

from .conftest import registry_installed
from .factories import BudgetAllocationFactory, PracticePageFactory, ReplicationFactory


def shown(client, key, **params):
    page = client.get("/dashboard/", params).text
    match = re.search(
        rf'data-figure="{key}">.*?<span class="figure"[^>]*>([^<]*)</span>', page, re.S
    )
    return match.group(1).strip()


@pytest.fixture
def practice(small_tree, django_capture_on_commit_callbacks):
    practice_index, _circulars = small_tree
    with django_capture_on_commit_callbacks(execute=True):
        practice = PracticePageFactory(parent=practice_index)
        for key in ("UN2", "UN3"):
            ReplicationFactory(
                practice=practice, lgi=Area.objects.get(key=key), fiscal_year="2016-17"
            )
    return practice


def test_a_new_replication_reaches_the_cached_dashboard_after_commit(
    practice, client, django_capture_on_commit_callbacks
):
    assert shown(client, "replications") == num(2)
    assert shown(client, "replications") == num(2)  # now from the cache
    with django_capture_on_commit_callbacks(execute=True):
        ReplicationFactory(
            practice=practice, lgi=Area.objects.get(key="UN4"), fiscal_year="2017-18"
        )
    assert shown(client, "replications") == num(3)
    assert shown(client, "lgis_reached") == num(3)


def test_nothing_changes_before_the_commit(practice, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        ReplicationFactory(practice=practice, lgi=Area.objects.get(key="UN4"))
    assert PracticeFigure.objects.filter(practice=practice).count() == 1
    assert LgiReach.objects.filter(practice=practice).count() == 2


def test_a_revised_budget_line_replaces_the_original(
    practice, client, django_capture_on_commit_callbacks
):
    lgi = Area.objects.get(key="UN2")
    with django_capture_on_commit_callbacks(execute=True):
        BudgetAllocationFactory(practice=practice, lgi=lgi, allocated=100_000, spent=60_000)
    assert shown(client, "budget_spent") == "৬০,০০০ টাকা"
    with django_capture_on_commit_callbacks(execute=True):
        BudgetAllocationFactory(
            practice=practice,
            lgi=lgi,
            allocated=90_000,
            spent=80_000,
            version=BudgetVersion.REVISED,
        )
    assert shown(client, "budget_spent") == "৮০,০০০ টাকা"


def test_unpublishing_a_practice_takes_it_off_the_dashboard(
    practice, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        practice.unpublish()
    assert shown(client, "replications") == num(0)
    assert not PracticeFigure.objects.filter(practice=practice).exists()


def test_the_rebuild_command_restores_lost_rows(practice, client):
    PracticeFigure.objects.all().delete()
    LgiReach.objects.all().delete()
    call_command("rebuild_dashboard_figures", stdout=io.StringIO())
    assert shown(client, "replications") == num(2)
    assert shown(client, "replications", year_from="2017-18") == num(0)


def test_a_replication_without_a_year_counts_in_its_end_dates_year(
    practice, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ReplicationFactory(
            practice=practice, lgi=Area.objects.get(key="UN5"), end_date=datetime.date(2020, 8, 1)
        )
    assert shown(client, "replications", year_from="2020-21", year_to="2020-21") == num(1)


@pytest.mark.skipif(not registry_installed(), reason="the registry app is not installed")
def test_bulk_registry_writes_reach_the_dashboard_through_the_periodic_copy(
    practice, client, django_capture_on_commit_callbacks
):
    from dashboards.tasks import copy_registry_figures
    from registry import aggregates as registry_aggregates
    from registry.models import Benefit
    from tests.registry.factories import HouseholdFactory, PersonFactory

    lgi = Area.objects.get(key="UN2")
    household = HouseholdFactory(lgi=lgi, code="BULK-1")
    people = [PersonFactory(household=household) for _ in range(6)]
    copy_registry_figures()
    assert shown(client, "beneficiaries") == num(0)  # households reported: none yet
    # An import writes benefits in bulk, without signals, and rebuilds the registry's figures.
    Benefit.objects.bulk_create(
        Benefit(
            person=person,
            household=household,
            lgi=lgi,
            practice=practice,
            fiscal_year="2016-17",
            in_kind="সেবা",
            fingerprint=f"bulk-{person.pk}",
        )
        for person in people
    )
    registry_aggregates.rebuild()
    assert copy_registry_figures() is True
    assert shown(client, "beneficiaries") == num(6)
    assert copy_registry_figures() is False  # nothing changed since


@pytest.mark.skipif(not registry_installed(), reason="the registry app is not installed")
def test_a_committed_registry_import_reaches_the_dashboard_at_once(
    practice, client, tmp_path, django_user_model, settings, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    from portal import roles
    from portal.models import UserProfile
    from tests.registry.conftest import commit, upload, write_csv

    settings.MEDIA_ROOT = tmp_path / "media"
    lgi = Area.objects.get(key="UN2")
    officer = django_user_model.objects.create_user("dash-officer", password="x-pass-12345")
    officer.groups.add(Group.objects.get(name=roles.REGISTRY_OFFICER))
    UserProfile.objects.update_or_create(user=officer)[0].lgis.set([lgi])
    header = ["খানা নং", "ওয়ার্ড নং", "নাম", "লিঙ্গ", "অর্থবছর", "সেবা"]
    rows = [[f"ড্যাশ-{n}", "২", f"উপকারভোগী {n}", "মহিলা", "২০১৬-১৭", "নলকূপ"] for n in range(7)]
    assert shown(client, "beneficiaries") == num(0)

    path = write_csv(tmp_path / "তালিকা.csv", [header, *rows])
    with django_capture_on_commit_callbacks(execute=True):
        job = commit(upload(path, officer, lgi, practice=practice.pk))

    assert job.status == "committed", job.report
    assert shown(client, "beneficiaries") == num(7)
