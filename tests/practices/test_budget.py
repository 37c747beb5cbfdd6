import random
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from places.models import Area
from portal.models import PortalSettings
from practices import budget
from practices.models import BudgetAllocation, BudgetVersion, FundSource, PracticePage

from .factories import BudgetAllocationFactory, PracticePageFactory, ReplicationFactory


@pytest.fixture
def replicating(practice):
    lgi = Area.objects.get(key="UN2")
    ReplicationFactory(practice=practice, lgi=lgi)
    return lgi


def refusal(line):
    with pytest.raises(ValidationError) as refused:
        line.full_clean()
    return refused.value.message_dict


def line(practice, lgi, **fields):
    values = {"fiscal_year": "2015-16", "allocated": Decimal(1000), "spent": Decimal(500)}
    values.update(fields)
    return BudgetAllocation(practice=practice, lgi=lgi, **values)


def test_a_valid_line_of_a_replicating_lgi_and_of_the_originator(practice, replicating, union):
    line(practice, replicating).full_clean()
    line(practice, union, fiscal_year="২০১৫-১৬").full_clean()


def test_spent_above_allocated_is_refused_on_spent(practice, replicating, english):
    errors = refusal(line(practice, replicating, allocated=Decimal(1000), spent=Decimal(1500)))
    assert list(errors) == ["spent"]
    assert "more than the amount allocated" in errors["spent"][0]


@pytest.mark.parametrize(
    ("field", "message"),
    [("allocated", "allocated amount cannot be negative"), ("spent", "spent cannot be negative")],
)
def test_negative_amounts_are_refused_naming_the_field(
    practice, replicating, english, field, message
):
    errors = refusal(line(practice, replicating, **{field: Decimal(-1)}))
    assert message in errors[field][0]


def test_an_lgi_without_a_replication_is_refused(practice, english):
    stranger = Area.objects.get(key="UN3")
    errors = refusal(line(practice, stranger))
    assert stranger.name_en in errors["lgi"][0]
    assert "has no replication" in errors["lgi"][0]


@pytest.mark.parametrize("year", ["2015-17", "1990-91", "15-16", "2015"])
def test_an_impossible_fiscal_year_is_refused(practice, replicating, english, year):
    errors = refusal(line(practice, replicating, fiscal_year=year))
    assert "fiscal year" in errors["fiscal_year"][0].lower()


def test_a_duplicate_line_is_refused(practice, replicating, english):
    line(practice, replicating).save()
    errors = refusal(line(practice, replicating))
    assert "already has this budget line" in " ".join(errors["__all__"])


def test_the_database_refuses_spent_above_allocated(practice, replicating):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        line(practice, replicating, allocated=Decimal(10), spent=Decimal(20)).save()


def test_revised_supersedes_original_for_the_same_line(practice, replicating):
    BudgetAllocationFactory(
        practice=practice, lgi=replicating, allocated=1000, spent=0, version="original"
    )
    BudgetAllocationFactory(
        practice=practice, lgi=replicating, allocated=800, spent=700, version="revised"
    )
    # Another source of funds is another line: its original still counts.
    BudgetAllocationFactory(
        practice=practice,
        lgi=replicating,
        allocated=300,
        spent=100,
        source=FundSource.BLOCK_GRANT,
        version="original",
    )
    totals = budget.for_practice(practice)
    assert (totals.allocated, totals.spent, totals.lines) == (Decimal(1100), Decimal(800), 2)


def test_usd_at_the_portal_rate(practice, replicating):
    settings = PortalSettings.load()
    settings.bdt_per_usd = Decimal("125.00")
    settings.save()
    BudgetAllocationFactory(practice=practice, lgi=replicating, allocated=250_000, spent=125_000)
    totals = budget.for_practice(practice)
    assert totals.allocated_usd == Decimal(2000)
    assert totals.spent_usd == Decimal(1000)


def test_practice_figures_follow_budget_lines(
    practice, replicating, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        BudgetAllocationFactory(practice=practice, lgi=replicating, allocated=900, spent=400)
        BudgetAllocationFactory(
            practice=practice, lgi=replicating, allocated=1200, spent=1000, version="revised"
        )
    fresh = PracticePage.objects.get(pk=practice.pk)
    assert (fresh.budget_allocated, fresh.budget_spent) == (Decimal(1200), Decimal(1000))


@pytest.fixture
def spread(practice_index, django_capture_on_commit_callbacks):
    """Budget lines of LGIs in several upazilas, districts and divisions, with revisions."""
    rng = random.Random(11)
    divisions = list(Area.objects.filter(level="division").order_by("code")[:3])
    lgis = []
    for division in divisions:
        lgis += list(Area.objects.filter(level="union", division=division).order_by("key")[:7])
        lgis += list(Area.objects.filter(level="union", division=division).order_by("-key")[:3])
    practices = [PracticePageFactory(parent=practice_index) for _ in range(3)]
    raw = []
    for practice in practices:
        for lgi in lgis:
            ReplicationFactory(practice=practice, lgi=lgi)
            for year in rng.sample(["2018-19", "2019-20", "2020-21"], 2):
                allocated = rng.randint(1, 500) * 1000
                for version in ["original"] + (["revised"] if rng.random() < 0.3 else []):
                    amount = allocated if version == "original" else allocated + 5000
                    raw.append(
                        BudgetAllocationFactory(
                            practice=practice,
                            lgi=lgi,
                            fiscal_year=year,
                            allocated=amount,
                            spent=amount // 2,
                            version=version,
                        )
                    )
    return raw


def effective_raw(rows):
    """The counting rule, restated over plain rows: revised replaces original of its line."""
    by_line = defaultdict(dict)
    for row in rows:
        by_line[(row.lgi_id, row.fiscal_year, row.practice_id, row.source)][row.version] = row
    return [versions.get("revised") or versions["original"] for versions in by_line.values()]


def test_totals_add_up_across_every_level(spread):
    rows = effective_raw(BudgetAllocation.objects.select_related("lgi"))
    assert sum(r.version == BudgetVersion.REVISED for r in rows) > 0

    def expected(predicate):
        chosen = [r for r in rows if predicate(r)]
        return sum(Decimal(r.allocated) for r in chosen), sum(Decimal(r.spent) for r in chosen)

    national = budget.for_area(None)
    assert (national.allocated, national.spent) == expected(lambda r: True)

    lgi = rows[0].lgi
    levels = {
        "union": lgi,
        "upazila": lgi.upazila,
        "district": lgi.district,
        "division": lgi.division,
    }
    for level, area in levels.items():
        totals = budget.for_area(area)
        if level == "union":
            assert (totals.allocated, totals.spent) == expected(lambda r, a=area: r.lgi_id == a.pk)
        else:
            assert (totals.allocated, totals.spent) == expected(
                lambda r, a=area, lv=level: getattr(r.lgi, f"{lv}_id") == a.pk
            ), level

    children = budget.by_child_area(None)
    assert sum(t.allocated for _a, t in children) == national.allocated
    for division, totals in children:
        assert totals.allocated == expected(lambda r, d=division: r.lgi.division_id == d.pk)[0]
        districts = budget.by_child_area(division)
        assert sum(t.allocated for _a, t in districts) == totals.allocated
        for district, district_totals in districts:
            upazilas = budget.by_child_area(district)
            assert sum(t.allocated for _a, t in upazilas) == district_totals.allocated
            for upazila, upazila_totals in upazilas:
                lgis = budget.by_child_area(upazila)
                assert sum(t.allocated for _a, t in lgis) == upazila_totals.allocated
                assert all(a.upazila_id == upazila.pk for a, _t in lgis)

    years = dict(budget.by_year())
    for year, totals in years.items():
        assert totals.allocated == expected(lambda r, y=year: r.fiscal_year == y)[0]
    assert sum(t.allocated for t in years.values()) == national.allocated

    for practice_id in {r.practice_id for r in rows}:
        practice = PracticePage.objects.get(pk=practice_id)
        assert (
            budget.for_practice(practice).allocated
            == expected(lambda r, p=practice_id: r.practice_id == p)[0]
        )
        assert budget.for_lgi(lgi).allocated == expected(lambda r: r.lgi_id == lgi.pk)[0]


def test_totals_are_aggregate_queries(spread, django_assert_max_num_queries):
    division = Area.objects.filter(level="division").order_by("code").first()
    PortalSettings.load()
    with django_assert_max_num_queries(2):
        budget.for_area(division)
    with django_assert_max_num_queries(3):
        budget.by_child_area(division)
