"""A policymaker's journey in the machine's Chromium, in Bangla and English, on a phone and a
desktop: sign in from the header, land on the dashboard, open the downloads, take the
replications table as an Excel file, sign out. The file opens with its headings in the page's
language and a row per replication."""

import openpyxl
import pytest

from portal import roles
from tests.journeys import WIDTHS, Journey

from .test_data_browser import replicated  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOWNLOADS = {"": "ডাউনলোড", "/en": "Downloads"}


@pytest.mark.parametrize("language", DOWNLOADS)
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
    journey = Journey(page, live_server.url, language)

    journey.sign_in("policymaker", lands_on=f"**{language}/dashboard/")
    downloads = page.locator(".account-nav").get_by_role("link", name=DOWNLOADS[language])
    journey.act(downloads.click)
    page.wait_for_url(f"**{language}/data/")
    with page.expect_download() as download:
        table = page.locator("section:has(#table-replications)")
        journey.act(table.get_by_role("link", name="Excel").click)
    saved = tmp_path / download.value.suggested_filename
    assert saved.suffix == ".xlsx"
    download.value.save_as(saved)
    workbook = openpyxl.load_workbook(saved)
    sheet = workbook.worksheets[0]
    rows = [row for row in sheet.iter_rows(values_only=True) if any(row)]
    headings = " ".join(str(cell) for cell in rows[0] if cell)
    assert ("ভালো শিখন" if not language else "Practice") in headings, headings
    assert len(rows) == 1 + 6  # a heading row and the six replications
    journey.sign_out()
    if not language:
        print(f"\nPolicymaker, download a table for Excel ({width}): {journey.actions} actions")
    assert errors == []
