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


@pytest.mark.parametrize(("language", "done"), [("", "ডাউনলোড শেষ"), ("/en", "Downloaded")])
@pytest.mark.parametrize("fmt", ["CSV", "Excel"])
def test_a_large_download_shows_its_progress_and_saves_the_file(
    replicated, live_server, browser_page, settings, language, done, fmt
):
    settings.DOWNLOAD_PROGRESS_ROWS = 5  # the table has 6 rows
    page, errors = browser_page
    page.goto(live_server.url + language + "/data/replications/")
    status = page.locator("#download-status")
    assert status.is_hidden()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=fmt, exact=True).click()
    download = download_info.value
    assert download.suggested_filename == (
        "hlp-replications.csv" if fmt == "CSV" else "hlp-replications.xlsx"
    )
    saved = download.path().read_bytes()
    if fmt == "CSV":
        assert saved.decode("utf-8-sig").count("\n") == 7  # the header and six rows
    else:
        assert saved[:2] == b"PK"  # an Excel file is a zip
    status.get_by_text(done).wait_for(timeout=10_000)
    assert page.locator("#download-status progress").get_attribute("value") == "1"
    assert errors == []


def test_a_small_table_downloads_as_any_link_does(replicated, live_server, browser_page):
    page, _errors = browser_page
    page.goto(live_server.url + "/data/replications/")
    assert page.locator("#download-status").count() == 0
    assert page.locator("a[data-download]").count() == 0
