"""The open data tables in the machine's Chromium, at a phone's width and a desktop's, in both
languages: nothing scrolls sideways but the table inside its box, and a district chosen by its
name filters the table."""

import pytest

from places.models import Area

from .conftest import page_tree
from .factories import PracticePageFactory, ReplicationFactory, ThemeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (360, 1366)


@pytest.fixture
def replicated(restore_base_data, settings):
    settings.ELASTICSEARCH_URL = ""
    practice_index, _circulars = page_tree()
    theme = ThemeFactory(name_bn="পানি", name_en="Water", slug="water")
    practice = PracticePageFactory(parent=practice_index, theme=theme, slug="tube-wells")
    for district in ("BD3026", "BD2019"):
        for lgi in Area.objects.lgis().filter(district__code=district).order_by("pk")[:3]:
            ReplicationFactory(practice=practice, lgi=lgi)
    return practice


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    "path",
    ["/data/replications/?district=BD3026", "/en/data/replications/", "/areas/", "/en/areas/"],
)
def test_the_tables_fit_the_screen(replicated, live_server, browser_page, path, width):
    page, errors = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + path)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} is {overflow} px wider than {width} px"
    assert errors == []


def test_a_district_chosen_by_name_filters_the_table(replicated, live_server, browser_page):
    page, errors = browser_page
    page.set_viewport_size({"width": 360, "height": 900})
    page.goto(live_server.url + "/en/data/replications/")
    assert page.locator("#id_district").get_attribute("list") == "choices-district"
    page.click(".table-filter summary")
    page.fill("#id_district", "Dhaka")
    page.click(".dash-filter button[type=submit]")
    page.wait_for_load_state()
    assert "district=Dhaka" in page.url
    assert page.locator("[data-count]").get_attribute("data-count") == "3"
    districts = page.locator("td:nth-child(9)").all_inner_texts()
    assert set(districts) == {"Dhaka"}
    assert errors == []
