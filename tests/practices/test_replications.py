import datetime

from django.core.exceptions import ValidationError

import pytest

from places.models import Area
from portal.models import PortalSettings
from practices.models import PracticePage, Replication, ReplicationStatus

from .factories import PracticePageFactory, ReplicationFactory

S = ReplicationStatus


@pytest.fixture
def lgis(db):
    return list(Area.objects.lgis().exclude(key="UN1").order_by("key")[:12])


def fresh(practice):
    return PracticePage.objects.get(pk=practice.pk)


def test_count_is_distinct_lgis_with_a_completed_replication(
    practice, lgis, django_capture_on_commit_callbacks
):
    statuses = [S.COMPLETED] * 4 + [S.ONGOING] * 3 + [S.PLANNED, S.DISCONTINUED]
    with django_capture_on_commit_callbacks(execute=True):
        for lgi, status in zip(lgis, statuses, strict=False):
            ReplicationFactory(practice=practice, lgi=lgi, status=status)
    rows = list(Replication.objects.filter(practice=practice).values_list("lgi_id", "status"))
    assert fresh(practice).replication_count == len({lgi for lgi, s in rows if s == S.COMPLETED})
    assert fresh(practice).replication_count == 4
    assert fresh(practice).ongoing_count == 3


def test_changing_or_deleting_a_replication_updates_the_count(
    practice, lgis, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = ReplicationFactory(practice=practice, lgi=lgis[0], status=S.ONGOING)
        ReplicationFactory(practice=practice, lgi=lgis[1])
    assert (fresh(practice).replication_count, fresh(practice).ongoing_count) == (1, 1)
    with django_capture_on_commit_callbacks(execute=True):
        first.status = S.COMPLETED
        first.save()
    assert (fresh(practice).replication_count, fresh(practice).ongoing_count) == (2, 0)
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert fresh(practice).replication_count == 1


def test_moving_a_replication_to_another_practice_updates_both(
    practice, practice_index, lgis, django_capture_on_commit_callbacks
):
    other = PracticePageFactory(parent=practice_index)
    with django_capture_on_commit_callbacks(execute=True):
        replication = ReplicationFactory(practice=practice, lgi=lgis[0])
    replication = Replication.objects.get(pk=replication.pk)
    with django_capture_on_commit_callbacks(execute=True):
        replication.practice = other
        replication.save()
    assert fresh(practice).replication_count == 0
    assert fresh(other).replication_count == 1


def test_a_second_replication_by_the_same_lgi_is_refused(practice, lgis, english):
    ReplicationFactory(practice=practice, lgi=lgis[0], status=S.ONGOING)
    second = Replication(practice=practice, lgi=lgis[0], status=S.COMPLETED)
    with pytest.raises(ValidationError) as refused:
        second.full_clean()
    message = refused.value.message_dict["lgi"][0]
    assert lgis[0].name_en in message
    assert "already has a replication" in message
    assert "Ongoing" in message


def test_the_originating_lgi_cannot_replicate_its_own_practice(practice, union, english):
    own = Replication(practice=practice, lgi=union, status=S.COMPLETED)
    with pytest.raises(ValidationError) as refused:
        own.full_clean()
    assert "does not replicate its own practice" in refused.value.message_dict["lgi"][0]


def test_only_unions_and_pourashavas_replicate(practice, english):
    upazila = Area.objects.get(code="BD30260072")
    with pytest.raises(ValidationError) as refused:
        Replication(practice=practice, lgi=upazila).full_clean()
    assert refused.value.message_dict["lgi"] == ["Choose a union parishad or pourashava."]


def test_fiscal_year_is_checked_and_normalised(practice, lgis, english):
    replication = Replication(practice=practice, lgi=lgis[0], fiscal_year="২০১৫-১৬")
    replication.full_clean()
    assert replication.fiscal_year == "2015-16"
    replication.fiscal_year = "2015-17"
    with pytest.raises(ValidationError) as refused:
        replication.full_clean()
    assert "not a fiscal year" in refused.value.message_dict["fiscal_year"][0]


def test_end_before_start_is_refused(practice, lgis, english):
    replication = Replication(
        practice=practice,
        lgi=lgis[0],
        start_date=datetime.date(2015, 5, 1),
        end_date=datetime.date(2015, 4, 1),
    )
    with pytest.raises(ValidationError) as refused:
        replication.full_clean()
    assert "before the start date" in refused.value.message_dict["end_date"][0]


def complete(practice, lgis, count, start=datetime.date(2016, 1, 1)):
    for day, lgi in enumerate(lgis[:count]):
        ReplicationFactory(
            practice=practice, lgi=lgi, end_date=start + datetime.timedelta(days=day)
        )


@pytest.fixture
def threshold(db):
    settings = PortalSettings.load()
    settings.best_practice_threshold = 5
    settings.save()
    return settings


def test_best_practice_at_the_threshold_with_the_day_it_crossed(
    practice, lgis, threshold, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complete(practice, lgis, 4)
    assert not fresh(practice).is_best_practice
    assert fresh(practice).best_practice_since is None
    with django_capture_on_commit_callbacks(execute=True):
        ReplicationFactory(practice=practice, lgi=lgis[10], end_date=datetime.date(2016, 3, 1))
        ReplicationFactory(practice=practice, lgi=lgis[11], end_date=datetime.date(2016, 2, 1))
    practice = fresh(practice)
    assert practice.replication_count == 6
    assert practice.is_best_practice
    # The fifth LGI to complete did so on 1 February; the sixth came later.
    assert practice.best_practice_since == datetime.date(2016, 2, 1)


def test_ongoing_replications_do_not_make_a_best_practice(
    practice, lgis, threshold, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complete(practice, lgis, 4)
        ReplicationFactory(practice=practice, lgi=lgis[9], status=S.ONGOING)
    assert not fresh(practice).is_best_practice


def test_a_change_of_threshold_recomputes_every_practice(
    practice_index, lgis, threshold, django_capture_on_commit_callbacks
):
    five, three = (
        PracticePageFactory(parent=practice_index),
        PracticePageFactory(parent=practice_index),
    )
    with django_capture_on_commit_callbacks(execute=True):
        complete(five, lgis, 5)
        complete(three, lgis, 3)
    assert [fresh(five).is_best_practice, fresh(three).is_best_practice] == [True, False]

    with django_capture_on_commit_callbacks(execute=True):
        threshold.best_practice_threshold = 3
        threshold.save()
    assert [fresh(five).is_best_practice, fresh(three).is_best_practice] == [True, True]
    assert fresh(three).best_practice_since == datetime.date(2016, 1, 3)

    with django_capture_on_commit_callbacks(execute=True):
        threshold.best_practice_threshold = 6
        threshold.save()
    assert [fresh(five).is_best_practice, fresh(three).is_best_practice] == [False, False]
    assert fresh(five).best_practice_since is None


def test_saving_settings_without_changing_the_threshold_schedules_nothing(
    threshold, django_capture_on_commit_callbacks
):
    from portal import public

    with django_capture_on_commit_callbacks() as callbacks:
        threshold.bdt_per_usd = 120
        threshold.save()
    # Only the data version is raised (amounts in US dollars change on public pages).
    assert [callback for callback in callbacks if callback is not public._bump] == []


def test_recomputing_twice_changes_nothing_the_second_time(practice, lgis, threshold):
    from practices import counts

    complete(practice, lgis, 6)
    assert counts.recompute([practice.pk]) == [practice.pk]
    assert counts.recompute([practice.pk]) == []
    assert counts.recompute() == []
