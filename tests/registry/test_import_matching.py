"""Which stored person a re-imported row is: never a guess on a missing date of birth. A son
of his father's name, with a number and no date of birth, is a new person beside his father,
flagged for review, and writing the same rows again still changes nothing."""

import pytest

from imports.models import ImportJob
from registry import duplicates
from registry.identity import parse_identity
from registry.models import DuplicateFlag, FlagKind, FlagStatus, Person, Relation

from .conftest import commit, upload, write_csv
from .factories import HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db

HEADER = ["খানা নং", "ওয়ার্ড নং", "নাম", "লিঙ্গ", "জন্ম তারিখ", "খানা প্রধানের সাথে সম্পর্ক", "এনআইডি নং"]
HEAD = ["ক-১", "২", "রহিমা খাতুন", "মহিলা", "09/03/1985", "খানা প্রধান", ""]
FATHER = ["ক-১", "২", "করিম মিয়া", "পুরুষ", "", "বাবা", ""]
SON_NID = "4715093862"
SON = ["ক-১", "২", "করিম মিয়া", "পুরুষ", "", "ছেলে", SON_NID]


def imported(tmp_path, officer, union, name, *rows, capture):
    path = write_csv(tmp_path / name, [HEADER, *rows])
    with capture(execute=True):
        job = commit(upload(path, officer, union))
    assert job.status == ImportJob.Status.COMMITTED, job.report.get("errors")
    return job


def karims():
    return list(
        Person.objects.filter(name_bn="করিম মিয়া")
        .order_by("pk")
        .values_list("relation", "date_of_birth", "id_last3")
    )


def test_a_son_with_a_number_and_no_birth_date_does_not_overwrite_his_father(
    tmp_path, officer, union, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    imported(tmp_path, officer, union, "2024.csv", HEAD, FATHER, capture=capture)
    father = Person.objects.get(name_bn="করিম মিয়া")

    job = imported(tmp_path, officer, union, "2025.csv", HEAD, SON, capture=capture)
    assert (job.created_count, job.updated_count, job.unchanged_count) == (1, 0, 1)
    assert karims() == [(Relation.FATHER, None, ""), (Relation.SON, None, "862")]
    father.refresh_from_db()
    assert (father.relation, father.id_hash) == (Relation.FATHER, "")
    son = Person.objects.get(id_hash=parse_identity(SON_NID).hash)
    # The two are flagged as likely the same person, for a reviewer of the union to judge.
    flag = DuplicateFlag.objects.get()
    assert (flag.kind, flag.status) == (FlagKind.SAME_NAME, FlagStatus.OPEN)
    assert {flag.person_a_id, flag.person_b_id} == {father.pk, son.pk}
    assert flag.lgi_ids == {union.pk}

    # Either list again changes nothing, and no second flag.
    for name, rows in (("2024-again.csv", (HEAD, FATHER)), ("2025-again.csv", (HEAD, SON))):
        again = imported(tmp_path, officer, union, name, *rows, capture=capture)
        assert (again.created_count, again.updated_count) == (0, 0), name
    assert len(karims()) == 2 and DuplicateFlag.objects.count() == 1


def test_without_a_birth_date_only_the_very_same_record_matches(
    tmp_path, officer, union, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    imported(tmp_path, officer, union, "1.csv", HEAD, FATHER, capture=capture)
    # The same name as another relation, or with a date of birth now: someone else, flagged.
    brother = ["ক-১", "২", "করিম মিয়া", "পুরুষ", "", "ভাই", ""]
    dated = ["ক-১", "২", "করিম মিয়া", "পুরুষ", "01/01/1948", "বাবা", ""]
    job = imported(tmp_path, officer, union, "2.csv", HEAD, FATHER, brother, dated, capture=capture)
    assert (job.created_count, job.updated_count, job.unchanged_count) == (2, 0, 2)
    assert len(karims()) == 3
    assert DuplicateFlag.objects.filter(kind=FlagKind.SAME_NAME).count() == 3


def test_a_birth_date_on_both_sides_still_matches(
    tmp_path, officer, union, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    dated = ["ক-১", "২", "করিম মিয়া", "পুরুষ", "01/01/1948", "বাবা", ""]
    imported(tmp_path, officer, union, "1.csv", HEAD, dated, capture=capture)
    with_number = [*dated[:-1], "4715093862"]
    job = imported(tmp_path, officer, union, "2.csv", HEAD, with_number, capture=capture)
    assert (job.created_count, job.updated_count, job.unchanged_count) == (0, 1, 1)
    assert karims() == [(Relation.FATHER, dated_on(1948), "862")]
    assert not DuplicateFlag.objects.exists()


def dated_on(year):
    import datetime

    return datetime.date(year, 1, 1)


def test_one_name_twice_in_a_household_is_flagged_when_a_birth_date_is_missing(union):
    household = HouseholdFactory(lgi=union)
    father = PersonFactory(household=household, name_bn="করিম মিয়া", date_of_birth=None)
    son = PersonFactory(
        household=household, name_bn="করিম  মিয়া", date_of_birth=None, number=SON_NID
    )
    # Two dates of birth, or two different numbers, are two people; another household is not
    # compared.
    PersonFactory(household=household, name_bn="সালমা", date_of_birth=dated_on(1990))
    PersonFactory(household=household, name_bn="সালমা", date_of_birth=dated_on(2010))
    PersonFactory(household=household, name_bn="জামাল", date_of_birth=None, number="4715093863")
    PersonFactory(household=household, name_bn="জামাল", date_of_birth=None, number="4715093864")
    PersonFactory(household=HouseholdFactory(lgi=union), name_bn="করিম মিয়া", date_of_birth=None)
    assert duplicates.detect()[FlagKind.SAME_NAME] == 1
    flag = DuplicateFlag.objects.get()
    assert {flag.person_a_id, flag.person_b_id} == {father.pk, son.pk}
    assert duplicates.detect()[FlagKind.SAME_NAME] == 0


def test_household_flags_written_with_new_households_are_those_the_members_give(union):
    """The writer sets a household's head and flags as it inserts it when all its members come
    in that batch; a household met again in a later batch, or already stored, has them derived
    from all its members at the end. Either way they are what refresh_household_flags derives
    from the stored members: deriving them again afterwards changes nothing."""
    import datetime

    from registry.models import Household, refresh_household_flags
    from registry.writer import Record, RegistryWriter

    today = datetime.date(2026, 7, 1)

    def member(code, name, relation, sex="male", born=datetime.date(1990, 1, 1), **extra):
        return Record(
            household_code=code,
            ward=2,
            name_bn=name,
            sex=sex,
            relation=relation,
            date_of_birth=born,
            **extra,
        )

    HouseholdFactory(lgi=union, code="পুরানো", female_headed=False)
    first = [
        # Two heads listed: the first one is the head; a woman heads it.
        member("ক", "আমেনা", "head", sex="female"),
        member("ক", "করিম", "head"),
        member("ক", "দাদী", "mother", sex="female", born=datetime.date(1960, 7, 1)),
        # Sixty the day after: not elderly yet; no head listed, female-headed as the list says.
        member("খ", "জামাল", "son", born=datetime.date(1966, 7, 2), female_headed=True),
        member("খ", "রুমা", "daughter", sex="female", born=None, disability="visual"),
        # A male head keeps the list's female-headed flag off.
        member("গ", "হাসান", "head"),
        member("পুরানো", "নতুন সদস্য", "head", sex="female"),
        # Split by the batch's end: its head comes in the next batch.
        member("ঘ", "সালমা", "spouse", sex="female"),
    ]
    second = [member("ঘ", "রফিক", "head"), member("ঙ", "মিনা", "head", sex="female")]
    writer = RegistryWriter(union, today=today)
    writer.write(first)
    writer.write(second)
    writer.refresh_household_flags()

    columns = ("code", "head__name_bn", "female_headed", "member_with_disability", "elderly_member")
    households = Household.objects.filter(lgi=union).order_by("code")
    written = list(households.values_list(*columns))
    assert written == [
        ("ক", "আমেনা", True, False, True),
        ("খ", None, True, True, False),
        ("গ", "হাসান", False, False, False),
        ("ঘ", "রফিক", False, False, False),
        ("ঙ", "মিনা", True, False, False),
        ("পুরানো", "নতুন সদস্য", True, False, False),
    ]
    refresh_household_flags(households, today)
    assert list(households.values_list(*columns)) == written
