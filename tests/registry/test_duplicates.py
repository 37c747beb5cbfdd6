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
    Person,
)

from .factories import BenefitFactory, HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db

BORN = datetime.date(1950, 4, 14)


def test_the_same_identity_number_in_two_households_is_flagged(union, other_union):
    first = PersonFactory(household=HouseholdFactory(lgi=union), number="1234567890")
    second = PersonFactory(household=HouseholdFactory(lgi=other_union), number="১২৩৪৫৬৭৮৯০")
    PersonFactory(household=HouseholdFactory(lgi=union), number="1234567891")
    assert duplicates.detect()[FlagKind.SAME_ID] == 1
    flag = DuplicateFlag.objects.get(kind=FlagKind.SAME_ID)
    assert {flag.person_a, flag.person_b} == {first, second}
    assert flag.lgi_ids == {union.pk, other_union.pk}
    assert duplicates.detect()[FlagKind.SAME_ID] == 0, "a pair is flagged once"


def test_the_same_benefit_twice_in_a_fiscal_year_is_flagged(union):
    person = PersonFactory(number="1234567890")
    BenefitFactory(person=person, fiscal_year="2023-24", date=datetime.date(2023, 8, 1))
    BenefitFactory(person=person, fiscal_year="2023-24", date=datetime.date(2024, 1, 9))
    BenefitFactory(person=person, fiscal_year="2024-25")
    # The same number in another household, paid the same allowance in the same year.
    elsewhere = PersonFactory(household=HouseholdFactory(lgi=union), number="1234567890")
    BenefitFactory(person=elsewhere, fiscal_year="2024-25")
    found = duplicates.detect()
    assert found[FlagKind.REPEAT_BENEFIT] == 2
    years = {
        flag.benefit_a.fiscal_year
        for flag in DuplicateFlag.objects.filter(kind=FlagKind.REPEAT_BENEFIT)
    }
    assert years == {"2023-24", "2024-25"}


def test_likely_same_persons_without_a_number_are_flagged(union, other_union):
    a = PersonFactory(
        household=HouseholdFactory(lgi=union), name_bn="মোঃ আব্দুর রহিম", date_of_birth=BORN
    )
    b = PersonFactory(
        household=HouseholdFactory(lgi=union),
        name_bn="মো. আবদুর রহীম",
        date_of_birth=BORN,
        number="1234567890",
    )
    # Two different numbers are two people; another union is another person.
    third = PersonFactory(
        household=HouseholdFactory(lgi=union),
        name_bn="আব্দুর রহিম",
        date_of_birth=BORN,
        number="1234567899",
    )
    PersonFactory(
        household=HouseholdFactory(lgi=other_union), name_bn="আব্দুর রহিম", date_of_birth=BORN
    )
    PersonFactory(
        household=HouseholdFactory(lgi=union),
        name_bn="আব্দুর রহিম",
        date_of_birth=datetime.date(1951, 4, 14),
    )
    duplicates.detect()
    pairs = {
        frozenset((flag.person_a_id, flag.person_b_id))
        for flag in DuplicateFlag.objects.filter(kind=FlagKind.LIKELY_SAME)
    }
    assert pairs == {frozenset((a.pk, b.pk)), frozenset((a.pk, third.pk))}


def decide(client, flag, **data):
    return client.post(f"/en/registry/duplicates/{flag.pk}/", data)


def test_a_reviewer_dismisses_and_it_is_logged_and_not_flagged_again(client, officer, union):
    PersonFactory(household=HouseholdFactory(lgi=union), name_bn="করিম", date_of_birth=BORN)
    PersonFactory(household=HouseholdFactory(lgi=union), name_bn="করিম", date_of_birth=BORN)
    duplicates.detect()
    flag = DuplicateFlag.objects.get()
    client.force_login(officer)
    queue = client.get("/registry/duplicates/")
    assert "করিম" in queue.content.decode()
    response = decide(client, flag, decision="dismissed", note="twins")
    assert response.status_code == 302
    flag.refresh_from_db()
    assert (flag.status, flag.decided_by, flag.note) == (FlagStatus.DISMISSED, officer, "twins")
    entry = AccessLog.objects.get(action=AccessAction.DUPLICATE_DECISION)
    assert (entry.user, entry.lgi, entry.query) == (officer, union, "dismissed")
    assert duplicates.detect()[FlagKind.LIKELY_SAME] == 0
    assert decide(client, flag, decision="confirmed").status_code == 200
    flag.refresh_from_db()
    assert flag.status == FlagStatus.DISMISSED


def test_merging_two_records_keeps_one_and_moves_the_benefits(client, officer, union, replication):
    keep = PersonFactory(household=HouseholdFactory(lgi=union), name_bn="রহিমা", date_of_birth=BORN)
    drop = PersonFactory(
        household=HouseholdFactory(lgi=union),
        name_bn="রহিমা",
        date_of_birth=BORN,
        number="1234567890",
    )
    BenefitFactory(person=keep, programme=None, replication=replication, fiscal_year="2022-23")
    BenefitFactory(person=drop, programme=None, replication=replication, fiscal_year="2023-24")
    BenefitFactory(person=drop, programme=None, replication=replication, fiscal_year="2022-23")
    assert aggregates.beneficiaries_for_practice(replication.practice)["persons"] == 2
    duplicates.detect()
    flag = DuplicateFlag.objects.get(kind=FlagKind.LIKELY_SAME)
    client.force_login(officer)
    keep_side = "a" if flag.person_a_id == keep.pk else "b"
    assert decide(client, flag, decision="merged", keep=keep_side).status_code == 302
    assert not Person.objects.filter(pk=drop.pk).exists()
    keep.refresh_from_db()
    assert keep.id_last3 == "890", "the kept record takes the number it lacked"
    # The 2022-23 benefit was on both records: the same benefit, kept once.
    assert sorted(Benefit.objects.filter(person=keep).values_list("fiscal_year", flat=True)) == [
        "2022-23",
        "2023-24",
    ]
    figures = aggregates.beneficiaries_for_practice(replication.practice)
    assert (figures["persons"], figures["households"]) == (1, 1)
    incremental = list(aggregates.BeneficiaryAggregate.objects.values_list("persons", "households"))
    aggregates.rebuild()
    assert sorted(incremental) == sorted(
        aggregates.BeneficiaryAggregate.objects.values_list("persons", "households")
    )
    assert DuplicateFlag.objects.get(pk=flag.pk).status == FlagStatus.MERGED


def test_merging_a_repeated_benefit_removes_the_other_row(client, officer):
    person = PersonFactory()
    first = BenefitFactory(person=person, date=datetime.date(2023, 8, 1))
    second = BenefitFactory(person=person, date=datetime.date(2023, 9, 1))
    duplicates.detect()
    flag = DuplicateFlag.objects.get(kind=FlagKind.REPEAT_BENEFIT)
    client.force_login(officer)
    decide(client, flag, decision="merged", keep="a")
    assert list(Benefit.objects.values_list("pk", flat=True)) == [first.pk]
    assert flag.benefit_b_id == second.pk


def test_a_flag_across_unions_needs_reach_into_both(
    client, officer, national_officer, union, other_union
):
    PersonFactory(household=HouseholdFactory(lgi=union), name_en="Mine", number="1234567890")
    PersonFactory(
        household=HouseholdFactory(lgi=other_union), name_en="Theirs", number="1234567890"
    )
    duplicates.detect()
    flag = DuplicateFlag.objects.get()
    client.force_login(officer)
    page = client.get(f"/en/registry/duplicates/{flag.pk}/").content.decode()
    assert "Mine" in page and "Theirs" not in page
    assert "a union whose personal data you cannot see" in page
    assert decide(client, flag, decision="confirmed").status_code == 403
    client.force_login(national_officer)
    assert decide(client, flag, decision="confirmed").status_code == 302
    assert DuplicateFlag.objects.get().status == FlagStatus.CONFIRMED
