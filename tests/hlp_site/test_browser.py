"""The shell in the machine's Chromium: on a phone's width nothing scrolls sideways, and the
header's search box suggests titles from the portal's data as one types."""

import pytest

import search
from tests.dashboards.conftest import page_tree
from tests.dashboards.factories import PracticePageFactory, ThemeFactory
from tests.journeys import small_targets

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def published(restore_base_data, settings):
    # The shell is under test here, not a search backend: the database answers.
    settings.ELASTICSEARCH_URL = ""
    practice_index, _circulars = page_tree()
    theme = ThemeFactory(name_bn="পানি", name_en="Water", slug="water")
    practice = PracticePageFactory(
        parent=practice_index, theme=theme, title="আর্সেনিকমুক্ত নলকূপ স্থাপন", slug="tube-wells"
    )
    search.index(practice)
    return practice


@pytest.mark.parametrize(
    "path", ["/", "/practices/", "/en/practices/", "/dashboard/", "/search/?q=নলকূপ", "/data/"]
)
def test_nothing_scrolls_sideways_on_a_phone(published, live_server, browser_page, path):
    page, errors = browser_page
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + path)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} is {overflow} px wider than a {PHONE['width']} px phone"
    assert page.locator("#site-search-q").is_visible()
    assert errors == []


def test_the_header_search_box_suggests_titles_as_one_types(published, live_server, browser_page):
    page, errors = browser_page
    page.goto(live_server.url + "/")
    page.locator("#site-search-q").press_sequentially("আর্সেনিক", delay=30)
    option = page.locator("#site-search-suggestions option")
    option.first.wait_for(state="attached", timeout=10_000)
    assert option.first.get_attribute("value") == "আর্সেনিকমুক্ত নলকূপ স্থাপন"
    assert errors == []


@pytest.mark.parametrize("path", ["/search/?q=নলকূপ", "/en/search/?q=tube+well"])
def test_on_a_phone_search_results_come_before_the_filters_and_every_link_is_a_tap_target(
    published, live_server, browser_page, path
):
    page, errors = browser_page
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + path)
    first_hit = page.locator(".hit").first.bounding_box()
    filters = page.locator("#facets-heading").bounding_box()
    assert first_hit["y"] < filters["y"]
    assert first_hit["y"] < PHONE["height"], "the first result is below the first screen"
    assert small_targets(page) == []
    page.locator(".to-facets").click()
    assert page.locator("#facets-heading").is_visible()
    assert errors == []
