import datetime
import re

import pytest

from portal import roles
from registry import aggregates, duplicates
from registry.models import (
    AccessAction,
    AccessLog,
    Benefit,
    DuplicateFlag,
    FlagKind,
    FlagStatus,
    Person,
    Programme,
)

from .conftest import TEST_NID, commit, upload, write_csv
from .factories import BenefitFactory, HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db

BORN = datetime.date(1950, 4, 14)


def test_the_same_identity_number_in_two_households_is_flagged(union, other_union):
    first = PersonFactory(household=HouseholdFactory(lgi=union), number="4715093862")
    second = PersonFactory(household=HouseholdFactory(lgi=other_union), number="৪৭১৫০৯৩৮৬২")
    PersonFactory(household=HouseholdFactory(lgi=union), number="4715093863")
    assert duplicates.detect()[FlagKind.SAME_ID] == 1
    flag = DuplicateFlag.objects.get(kind=FlagKind.SAME_ID)
    assert {flag.person_a, flag.person_b} == {first, second}
    assert flag.lgi_ids == {union.pk, other_union.pk}
    assert duplicates.detect()[FlagKind.SAME_ID] == 0, "a pair is flagged once"


def test_the_same_benefit_twice_in_a_fiscal_year_is_flagged(union):
    person = PersonFactory(number="4715093862")
    BenefitFactory(person=person, fiscal_year="2023-24", date=datetime.date(2023, 8, 1))
    BenefitFactory(person=person, fiscal_year="2023-24", date=datetime.date(2024, 1, 9))
    BenefitFactory(person=person, fiscal_year="2024-25")
    # The same number in another household, paid the same allowance in the same year.
    elsewhere = PersonFactory(household=HouseholdFactory(lgi=union), number="4715093862")
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
        number="4715093862",
    )
    # Two different numbers are two people; another union is another person.
    third = PersonFactory(
        household=HouseholdFactory(lgi=union),
        name_bn="আব্দুর রহিম",
        date_of_birth=BORN,
        number="4715093869",
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
        number="4715093862",
    )
    BenefitFactory(person=keep, programme=None, replication=replication, fiscal_year="2022-23")
    BenefitFactory(person=drop, programme=None, replication=replication, fiscal_year="2023-24")
    BenefitFactory(person=drop, programme=None, replication=replication, fiscal_year="2022-23")
    assert aggregates.beneficiaries_for_practice(replication.practice)["persons"] == 2
    duplicates.detect()
    flag = DuplicateFlag.objects.get(kind=FlagKind.LIKELY_SAME)
    client.force_login(officer)
    keep_side = "a" if flag.person_a_id == keep.pk else "b"
    assert decide(client, flag, decision="merged", keep=keep_side, confirm="1").status_code == 302
    assert not Person.objects.filter(pk=drop.pk).exists()
    keep.refresh_from_db()
    assert keep.id_last3 == "862", "the kept record takes the number it lacked"
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
    decide(client, flag, decision="merged", keep="a", confirm="1")
    assert list(Benefit.objects.values_list("pk", flat=True)) == [first.pk]
    assert flag.benefit_b_id == second.pk


def test_a_flag_across_unions_is_only_for_those_who_see_both(
    client, officer, national_officer, make_user, union, other_union
):
    PersonFactory(household=HouseholdFactory(lgi=union), name_en="Mine", number="4715093862")
    PersonFactory(
        household=HouseholdFactory(lgi=other_union), name_en="Theirs", number="4715093862"
    )
    duplicates.detect()
    flag = DuplicateFlag.objects.get()
    client.force_login(officer)
    assert client.get(f"/en/registry/duplicates/{flag.pk}/").status_code == 404
    assert decide(client, flag, decision="confirmed").status_code == 404
    # An officer of both unions (a district's, say) reviews it like NILG.
    both = make_user("both-unions", roles.REGISTRY_OFFICER, [union, other_union])
    client.force_login(both)
    page = client.get(f"/en/registry/duplicates/{flag.pk}/").content.decode()
    assert "Mine" in page and "Theirs" in page
    client.force_login(national_officer)
    assert decide(client, flag, decision="confirmed").status_code == 302
    assert DuplicateFlag.objects.get().status == FlagStatus.CONFIRMED


def test_importing_a_known_number_tells_a_union_nothing_of_the_other_union(
    client,
    officer,
    editor,
    national_officer,
    union,
    other_union,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    """The oracle: a union's staff import a row carrying a number they want to look up, with a
    benefit row, and read the duplicate queue after the scan. They must learn nothing: not that
    the number is known, nor where, nor what was received there."""
    widow = Programme.objects.get(slug="widow-allowance")
    theirs = PersonFactory(
        household=HouseholdFactory(lgi=other_union, code="THEIRS-1"),
        name_bn="অচেনা বিধবা",
        name_en="Unknown Widow",
        date_of_birth=datetime.date(1985, 3, 9),
        number=TEST_NID,
    )
    BenefitFactory(person=theirs, programme=widow, fiscal_year="2023-24", amount=5500)
    path = write_csv(
        tmp_path / "probe.csv",
        [
            [
                *["খানা নং", "ওয়ার্ড নং", "নাম", "লিঙ্গ", "জন্ম তারিখ", "এনআইডি নং"],
                *["কর্মসূচি", "অর্থবছর", "টাকার পরিমাণ"],
            ],
            ["P-1", "1", "যাচাই", "মহিলা", "09/03/1985", TEST_NID, widow.name_bn, "2023-24", "1"],
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = commit(upload(path, officer, union))
    assert job.status == "committed", job.report.get("errors")
    duplicates.detect()  # the full scan, of every union
    flags = DuplicateFlag.objects.all()
    assert {flag.kind for flag in flags} == {FlagKind.SAME_ID, FlagKind.REPEAT_BENEFIT}
    assert all(flag.lgi_ids == {union.pk, other_union.pk} for flag in flags)
    mine = Person.objects.get(lgi=union)
    foreign_words = [
        other_union.name_en,
        other_union.name_bn,
        "Unknown Widow",
        "অচেনা বিধবা",
        "THEIRS-1",
        "5,500",
        "৫,৫০০",
        "another union",
    ]
    for user in (officer, editor):
        client.force_login(user)
        pages = [
            client.get(f"{language}/registry/duplicates/?kind={kind}&status={status}")
            for language in ("", "/en")
            for kind in ("", *FlagKind.values)
            for status in FlagStatus.values
        ]
        pages += [client.get(f"/en/registry/persons/{mine.pk}/")]
        pages += [client.get(f"/en/imports/{job.pk}/"), client.get("/en/registry/imports/")]
        for page in pages:
            assert page.status_code == 200
            text = page.content.decode()
            for word in foreign_words:
                assert word not in text, (user, page.request["PATH_INFO"], word)
            assert not re.search(r"/registry/duplicates/\d+/", text), "no link to a flag"
        for flag in flags:
            assert client.get(f"/en/registry/duplicates/{flag.pk}/").status_code == 404
            assert decide(client, flag, decision="dismissed").status_code == 404
        queue = client.get("/en/registry/duplicates/")
        assert queue.context["page"].paginator.count == 0
    assert set(DuplicateFlag.objects.values_list("status", flat=True)) == {FlagStatus.OPEN}
    # NILG's officers see the match whole, with the other union and what it paid.
    client.force_login(national_officer)
    queue = client.get("/en/registry/duplicates/").content.decode()
    assert other_union.name_en in queue and "Unknown Widow" in queue
    repeat = flags.get(kind=FlagKind.REPEAT_BENEFIT)
    detail = client.get(f"/en/registry/duplicates/{repeat.pk}/").content.decode()
    assert "5,500" in detail and widow.name_en in detail
