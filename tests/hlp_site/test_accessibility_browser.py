"""Every public page type in the machine's Chromium, in both languages, at a phone's width and
a desktop's: nothing but a table inside its box scrolls sideways, whatever is tapped on its own
is at least 44 px high (`tests.journeys.small_targets`), and axe-core (the build of the
npm package that axe-playwright-python carries, injected from the test's own files) finds no
serious or critical violation."""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe

import search
from hlp_site.models import HomePage
from places.models import Area
from practices.models import (
    CircularStatus,
    CircularStatusChange,
    CuratedListIndexPage,
    CuratedListItem,
    CuratedListPage,
)
from tests.dashboards.conftest import page_tree
from tests.dashboards.factories import (
    BudgetAllocationFactory,
    CircularPageFactory,
    PracticePageFactory,
    ReplicationFactory,
    ThemeFactory,
)
from tests.journeys import WIDTHS, small_targets
from tests.workshops.factories import WorkshopPageFactory
from workshops.models import Decision, WorkshopIndexPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEVERE = ("serious", "critical")


@pytest.fixture
def site(restore_base_data, settings):
    """One page of every public type, with what makes each page full: replications and budget
    lines, a circular's history, a workshop's decisions."""
    settings.ELASTICSEARCH_URL = ""
    settings.PAGE_CACHE_SECONDS = 0
    practice_index, circular_index = page_tree()
    theme = ThemeFactory(name_bn="পানি ও স্যানিটেশন", name_en="Water and sanitation", slug="water")
    union = Area.objects.get(key="UN1")
    practice = PracticePageFactory(
        parent=practice_index,
        theme=theme,
        lgi=union,
        title="আর্সেনিকমুক্ত নলকূপ স্থাপন",
        title_en="Arsenic-free tube wells",
        slug="tube-wells",
    )
    for lgi in Area.objects.lgis().filter(district__code="BD3026").order_by("pk")[:4]:
        ReplicationFactory(practice=practice, lgi=lgi, households_reached=120)
        BudgetAllocationFactory(practice=practice, lgi=lgi, fiscal_year="2019-20")
    CircularStatusChange.objects.create(
        practice=practice,
        from_status=CircularStatus.NONE,
        to_status=CircularStatus.NOMINATED,
        date=datetime.date(2019, 7, 24),
        note="জেলা থিমেটিক কর্মশালায় মনোনীত, পরবর্তী জাতীয় কর্মশালায় উপস্থাপনের জন্য",
    )
    circular = CircularPageFactory(parent=circular_index, slug="arsenic-circular")
    circular.practices.add(practice)
    workshops = HomePage.objects.get().add_child(
        instance=WorkshopIndexPage(title="কর্মশালা", title_en="Workshops", slug="workshops")
    )
    workshop = WorkshopPageFactory(parent=workshops, slug="district-workshop")
    for number, text in enumerate(["সব ইউনিয়নে চালু হবে।", "খরচ ইউনিয়ন পরিষদ বহন করবে।"]):
        Decision.objects.create(workshop=workshop, text_bn=text, sort_order=number)
    lists = practice_index.add_child(
        instance=CuratedListIndexPage(title="বাছাই করা তালিকা", title_en="Curated lists", slug="lists")
    )
    best = lists.add_child(
        instance=CuratedListPage(
            title="নিরাপদ পানির সেরা শিখন", title_en="The best of safe water", slug="safe-water"
        )
    )
    CuratedListItem.objects.create(curated_list=best, practice=practice, note_bn="সবচেয়ে বেশি অনুসৃত")
    search.rebuild()
    return {
        "home": "/",
        "practices": "/practices/",
        "practice": practice.url,
        "spread": f"{practice.url}spread/",
        "lists": lists.url,
        "list": best.url,
        "circulars": "/circulars/",
        "circular": circular.url,
        "workshops": "/workshops/",
        "workshop": workshop.url,
        "calendar": "/workshops/calendar/?month=2024-03",
        "open actions": "/workshops/actions/",
        "exposure visits": "/workshops/visits/",
        "dashboard": "/dashboard/",
        "area": Area.objects.get(code="BD3026").get_absolute_url(),
        "areas": "/areas/",
        "data": "/data/",
        "table": "/data/replications/",
        "search": "/search/?q=নলকূপ",
        "sign in": "/sign-in/",
        "not found": "/no-such-page/",
    }


@pytest.mark.parametrize("language", ["", "/en"])
@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages_fit_the_screen_have_tap_targets_and_pass_axe(
    site, live_server, browser_page, width, language
):
    page, errors = browser_page
    page.set_viewport_size(WIDTHS[width])
    axe = Axe()
    problems = {}
    for name, path in site.items():
        path = path if not language else language + path.removeprefix("/en")
        response = page.goto(live_server.url + path)
        assert response.status == (404 if name == "not found" else 200), path
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        violations = [
            f"{violation['id']} ({len(violation['nodes'])})"
            for violation in axe.run(page).response["violations"]
            if violation["impact"] in SEVERE
        ]
        small = small_targets(page)
        # A numbered list counts in the digits of its language (১. ২. ৩. in Bangla).
        numbering = page.evaluate(
            """() => [...new Set([...document.querySelectorAll("main ol")]
                .map(list => getComputedStyle(list).listStyleType)
                .filter(type => type !== "none"))]"""
        )
        wrong = [kind for kind in numbering if kind != ("decimal" if language else "bengali")]
        if overflow > 0 or violations or small or wrong:
            problems[name] = {"wider by px": overflow, "axe": violations, "small targets": small}
            if wrong:
                problems[name]["list numbering"] = wrong
    assert problems == {}
    assert errors == []
