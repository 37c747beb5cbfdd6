"""“We did this too” on a phone: an UP editor opens a practice page at 360 px, taps the button,
types Bangla digits and saves, in at most six actions; NILG's curator then verifies it there."""

from django.conf import settings as django_settings
from django.contrib.auth import SESSION_KEY, get_user_model

import pytest

from portal import roles
from portal.models import UserProfile
from practices.models import BudgetAllocation, Replication
from tests.dashboards.conftest import page_tree
from tests.dashboards.factories import PracticePageFactory, ThemeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 900}


def sign_in(client, page, live_server, user):
    """The browser signed in as `user` (the sign-in page is not under test here)."""
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    assert client.session[SESSION_KEY] == str(user.pk)


@pytest.fixture
def world(restore_base_data, settings):
    from django.contrib.auth.models import Group

    from places.models import Area

    settings.ELASTICSEARCH_URL = ""
    settings.PAGE_CACHE_SECONDS = 0
    practice_index, _circulars = page_tree()
    practice = PracticePageFactory(
        parent=practice_index,
        theme=ThemeFactory(name_bn="পানি", name_en="Water", slug="water"),
        title="আর্সেনিকমুক্ত নলকূপ স্থাপন",
        slug="tube-wells",
        lgi=Area.objects.get(key="UN1"),
    )
    union = Area.objects.get(key="UN2")
    users = get_user_model().objects
    editor = users.create_user("editor-phone", password="x-pass-12345")
    editor.groups.add(Group.objects.get(name=roles.UP_EDITOR))
    UserProfile.objects.get_or_create(user=editor)[0].lgis.set([union])
    curator = users.create_user("curator-phone", password="x-pass-12345")
    curator.groups.add(Group.objects.get(name=roles.NILG_CURATOR))
    return practice, union, editor, curator


@pytest.mark.parametrize("language", ["", "/en"])
def test_an_up_editor_records_a_replication_on_a_phone(
    world, live_server, browser_page, client, language, monkeypatch
):
    # The test reads the database between the browser's steps, inside Playwright's event loop.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    practice, union, editor, curator = world
    page, errors = browser_page
    page.set_viewport_size(PHONE)
    sign_in(client, page, live_server, editor)
    actions = 0

    page.goto(live_server.url + language + practice.url)
    actions += 1
    page.locator("a.we-did-this-link").click()
    actions += 1
    form = page.locator("form.we-did-this")
    assert form.is_visible()
    form.get_by_label("উপকৃত খানা" if not language else "Households reached").fill("১,২৫০")
    actions += 1
    form.locator("input[name=allocated]").fill("১,৫০,০০০")
    actions += 1
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    page.screenshot(
        path=f"test-output/we-did-this-form{language.replace('/', '-')}.png", full_page=True
    )
    form.locator("button[type=submit]").click()
    actions += 1
    page.wait_for_load_state()
    if not language:  # one row for make bench: the Bangla journey on a phone
        print(f"\nUP editor, record a replication (phone): {actions} actions")
    assert actions <= 6

    replication = Replication.objects.get(practice=practice, lgi=union)
    assert replication.households_reached == 1250
    assert BudgetAllocation.objects.get(practice=practice, lgi=union).allocated == 150000
    message = page.locator(".messages").inner_text()
    assert ("লিপিবদ্ধ হয়েছে" if not language else "Recorded") in message
    assert page.locator("form.we-did-this").count() == 0
    page.screenshot(
        path=f"test-output/we-did-this-saved{language.replace('/', '-')}.png", full_page=True
    )

    page.context.clear_cookies()
    sign_in(client, page, live_server, curator)
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + language + practice.url)
    page.locator("#to-verify").screenshot(
        path=f"test-output/we-did-this-verify{language.replace('/', '-')}.png"
    )
    page.locator("#to-verify button[type=submit]").first.click()
    page.wait_for_load_state()
    replication.refresh_from_db()
    assert replication.verified_by == curator
    assert page.locator(".verified").first.is_visible()
    assert errors == []
