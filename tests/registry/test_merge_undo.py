"""Merging two person records asks for confirmation first, and can be undone: both records,
their benefits, identity numbers, the flags that named them and the figures come back."""

import datetime

import pytest

from registry import aggregates, duplicates
from registry.models import (
    AccessAction,
    AccessLog,
    Benefit,
    DuplicateFlag,
    FlagKind,
    FlagStatus,
    Household,
    Merge,
    Person,
)

from .factories import BenefitFactory, HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db

BORN = datetime.date(1950, 4, 14)


@pytest.fixture
def pair(union, replication):
    """Two records of one woman: the second has the number and a benefit the first has too."""
    keep = PersonFactory(household=HouseholdFactory(lgi=union), name_bn="রহিমা", date_of_birth=BORN)
    drop = PersonFactory(
        household=HouseholdFactory(lgi=union),
        name_bn="রহিমা",
        date_of_birth=BORN,
        number="4715093862",
    )
    BenefitFactory(person=keep, programme=None, replication=replication, fiscal_year="2022-23")
    BenefitFactory(person=drop, programme=None, replication=replication, fiscal_year="2023-24")
    BenefitFactory(person=drop, programme=None, replication=replication, fiscal_year="2022-23")
    for household in (keep.household, drop.household):
        household.refresh_flags()
    duplicates.detect()
    flag = DuplicateFlag.objects.get(kind=FlagKind.LIKELY_SAME)
    side = "a" if flag.person_a_id == keep.pk else "b"
    return keep, drop, flag, side


def state(replication):
    """Everything a merge touches, as plain values."""
    persons = sorted(
        Person.objects.values_list(
            "pk", "household_id", "name_bn", "id_type", "id_hash", "id_ciphertext", "id_last3"
        )
    )
    benefits = sorted(
        Benefit.objects.values_list(
            "pk", "person_id", "household_id", "lgi_id", "fiscal_year", "fingerprint"
        )
    )
    flags = sorted(
        DuplicateFlag.objects.values_list(
            "pk", "status", "person_a_id", "person_b_id", "benefit_a_id", "benefit_b_id"
        )
    )
    figures = aggregates.beneficiaries_for_practice(replication.practice)
    heads = sorted(Household.objects.values_list("pk", "head_id", "female_headed"))
    return persons, benefits, flags, (figures["persons"], figures["households"]), heads


def post(client, url, **data):
    return client.post(url, data, follow=True)


def test_merging_asks_for_confirmation_first(client, officer, pair, replication):
    _keep, _drop, flag, side = pair
    client.force_login(officer)
    before = state(replication)
    response = post(client, f"/en/registry/duplicates/{flag.pk}/", decision="merged", keep=side)
    html = response.content.decode()
    assert "Merge these two records?" in html
    assert "its 2 benefits move" in html
    assert "Kept: the first record (" in html or "Kept: the second record (" in html
    assert ", household " in html
    assert 'name="confirm" value="True"' in html
    assert state(replication) == before, "nothing is merged before it is confirmed"
    assert not Merge.objects.exists()


def test_the_confirmation_is_in_bangla(client, officer, pair):
    _keep, _drop, flag, side = pair
    client.force_login(officer)
    html = post(client, f"/registry/duplicates/{flag.pk}/", decision="merged", keep=side).content
    assert "দুটি রেকর্ড একত্র করবেন?" in html.decode()


def test_undo_restores_both_records_and_their_links(client, officer, pair, replication):
    keep, drop, flag, side = pair
    client.force_login(officer)
    before = state(replication)
    response = post(
        client, f"/en/registry/duplicates/{flag.pk}/", decision="merged", keep=side, confirm="1"
    )
    assert "Undo the merge" in response.content.decode()
    assert not Person.objects.filter(pk=drop.pk).exists()
    keep.refresh_from_db()
    assert keep.id_last3 == "862"
    assert state(replication) != before

    response = post(client, f"/en/registry/duplicates/{flag.pk}/undo/")
    assert "The merge is undone" in response.content.decode()
    after = state(replication)
    _persons, _benefits, flags, _figures, _heads = after
    assert after == (*before[:2], after[2], *before[3:])
    # The flag is open again, naming both records, ready for another decision.
    assert flags == [(pk, FlagStatus.OPEN, *rest[1:]) for pk, *rest in before[2]]
    assert DuplicateFlag.objects.get(pk=flag.pk).decided_by is None
    restored = Person.objects.get(pk=drop.pk)
    assert restored.reveal_identity() == "4715093862"
    assert restored.benefits.count() == 2
    assert keep.__class__.objects.get(pk=keep.pk).id_last3 == ""
    # The figures agree with a rebuild from the benefit rows.
    incremental = sorted(
        aggregates.BeneficiaryAggregate.objects.values_list("persons", "households")
    )
    aggregates.rebuild()
    assert incremental == sorted(
        aggregates.BeneficiaryAggregate.objects.values_list("persons", "households")
    )
    logged = AccessLog.objects.filter(action=AccessAction.DUPLICATE_DECISION).order_by("pk")
    assert [entry.query for entry in logged][-1].startswith("undo merge")


def test_a_merge_undone_twice_changes_nothing_the_second_time(client, officer, pair, replication):
    _keep, _drop, flag, side = pair
    client.force_login(officer)
    post(client, f"/en/registry/duplicates/{flag.pk}/", decision="merged", keep=side, confirm="1")
    post(client, f"/en/registry/duplicates/{flag.pk}/undo/")
    once = state(replication)
    response = post(client, f"/en/registry/duplicates/{flag.pk}/undo/")
    assert "no merge of these records left to undo" in response.content.decode()
    assert state(replication) == once
    merge = Merge.objects.get()
    with pytest.raises(duplicates.DecisionError):
        duplicates.undo(merge, response.wsgi_request)
    assert state(replication) == once


def test_merge_again_after_undo(client, officer, pair, replication):
    keep, drop, flag, side = pair
    client.force_login(officer)
    url = f"/en/registry/duplicates/{flag.pk}/"
    post(client, url, decision="merged", keep=side, confirm="1")
    post(client, url + "undo/")
    other = "b" if side == "a" else "a"
    post(client, url, decision="merged", keep=other, confirm="1")
    assert not Person.objects.filter(pk=keep.pk).exists()
    assert Person.objects.get(pk=drop.pk).benefits.count() == 2
    post(client, url + "undo/")
    assert set(Person.objects.values_list("pk", flat=True)) >= {keep.pk, drop.pk}


def test_undoing_a_repeated_benefit_merge_brings_the_row_back(client, officer):
    person = PersonFactory()
    first = BenefitFactory(person=person, date=datetime.date(2023, 8, 1))
    second = BenefitFactory(person=person, date=datetime.date(2023, 9, 1))
    duplicates.detect()
    flag = DuplicateFlag.objects.get(kind=FlagKind.REPEAT_BENEFIT)
    client.force_login(officer)
    url = f"/en/registry/duplicates/{flag.pk}/"
    post(client, url, decision="merged", keep="a", confirm="1")
    assert list(Benefit.objects.values_list("pk", flat=True)) == [first.pk]
    post(client, url + "undo/")
    assert sorted(Benefit.objects.values_list("pk", flat=True)) == sorted([first.pk, second.pk])
    flag.refresh_from_db()
    assert (flag.status, flag.benefit_b_id) == (FlagStatus.OPEN, second.pk)


def test_only_those_who_see_the_flag_may_undo(client, officer, make_user, other_union, pair):
    from portal import roles

    _keep, drop, flag, side = pair
    client.force_login(officer)
    post(client, f"/en/registry/duplicates/{flag.pk}/", decision="merged", keep=side, confirm="1")
    for user in (
        make_user("elsewhere", roles.REGISTRY_OFFICER, [other_union]),
        make_user("policy", roles.POLICYMAKER),
    ):
        client.force_login(user)
        assert client.post(f"/en/registry/duplicates/{flag.pk}/undo/").status_code in (403, 404)
    assert not Person.objects.filter(pk=drop.pk).exists()
    assert client.get(f"/en/registry/duplicates/{flag.pk}/undo/").status_code in (403, 404, 405)


def test_undo_is_refused_when_the_number_came_back_in_another_record(
    client, officer, pair, replication
):
    _keep, drop, flag, side = pair
    client.force_login(officer)
    url = f"/en/registry/duplicates/{flag.pk}/"
    post(client, url, decision="merged", keep=side, confirm="1")
    # A later list adds the number to the removed person's household again.
    PersonFactory(household=drop.household, name_bn="রহিমা বেগম", number="4715093862")
    before = state(replication)
    response = post(client, url + "undo/")
    assert "a member with the same identity number" in response.content.decode()
    assert state(replication) == before
    assert Merge.objects.get().undone_at is None


def test_a_merge_forgets_the_removed_record_after_its_undo_window(
    client, officer, pair, replication, settings
):
    """After `REGISTRY_MERGE_UNDO_DAYS` the daily task deletes what the merge kept of the
    removed record; the merge stays as made and can no longer be undone, which the page says."""
    from django.utils import timezone

    from registry.tasks import forget_old_merges

    _keep, drop, flag, side = pair
    client.force_login(officer)
    response = post(
        client, f"/en/registry/duplicates/{flag.pk}/", decision="merged", keep=side, confirm="1"
    )
    assert "Undo the merge" in response.content.decode()
    merge = Merge.objects.get(flag=flag)
    assert merge.removed_person["name_bn"] == "রহিমা"
    forget_old_merges()
    merge.refresh_from_db()
    assert merge.removed_person is not None  # still inside the window

    Merge.objects.filter(pk=merge.pk).update(
        merged_at=timezone.now() - datetime.timedelta(days=settings.REGISTRY_MERGE_UNDO_DAYS + 1)
    )
    assert forget_old_merges() == "1 merges forgotten"
    merge.refresh_from_db()
    assert merge.removed_person is None and merge.moved_benefits == []
    assert merge.forgotten_at is not None
    page = client.get(f"/en/registry/duplicates/{flag.pk}/").content.decode()
    assert "Undo the merge" not in page
    with pytest.raises(duplicates.DecisionError, match="no longer be undone"):
        duplicates.undo(merge, None)
    assert not Person.objects.filter(pk=drop.pk).exists()
