import datetime

from django.utils import timezone

import pytest
from celery.schedules import crontab
from freezegun import freeze_time

from portal.celery import app
from registry.models import AccessAction, AccessLog, Household, UpdateCycle
from registry.tasks import open_update_cycle

from .factories import HouseholdFactory

pytestmark = pytest.mark.django_db


def test_beat_opens_the_cycle_every_day_of_january_only():
    entry = app.conf.beat_schedule["registry-open-update-cycle"]
    assert entry["task"] == "registry.tasks.open_update_cycle"
    schedule = entry["schedule"]
    assert isinstance(schedule, crontab)
    assert schedule.month_of_year == {1}
    assert schedule.day_of_month == set(range(1, 32))
    assert "registry.tasks.open_update_cycle" in app.tasks


def test_households_not_reverified_in_januarys_cycle_are_listed_stale(client, officer, union):
    with freeze_time("2024-03-10 10:00:00+06:00"):
        verified_2024 = HouseholdFactory(
            lgi=union, code="OLD", verified_year=2024, verified_on=datetime.date(2024, 3, 10)
        )
        never = HouseholdFactory(lgi=union, code="NEVER")
        open_update_cycle.delay()
    with freeze_time("2024-12-31 23:00:00+06:00"):
        assert UpdateCycle.current().year == 2024
        assert list(Household.objects.stale()) == [never]

    with freeze_time("2025-01-01 00:15:00+06:00"):
        assert open_update_cycle.delay().get() == "update cycle 2025 open"
        open_update_cycle.delay()
        assert UpdateCycle.objects.filter(year=2025).count() == 1
        assert set(Household.objects.stale()) == {verified_2024, never}
        client.force_login(officer)
        listing = client.get(f"/en/registry/unions/{union.key}/stale/").content.decode()
        assert "OLD" in listing and "NEVER" in listing
        assert AccessLog.objects.filter(action=AccessAction.VIEW_UNION).exists()

    with freeze_time("2025-01-10 11:00:00+06:00"):
        response = client.post(f"/en/registry/households/{verified_2024.pk}/verify/")
        assert response.status_code == 302
        verified_2024.refresh_from_db()
        assert (verified_2024.verified_year, verified_2024.verified_on) == (
            2025,
            timezone.localdate(),
        )
        listing = client.get(f"/en/registry/unions/{union.key}/stale/").content.decode()
        assert "NEVER" in listing and ">OLD<" not in listing


def test_before_the_first_cycle_nothing_is_stale(union):
    HouseholdFactory(lgi=union)
    assert not Household.objects.stale().exists()
