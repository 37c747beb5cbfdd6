"""An UP editor's whole journey in the machine's Chromium, on a phone and a desktop:
sign in from the header, create a practice typing a Bangla title and Bangla digits, add tags
with Enter and a comma, submit it for NILG's review, sign out. Every admin screen passed is
Bangla, and the actions are counted (the issue measured about 35; the target is 15 or fewer).
Submitting brings the editor back to their work page, where the header signs them out. The
same journey from the English portal runs in the English admin."""

import re

from django.contrib.auth.models import Group

import pytest

from places.models import Area
from portal import roles
from portal.models import UserProfile
from practices import editorial
from practices.models import PracticePage
from tests.dashboards.conftest import page_tree
from tests.dashboards.factories import ThemeFactory
from tests.journeys import PASSWORD, WIDTHS, Journey

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "কম্পোস্ট সার দিয়ে পরিচ্ছন্ন বাজার"


@pytest.fixture
def editor(restore_base_data, settings, django_user_model):
    settings.ELASTICSEARCH_URL = ""
    page_tree()
    assert editorial.ensure()
    ThemeFactory(name_bn="পরিচ্ছন্নতা ও বর্জ্য", name_en="Sanitation", slug="sanitation")
    user = django_user_model.objects.create_user(username="up-editor", password=PASSWORD)
    user.groups.add(Group.objects.get(name=roles.UP_EDITOR))
    profile, _created = UserProfile.objects.get_or_create(user=user)
    profile.lgis.set([Area.objects.get(key="UN1")])
    return user


# What the user reads and types, by the portal's language they start from.
WORDS = {
    "": {
        "add": "ভালো শিখন যোগ করুন",
        "theme": "পরিচ্ছন্নতা ও বর্জ্য",
        "year": "২০২৫",
        "submit": "জমা দিন",
        "with NILG": "এনআইএলজির পর্যালোচনায়",
    },
    "/en": {
        "add": "Add a practice",
        "theme": "Sanitation",
        "year": "2025",
        "submit": "Submit",
        "with NILG": "with NILG for review",
    },
}


@pytest.mark.parametrize("language", WORDS)
@pytest.mark.parametrize("width", WIDTHS)
def test_an_up_editor_creates_and_submits_a_practice(
    editor, live_server, browser_page, width, language, monkeypatch
):
    # The database is read while Playwright's event loop runs in this thread.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    page, errors = browser_page
    page.set_viewport_size(WIDTHS[width])
    journey = Journey(page, live_server.url, language)
    act = journey.act
    words = WORDS[language]

    journey.sign_in("up-editor", lands_on=f"**{language}/my-work/")
    assert "up-editor" in page.locator(".account-nav").inner_text()

    # The admin speaks the language the editor signed in with.
    act(page.get_by_role("link", name=words["add"]).click)
    assert page.locator("html").get_attribute("lang") == (language.strip("/") or "bn")
    journey.look("new practice")
    act(page.fill, "#id_title", TITLE)
    act(page.fill, "#id_summary_bn", "হাটের পচনশীল বর্জ্য থেকে কম্পোস্ট সার তৈরি করে বাজার পরিচ্ছন্ন রাখা।")
    act(page.select_option, "#id_theme", label=words["theme"])
    tags = page.locator("ul.tagit input")
    act(tags.press_sequentially, "কম্পোস্ট")
    act(tags.press, "Enter")
    act(tags.press_sequentially, "পরিচ্ছন্নতা,")
    act(page.fill, "#id_year_identified", words["year"])
    journey.look("filled practice")
    act(page.get_by_role("button", name=re.compile(words["submit"])).first.click)
    # Back on their work page, which lists the practice as with NILG for review.
    page.wait_for_url(f"**{language}/my-work/")
    journey.look("after submitting", "main")
    listed = page.locator(".work-list li", has_text=TITLE)
    assert words["with NILG"] in listed.inner_text()
    assert page.locator(".messages").is_visible()
    page.screenshot(
        path=f"test-output/editor-journey-submitted-{width}{language.replace('/', '-')}.png",
        full_page=True,
    )

    journey.sign_out()

    practice = PracticePage.objects.get(title=TITLE)
    assert practice.year_identified == 2025
    assert practice.slug == "kampost-sar-diye-paricchann-bajar"
    assert sorted(practice.tags.names()) == ["কম্পোস্ট", "পরিচ্ছন্নতা"]
    assert practice.lgi.key == "UN1"
    assert not practice.live
    assert practice.current_workflow_state.status == "in_progress"
    assert PracticePage.objects.filter(title=TITLE).count() == 1

    if not language:
        print(f"\nUP editor, create and submit a practice ({width}): {journey.actions} actions")
    assert journey.english_on_bangla_screens() == {}
    assert journey.actions <= 15
    assert errors == []
