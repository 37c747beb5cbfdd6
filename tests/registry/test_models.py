import datetime

from django.db import IntegrityError, transaction

import pytest

from registry.models import (
    Benefit,
    Household,
    Person,
    fiscal_year_of,
    refresh_household_flags,
    years_ago,
)

from .factories import BenefitFactory, HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_a_household_code_is_unique_within_its_union_only(union, other_union):
    HouseholdFactory(lgi=union, code="K-1")
    HouseholdFactory(lgi=other_union, code="K-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        HouseholdFactory(lgi=union, code="K-1")


@pytest.mark.parametrize("ward", [0, 10])
def test_wards_run_from_1_to_9(union, ward):
    with pytest.raises(IntegrityError), transaction.atomic():
        HouseholdFactory(lgi=union, ward=ward)


def test_a_person_takes_the_union_and_a_name_key_from_the_household():
    person = PersonFactory(name_bn="মোঃ আব্দুর রহিম")
    assert person.lgi_id == person.household.lgi_id
    assert person.name_key == PersonFactory(name_bn="মো. আবদুর রহীম").name_key


def test_one_identity_number_once_per_household():
    first = PersonFactory(number="1234567890")
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonFactory(household=first.household, number="১২৩৪৫৬৭৮৯০")
    PersonFactory(number="1234567890")


def test_a_benefit_comes_from_a_practice_or_a_programme_and_has_amount_or_kind(practice):
    with pytest.raises(IntegrityError), transaction.atomic():
        BenefitFactory(practice=practice)
    with pytest.raises(IntegrityError), transaction.atomic():
        BenefitFactory(amount=None, in_kind="")
    benefit = BenefitFactory(amount=None, in_kind="নলকূপ")
    assert benefit.household_id == benefit.person.household_id


def test_a_replication_names_its_practice_for_the_benefit(replication):
    benefit = BenefitFactory(programme=None, replication=replication)
    assert benefit.practice_id == replication.practice_id


def test_the_fiscal_year_follows_from_the_date():
    benefit = BenefitFactory(fiscal_year="", date=datetime.date(2024, 7, 1))
    assert benefit.fiscal_year == "2024-25"
    assert fiscal_year_of(datetime.date(2024, 6, 30)) == "2023-24"


def test_years_ago_handles_29_february():
    assert years_ago(5, datetime.date(2024, 2, 29)) == datetime.date(2019, 2, 28)


def test_flags_follow_the_members(union):
    household = HouseholdFactory(lgi=union)
    PersonFactory(household=household, sex="female", relation="head")
    PersonFactory(household=household, relation="mother", date_of_birth=datetime.date(1940, 1, 1))
    PersonFactory(household=household, relation="son", disability="visual")
    household.refresh_flags()
    assert household.female_headed and household.elderly_member
    assert household.member_with_disability
    assert household.head.relation == "head"


def test_flags_turn_off_with_the_members_and_the_first_head_counts(union):
    household = HouseholdFactory(
        lgi=union, female_headed=True, member_with_disability=True, elderly_member=True
    )
    first_head = PersonFactory(
        household=household, sex="male", date_of_birth=datetime.date(1990, 1, 1)
    )
    PersonFactory(household=household, sex="male", date_of_birth=datetime.date(1992, 1, 1))
    male_headed = HouseholdFactory(lgi=union, female_headed=False)
    PersonFactory(household=male_headed, sex="male")
    PersonFactory(household=male_headed, sex="female", relation="daughter")
    empty = HouseholdFactory(lgi=union, member_with_disability=True, elderly_member=True)
    refresh_household_flags(
        Household.objects.filter(pk__in=[household.pk, male_headed.pk, empty.pk]),
        today=datetime.date(2026, 12, 5),
    )
    household.refresh_from_db()
    male_headed.refresh_from_db()
    empty.refresh_from_db()
    assert household.head == first_head
    # A list that names no female head leaves the flag as it was recorded.
    assert household.female_headed and not male_headed.female_headed
    assert not (household.member_with_disability or household.elderly_member)
    assert (empty.head, empty.member_with_disability, empty.elderly_member) == (None, False, False)
    # The elderly line is the sixtieth birthday.
    PersonFactory(household=empty, relation="mother", date_of_birth=datetime.date(1966, 12, 5))
    PersonFactory(
        household=male_headed, relation="father", date_of_birth=datetime.date(1966, 12, 6)
    )
    refresh_household_flags(
        Household.objects.filter(pk__in=[male_headed.pk, empty.pk]),
        today=datetime.date(2026, 12, 5),
    )
    empty.refresh_from_db()
    male_headed.refresh_from_db()
    assert empty.elderly_member and not male_headed.elderly_member
    assert empty.head is None


def test_deleting_a_household_takes_its_members_and_benefits():
    benefit = BenefitFactory()
    benefit.person.household.delete()
    assert not Person.objects.exists() and not Benefit.objects.exists()
    assert not Household.objects.exists()
