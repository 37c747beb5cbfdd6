"""A registry officer's journey in the machine's Chromium, in Bangla and English, on a phone and
a desktop: sign in from the header, land on the registry, open its imports, upload the union's
list (Bangla headers, Bangla digits, a Bangla NID), see it checked, import it, sign out. The
registry then holds the households, persons and benefits of the file, and every screen of the
Bangla journey passed is Bangla."""

import re

import pytest

from registry.models import Benefit, Household, Person
from tests.journeys import ALLOWED_LATIN, WIDTHS, Journey

from .test_import import bangla_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "": {
        "imports": "আমদানি",
        "upload": "আপলোড ও যাচাই করুন",
        "import": "ইমপোর্ট",
    },
    "/en": {
        "imports": "Imports",
        "upload": "Upload and check",
        "import": "Import",
    },
}


@pytest.mark.parametrize("language", WORDS)
@pytest.mark.parametrize("width", WIDTHS)
def test_a_registry_officer_imports_a_unions_list(
    restore_base_data,
    officer,
    union,
    tmp_path,
    live_server,
    browser_page,
    width,
    language,
    monkeypatch,
    settings,
):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    settings.ELASTICSEARCH_URL = ""
    page, errors = browser_page
    page.set_viewport_size(WIDTHS[width])
    # The officer's name, the file's name as the officer gave it, and file formats.
    journey = Journey(
        page,
        live_server.url,
        language,
        allowed={*ALLOWED_LATIN, "officer", "csv", "CSV", "UTF", "xlsx"},
    )
    act = journey.act
    words = WORDS[language]
    path = bangla_file(tmp_path)

    journey.sign_in("officer", lands_on=f"**{language}/registry/")
    journey.look("registry", "main")

    act(page.get_by_role("link", name=words["imports"], exact=True).first.click)
    page.wait_for_url(f"**{language}/registry/imports/")
    journey.look("imports", "main")
    act(page.set_input_files, "input[type=file]", str(path))
    act(page.get_by_role("button", name=words["upload"]).click)
    page.wait_for_url(re.compile(r"/imports/\d+/$"))
    journey.look("checked", "main")
    act(page.get_by_role("button", name=words["import"], exact=True).click)
    page.wait_for_load_state()
    page.locator(".status-committed").wait_for()
    journey.look("imported", "main")
    page.screenshot(
        path=f"test-output/officer-journey-imported-{width}{language.replace('/', '-')}.png",
        full_page=True,
    )
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    journey.sign_out()

    assert Household.objects.filter(lgi=union).count() == 2
    assert Person.objects.count() == 3
    assert Benefit.objects.count() == 2
    if not language:
        print(f"\nRegistry officer, import a union's list ({width}): {journey.actions} actions")
    assert journey.english_on_bangla_screens() == {}
    assert errors == []
