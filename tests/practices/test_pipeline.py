import datetime

from django.core.exceptions import PermissionDenied, ValidationError

import pytest

from portal import roles
from practices.models import CircularStatus, CircularStatusChange, PracticePage
from practices.pipeline import PipelineError, allowed_next, move

from .factories import CircularPageFactory

S = CircularStatus


def walk_to_under_review(practice, curator, cause=None):
    for month, status in enumerate((S.NOMINATED, S.PRESENTED, S.UNDER_REVIEW), start=1):
        move(practice, status, actor=curator, cause=cause, date=datetime.date(2015, month, 1))


def test_a_curator_walks_a_practice_to_an_issued_circular(practice, curator, circular_index):
    circular = CircularPageFactory(parent=circular_index)
    circular.practices.add(practice)
    walk_to_under_review(practice, curator)
    change = move(
        practice, S.CIRCULAR_ISSUED, actor=curator, cause=circular, date=datetime.date(2016, 5, 1)
    )
    assert PracticePage.objects.get(pk=practice.pk).circular_status == S.CIRCULAR_ISSUED
    assert practice.circular_status == S.CIRCULAR_ISSUED
    history = list(
        CircularStatusChange.objects.filter(practice=practice).values_list(
            "from_status", "to_status"
        )
    )
    assert history == [
        (S.NONE, S.NOMINATED),
        (S.NOMINATED, S.PRESENTED),
        (S.PRESENTED, S.UNDER_REVIEW),
        (S.UNDER_REVIEW, S.CIRCULAR_ISSUED),
    ]
    assert change.cause.pk == circular.pk
    assert change.actor == curator
    assert change.date == datetime.date(2016, 5, 1)


def test_an_illegal_jump_is_refused_naming_both_statuses(
    practice, curator, circular_index, english
):
    circular = CircularPageFactory(parent=circular_index)
    circular.practices.add(practice)
    with pytest.raises(PipelineError) as refused:
        move(practice, S.CIRCULAR_ISSUED, actor=curator, cause=circular)
    message = " ".join(refused.value.messages)
    assert str(S.NONE.label) in message
    assert str(S.CIRCULAR_ISSUED.label) in message
    assert isinstance(refused.value, ValidationError)
    assert PracticePage.objects.get(pk=practice.pk).circular_status == S.NONE
    assert not CircularStatusChange.objects.filter(practice=practice).exists()


def test_circular_issued_needs_a_circular(practice, curator, home, english):
    walk_to_under_review(practice, curator)
    with pytest.raises(PipelineError, match="needs the circular"):
        move(practice, S.CIRCULAR_ISSUED, actor=curator)
    with pytest.raises(PipelineError, match="needs the circular"):
        move(practice, S.CIRCULAR_ISSUED, actor=curator, cause=home)
    assert PracticePage.objects.get(pk=practice.pk).circular_status == S.UNDER_REVIEW


def test_circular_issued_needs_a_circular_that_lists_the_practice(
    practice, curator, circular_index, english
):
    other_circular = CircularPageFactory(parent=circular_index, title="অন্য পরিপত্র")
    walk_to_under_review(practice, curator)
    with pytest.raises(PipelineError, match="অন্য পরিপত্র"):
        move(practice, S.CIRCULAR_ISSUED, actor=curator, cause=other_circular)
    assert PracticePage.objects.get(pk=practice.pk).circular_status == S.UNDER_REVIEW


@pytest.mark.parametrize("role", [roles.UP_EDITOR, roles.POLICYMAKER, roles.REGISTRY_OFFICER])
def test_only_curators_move_a_practice(practice, make_user, union, role):
    user = make_user("someone", role, [union])
    with pytest.raises(PermissionDenied):
        move(practice, S.NOMINATED, actor=user)
    assert PracticePage.objects.get(pk=practice.pk).circular_status == S.NONE


def test_the_cause_may_be_any_page(practice, curator, home):
    change = move(practice, S.NOMINATED, actor=curator, cause=home, note="জেলা কর্মশালা")
    assert change.cause.pk == home.pk
    assert change.note == "জেলা কর্মশালা"


def test_a_practice_not_adopted_can_be_nominated_again(practice, curator):
    walk_to_under_review(practice, curator)
    move(practice, S.NOT_ADOPTED, actor=curator)
    assert allowed_next(S.NOT_ADOPTED) == (S.NOMINATED,)
    move(practice, S.NOMINATED, actor=curator)
    with pytest.raises(PipelineError):
        move(practice, S.NOMINATED, actor=curator)


def test_allowed_next_follows_the_pipeline():
    assert allowed_next("none") == (S.NOMINATED,)
    assert set(allowed_next(S.UNDER_REVIEW)) == {S.CIRCULAR_ISSUED, S.NOT_ADOPTED}
    assert allowed_next(S.CIRCULAR_ISSUED) == ()


def test_an_unknown_status_is_refused(practice, curator, english):
    with pytest.raises(PipelineError, match="not a circular status"):
        move(practice, "adopted", actor=curator)
