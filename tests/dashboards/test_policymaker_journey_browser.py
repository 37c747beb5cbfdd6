"""A policymaker's journey in the machine's Chromium, in Bangla and English, on a phone and a
desktop: sign in from the header, land on the dashboard, open the downloads, take the
replications table as an Excel file, sign out. The file opens with its headings in the page's
language and a row per replication."""

import openpyxl
import pytest

from portal import roles
from tests.practices.test_editor_journey_browser import WIDTHS

from .test_data_browser import replicated  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "": {"sign in": "সাইন ইন", "downloads": "ডাউনলোড", "sign out": "সাইন আউট"},
    "/en": {"sign in": "Sign in", "downloads": "Downloads", "sign out": "Sign out"},
}


@pytest.mark.parametrize("language", WORDS)
@pytest.mark.parametrize("width", WIDTHS)
def test_a_policymaker_downloads_a_table_for_excel(
    replicated,  # noqa: F811
    django_user_model,
    live_server,
    browser_page,
    width,
    language,
    monkeypatch,
    tmp_path,
):
    from django.contrib.auth.models import Group

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    user = django_user_model.objects.create_user(username="policymaker", password="x-pass-12345")
    user.groups.add(Group.objects.get(name=roles.POLICYMAKER))
    page, errors = browser_page
    page.set_viewport_size(WIDTHS[width])
    words = WORDS[language]
    actions = 0

    page.goto(live_server.url + language + "/")
    page.locator(".account-nav").get_by_role("link", name=words["sign in"]).click()
    page.fill("#id_username", "policymaker")
    page.fill("#id_password", "x-pass-12345")
    page.get_by_role("button", name=words["sign in"]).click()
    page.wait_for_url(f"**{language}/dashboard/")
    page.locator(".account-nav").get_by_role("link", name=words["downloads"]).click()
    page.wait_for_url(f"**{language}/data/")
    actions += 6
    with page.expect_download() as download:
        page.locator("section:has(#table-replications)").get_by_role("link", name="Excel").click()
    actions += 1
    saved = tmp_path / download.value.suggested_filename
    assert saved.suffix == ".xlsx"
    download.value.save_as(saved)
    workbook = openpyxl.load_workbook(saved)
    sheet = workbook.worksheets[0]
    rows = [row for row in sheet.iter_rows(values_only=True) if any(row)]
    headings = " ".join(str(cell) for cell in rows[0] if cell)
    assert ("ভালো শিখন" if not language else "Practice") in headings, headings
    assert len(rows) == 1 + 6  # a heading row and the six replications
    page.locator(".account-nav").get_by_role("button", name=words["sign out"]).click()
    actions += 1
    page.wait_for_url(live_server.url + "/")
    if not language:
        print(f"\nPolicymaker, download a table for Excel ({width}): {actions} actions")
    assert errors == []
