"""The demo catalogue: shaped by HLP's published figures, each recomputed here from raw rows."""

from collections import defaultdict
from decimal import Decimal

import pytest

from hlp_site import demo as site_demo
from places.models import Area
from portal import demo as portal_demo
from portal.models import PortalSettings
from practices import demo, fiscal, rechecks
from practices.models import (
    BestPracticeChange,
    BudgetAllocation,
    CircularPage,
    CircularStatus,
    CircularStatusChange,
    CuratedListPage,
    PracticePage,
    Recheck,
    Replication,
)


def table_sizes():
    return (
        PracticePage.objects.count(),
        Replication.objects.count(),
        BudgetAllocation.objects.count(),
        CircularPage.objects.count(),
        CuratedListPage.objects.count(),
        CircularStatusChange.objects.count(),
        Recheck.objects.count(),
        BestPracticeChange.objects.count(),
    )


@pytest.mark.django_db
def test_demo_catalogue_resembles_hlp_and_loads_once(client, home):
    portal_demo.load()
    site_demo.load()
    demo.load()
    threshold = PortalSettings.load().best_practice_threshold

    practices = PracticePage.objects.live()
    assert practices.count() == 174
    assert all(practices.values_list("is_demo", flat=True))

    completed = defaultdict(set)
    for practice_id, lgi_id in Replication.objects.filter(status="completed").values_list(
        "practice_id", "lgi_id"
    ):
        completed[practice_id].add(lgi_id)
    best = {pk for pk, lgis in completed.items() if len(lgis) >= threshold}
    assert len(best) == 54
    assert set(practices.filter(is_best_practice=True).values_list("pk", flat=True)) == best

    lines = defaultdict(dict)
    for row in BudgetAllocation.objects.values():
        key = (row["lgi_id"], row["fiscal_year"], row["practice_id"], row["source"])
        lines[key][row["version"]] = row
    effective = [versions.get("revised") or versions["original"] for versions in lines.values()]
    total = sum(Decimal(row["allocated"]) for row in effective)
    usd = total / PortalSettings.load().bdt_per_usd
    assert Decimal(11_500_000) < usd < Decimal(12_500_000)
    years = {row["fiscal_year"] for row in effective}
    assert min(years) == "2007-08" and max(years) == "2024-25"
    assert all(fiscal.normalize(year) == year for year in years)

    circulars = CircularPage.objects.live().filter(is_demo=True)
    assert circulars.count() == 4
    for circular in circulars:
        linked = list(circular.practices.all())
        assert linked
        origin = next(p for p in linked if p.circular_status == CircularStatus.CIRCULAR_ISSUED)
        steps = list(origin.circular_status_history.values_list("to_status", "cause_id"))
        assert [status for status, _cause in steps] == [
            "nominated",
            "presented",
            "under_review",
            "circular_issued",
        ]
        assert steps[-1][1] == circular.pk

    for url in ("/practices/", "/circulars/", "/practices/lists/best-practices/", "/"):
        assert client.get(url).status_code == 200
    best_list = CuratedListPage.objects.get(slug="best-practices")
    assert best_list.items.count() == 54

    # Re-checks: most recorded, some partly running, some stopped, some still to do, and the
    # demo UP editor's union has some on its landing page.
    outcomes = list(Recheck.objects.values_list("outcome", flat=True))
    assert outcomes.count("running") > outcomes.count("partly") > 0
    assert outcomes.count("stopped") > 0
    due = rechecks.due_list(rechecks.due_replications())
    assert any(item.overdue for item in due)
    assert rechecks.due_replications(lgis=Area.objects.filter(key="UN1")).exists()
    figures = {
        practice_id: checked for practice_id, checked in practices.values_list("pk", "checked_1y")
    }
    by_hand = defaultdict(int)
    for practice_id in Recheck.objects.filter(
        milestone=1, replication__status="completed"
    ).values_list("replication__practice_id", flat=True):
        by_hand[practice_id] += 1
    assert {pk: n for pk, n in figures.items() if n} == dict(by_hand)
    assert BestPracticeChange.objects.filter(is_best_practice=True).count() == 54

    before = table_sizes()
    demo.load()
    assert table_sizes() == before
