"""The area chooser in a real Chromium, on a phone and a desktop, in Bangla and English: a NILG
curator looking for a union types part of its name and picks it from a list that says where
each area lies and what it is."""

import io

from django.conf import settings as django_settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core.management import call_command

import pytest

from places.models import Area
from portal import roles
from portal.models import UserProfile
from tests.dashboards.conftest import page_tree
from tests.dashboards.factories import PracticePageFactory, ThemeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1366, "height": 900}}
LABELS = {"bn": "সুবিল · দেবিদ্বার · কুমিল্লা", "en": "Subil · Debidwar · Cumilla"}
SCREENSHOTS = django_settings.BASE_DIR / "test-output" / "screenshots"


@pytest.fixture
def world(restore_base_data, settings):
    from django.contrib.auth.models import Group

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
    from practices import editorial

    editorial.ensure()
    call_command("update_index", stdout=io.StringIO())
    curator = get_user_model().objects.create_user("curator-areas", password="x-pass-12345")
    curator.groups.add(Group.objects.get(name=roles.NILG_CURATOR))
    UserProfile.objects.get_or_create(user=curator)
    return practice, curator


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["bn", "en"])
def test_a_curator_finds_a_union_in_the_area_chooser(
    world, live_server, browser_page, client, language, size, monkeypatch
):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    practice, editor = world
    from wagtail.users.models import UserProfile as AdminProfile

    AdminProfile.get_for_user(editor).__class__.objects.filter(user=editor).update(
        preferred_language=language
    )
    page, errors = browser_page
    page.set_viewport_size(SIZES[size])
    client.force_login(editor)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    assert client.session[SESSION_KEY] == str(editor.pk)

    page.goto(f"{live_server.url}/admin/pages/{practice.pk}/edit/")
    field = page.locator("[data-contentpath=lgi]")
    # "Choose another area", in the chosen area's menu.
    field.locator("[data-chooser-action-choose]").first.dispatch_event("click")
    modal = page.locator(".modal-dialog")
    modal.locator("input[name=q]").fill("সুবি" if language == "bn" else "Subil")
    label = LABELS[language]
    result = modal.locator("table a", has_text=label)
    result.first.wait_for()
    row = modal.locator("tr", has_text=label).first
    assert ("ইউনিয়ন" if language == "bn" else "Union") in row.inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"area-chooser-{language}-{size}.png")
    result.first.click()
    page.locator(".modal-dialog").wait_for(state="hidden")
    assert label in field.inner_text()
    assert errors == []
