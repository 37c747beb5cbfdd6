import datetime
import io

from django.core.management import call_command

import pytest

from registry import aggregates
from registry.models import BeneficiaryAggregate, Benefit

from .factories import BenefitFactory, HouseholdFactory, PersonFactory

pytestmark = pytest.mark.django_db


def figures():
    return sorted(
        BeneficiaryAggregate.objects.filter(persons__gt=0).values_list(
            "practice_id", "programme_id", "lgi_id", "fiscal_year", "persons", "households"
        ),
        key=str,
    )


def counted_from_rows(practice):
    """What the figures must say, counted here from the benefit rows themselves."""
    rows = Benefit.objects.filter(practice=practice)
    return {
        "persons": len(set(rows.values_list("person_id", flat=True))),
        "households": len(set(rows.values_list("household_id", flat=True))),
    }


def test_single_saves_keep_the_figures_equal_to_a_rebuild(replication, union):
    household = HouseholdFactory(lgi=union)
    mother = PersonFactory(household=household)
    son = PersonFactory(household=household, relation="son")
    for person, year in [(mother, "2022-23"), (mother, "2023-24"), (son, "2023-24")]:
        BenefitFactory(person=person, programme=None, replication=replication, fiscal_year=year)
    BenefitFactory(
        person=mother,
        programme=None,
        replication=replication,
        fiscal_year="2023-24",
        amount=None,
        in_kind="নলকূপ",
    )
    BenefitFactory(person=son)
    incremental = figures()
    aggregates.rebuild()
    assert figures() == incremental
    result = aggregates.beneficiaries_for_practice(replication.practice)
    expected = counted_from_rows(replication.practice)
    assert (result["persons"], result["households"]) == (
        expected["persons"],
        expected["households"],
    )
    years = {row["fiscal_year"]: row["persons"] for row in result["by_fiscal_year"]}
    assert years == {"2022-23": 1, "2023-24": 2}
    assert result["by_district"][0]["area"] == union.district


def test_deleting_a_benefit_recounts_its_figures(replication):
    first = BenefitFactory(programme=None, replication=replication)
    BenefitFactory(programme=None, replication=replication)
    first.delete()
    assert aggregates.beneficiaries_for_practice(replication.practice)["persons"] == 1
    incremental = figures()
    aggregates.rebuild()
    assert figures() == incremental


def test_dashboards_group_by_area_year_and_theme(replication, union):
    BenefitFactory(programme=None, replication=replication, fiscal_year="2021-22")
    BenefitFactory(programme=None, replication=replication, fiscal_year="2022-23")
    by_district = aggregates.beneficiaries_by_area("district")
    assert by_district == [{"area": union.district, "persons": 2, "households": 2}]
    assert aggregates.beneficiaries_by_area("upazila", area=union.district)[0]["area"] == (
        union.upazila
    )
    assert [row["fiscal_year"] for row in aggregates.beneficiaries_by_year()] == [
        "2021-22",
        "2022-23",
    ]
    assert aggregates.beneficiaries_by_theme()[0]["theme"] == replication.practice.theme
    assert aggregates.registry_totals(fiscal_year="2021-22")["persons"] == 1


def test_figures_never_name_a_person(replication):
    BenefitFactory(programme=None, replication=replication, person=PersonFactory(name_bn="রহিমা"))
    text = repr(aggregates.beneficiaries_for_practice(replication.practice))
    assert "রহিমা" not in text


def test_the_rebuild_command_repairs_figures(replication):
    BenefitFactory(programme=None, replication=replication)
    BeneficiaryAggregate.objects.update(persons=99)
    call_command("rebuild_registry_aggregates", stdout=io.StringIO())
    assert aggregates.beneficiaries_for_practice(replication.practice)["persons"] == 1


def test_impact_page_is_for_nilgs_registry_officers_only(client, policymaker, replication):
    # Its breakdowns beside the dashboards' published totals could give a small count away.
    client.force_login(policymaker)
    assert client.get(f"/en/registry/impact/{replication.practice.pk}/").status_code == 403


def test_impact_page_shows_small_counts_as_under_5(client, national_officer, replication):
    for _n in range(3):
        BenefitFactory(
            programme=None, replication=replication, date=datetime.date(2023, 8, 1), fiscal_year=""
        )
    replication.practice.save_revision().publish()
    client.force_login(national_officer)
    response = client.get(f"/en/registry/impact/{replication.practice.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<5" in body or "&lt;5" in body
    assert ">3<" not in body


def test_batches_that_split_a_household_count_each_person_and_household_once(replication, union):
    """A union's list written in batches, as the import writes it: a household's members and a
    person's benefits fall on both sides of a batch's end, and a second file brings more years
    for the same people. The figures must equal a recount from the rows."""
    from registry.writer import Record, RegistryWriter

    def record(household, name, year):
        return Record(
            household_code=f"H{household}",
            ward=1,
            name_bn=name,
            sex="female",
            date_of_birth=datetime.date(1980, 1, 1 + household),
            relation="head" if name.endswith("1") else "daughter",
            practice_id=replication.practice_id,
            replication_id=replication.pk,
            fiscal_year=year,
            amount=1000,
        )

    rows = [
        record(1, "সদস্য ১-1", "2022-23"),
        record(1, "সদস্য ১-2", "2022-23"),
        # The next batch: the same household, a third member, and a person's second year.
        record(1, "সদস্য ১-3", "2022-23"),
        record(1, "সদস্য ১-1", "2023-24"),
        record(2, "সদস্য ২-1", "2023-24"),
    ]
    writer = RegistryWriter(union)
    writer.write(rows[:2])
    writer.write(rows[2:])
    # A second file: the same people again (nothing new) and a year more for one of them.
    again = RegistryWriter(union)
    again.write([*rows, record(2, "সদস্য ২-1", "2024-25")])
    incremental = figures()
    aggregates.rebuild()
    assert figures() == incremental
    result = aggregates.beneficiaries_for_practice(replication.practice)
    assert (result["persons"], result["households"]) == (4, 2)
    years = {row["fiscal_year"]: row["persons"] for row in result["by_fiscal_year"]}
    assert years == {"2022-23": 3, "2023-24": 2, "2024-25": 1}


@pytest.mark.postgres
def test_a_long_import_plans_its_lookups_on_what_it_wrote_and_not_after_its_last_batch(
    monkeypatch, union
):
    """A list written in one transaction is analysed before a batch's lookups once enough rows
    are written, so they are not planned on the empty tables it started from; the last batch
    is followed by no analysis that nothing would use."""
    from django.db import connection

    from registry import writer as writer_module
    from registry.models import Person
    from registry.writer import Record, RegistryWriter

    monkeypatch.setattr(writer_module, "ANALYSE_FIRST", 4)

    def analyses():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute(
                "SELECT analyze_count FROM pg_stat_user_tables WHERE relid = %s::regclass",
                [Person._meta.db_table],
            )
            return cursor.fetchone()[0]

    def batch(first):
        return [
            Record(household_code=f"H{number}", ward=1, name_bn=f"সদস্য {number}", sex="female")
            for number in range(first, first + 4)
        ]

    before = analyses()
    writer = RegistryWriter(union)
    writer.write(batch(0))
    # Enough rows written, but no batch followed: nothing analysed yet.
    assert analyses() == before
    writer.write(batch(4))
    assert analyses() == before + 1
    # Then again each time what it wrote has doubled (8 rows before the third batch).
    writer.write(batch(8))
    writer.write(batch(12))
    assert analyses() == before + 2
    assert Person.objects.filter(lgi=union).count() == 16
