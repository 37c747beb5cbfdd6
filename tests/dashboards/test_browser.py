"""The dashboard in the machine's Chromium: it loads with its charts drawn, a filter chosen in
the form changes the figures and the address, and a screenshot is kept under test-output/."""

import datetime
import re

from django.conf import settings

import pytest

from places.models import Area

from .conftest import page_tree
from .factories import PracticePageFactory, ReplicationFactory, ThemeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = settings.BASE_DIR / "test-output"


@pytest.fixture
def country(restore_base_data):
    """Practices replicated in Dhaka and in Chattogram division."""
    practice_index, _circulars = page_tree()
    theme = ThemeFactory(name_bn="স্যানিটেশন", name_en="Sanitation", slug="sanitation")
    practice = PracticePageFactory(parent=practice_index, theme=theme)
    other = PracticePageFactory(parent=practice_index, theme=theme, title="উন্মুক্ত বাজেট সভা")
    dhaka = Area.objects.lgis().filter(district__code="BD3026").order_by("pk")[:3]
    cumilla = Area.objects.lgis().filter(district__code="BD2019").order_by("pk")[:5]
    for index, lgi in enumerate([*dhaka, *cumilla]):
        ReplicationFactory(
            practice=practice if index % 2 else other,
            lgi=lgi,
            fiscal_year=f"{2015 + index % 4}-{(16 + index % 4):02d}",
            end_date=datetime.date(2016 + index % 4, 3, 1),
        )


def replications_shown(page):
    return page.locator('[data-figure="replications"] .figure').inner_text().strip()


def test_choosing_a_division_changes_the_figures_and_the_address(
    country, live_server, browser_page
):
    page, errors = browser_page
    page.goto(f"{live_server.url}/dashboard/")
    page.wait_for_selector('html[data-charts="drawn"]')
    everywhere = replications_shown(page)
    assert everywhere == "৮"

    page.select_option("#id_division", "BD30")
    page.get_by_role("button", name="প্রয়োগ করুন").click()
    page.wait_for_url(re.compile(r"division=BD30"))
    page.wait_for_selector('html[data-charts="drawn"]')
    assert replications_shown(page) == "৩"
    assert page.locator("#id_division").input_value() == "BD30"
    assert page.locator("canvas[data-chart]").count() >= 2  # replications, top practices

    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "dashboard-filtered.png"), full_page=True)
    page.locator(".chart-table").first.locator("summary").click()
    assert page.locator(".chart-table table").first.is_visible()
    assert errors == []


LONG_TITLE = "প্রতিবন্ধী অন্তর্ভুক্তি ও নারীর ক্ষমতায়নে উন্মুক্ত বাজেট সভা"
# 23 code units but 14 letters or fewer as a reader sees them: it fits the chart whole.
FITTING_TITLE = "প্রতিবন্ধী অন্তর্ভুক্তি"


@pytest.fixture
def two_long_titles(restore_base_data):
    """Two practices replicated twice each, their titles longer than a chart's label."""
    practice_index, _circulars = page_tree()
    theme = ThemeFactory(name_bn="সুশাসন", name_en="Governance", slug="governance")
    lgis = Area.objects.lgis().order_by("pk")[:4]
    for title, replicated_in in ((LONG_TITLE, lgis[:2]), (FITTING_TITLE, lgis[2:])):
        practice = PracticePageFactory(parent=practice_index, theme=theme, title=title)
        for lgi in replicated_in:
            ReplicationFactory(practice=practice, lgi=lgi, end_date=datetime.date(2020, 3, 1))


def test_a_chart_cuts_a_long_bangla_label_between_words_and_keeps_one_that_fits(
    two_long_titles, live_server, browser_page
):
    page, errors = browser_page
    page.goto(f"{live_server.url}/dashboard/")
    page.wait_for_selector('html[data-charts="drawn"]')
    labels = page.evaluate(
        """() => window.Chart.getChart(document.querySelector(
               '[data-chart="chart-data-top-practices"]')).scales.y.ticks.map(t => t.label)"""
    )
    assert FITTING_TITLE in labels
    (cut,) = [label for label in labels if label != FITTING_TITLE]
    assert cut.endswith("…")
    kept = cut.removesuffix("…")
    # Whole words of the title, never a letter without its signs.
    assert kept and LONG_TITLE.startswith(kept) and LONG_TITLE[len(kept)] == " "
    assert errors == []
