"""On a phone and on a desktop, in both languages: a user follows a practice from its page, a
replication is recorded elsewhere, the header shows one unread notification, and the
notifications page tells what happened and leads back to the practice."""

from django.contrib.auth import get_user_model

import pytest

from practices.models import Replication
from tests.practices.test_we_did_this_browser import DESKTOP, PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("language", ["", "/en"])
def test_follow_a_practice_and_read_the_notification(
    restore_base_data, network, live_server, browser_page, client, language, size, monkeypatch
):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    page, errors = browser_page
    page.set_viewport_size(size)
    reader = get_user_model().objects.create_user("reader", password="x-pass-12345")
    sign_in(client, page, live_server, reader)
    english = bool(language)

    page.goto(live_server.url + language + network.practice.url)
    page.get_by_role("button", name="Follow" if english else "অনুসরণ করুন").click()
    page.wait_for_load_state()
    assert page.get_by_role("status").first.is_visible() or page.locator(".messages").is_visible()
    assert page.get_by_role(
        "button", name="Following ✓ (stop)" if english else "অনুসরণ করছেন ✓ (বন্ধ করুন)"
    ).is_visible()

    Replication.objects.create(practice=network.practice, lgi=network.elsewhere, status="ongoing")
    page.reload()
    link = page.locator("a.notifications-link")
    assert link.locator(".count").inner_text() == ("1" if english else "১")
    link.click()
    page.wait_for_load_state()
    name = network.elsewhere.name_en if english else network.elsewhere.name_bn
    told = page.locator(".notification-list li.unread a")
    expected = (
        f"{name} recorded a replication of “Safe water”"
        if english
        else f"{name} “নিরাপদ পানি” ভালো শিখনটির পুনর্বাস্তবায়ন লিপিবদ্ধ করেছে"
    )
    assert told.inner_text() == expected
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    page.screenshot(
        path=f"test-output/notifications-{size['width']}{language.replace('/', '-')}.png",
        full_page=True,
    )
    told.click()
    page.wait_for_load_state()
    assert page.url.endswith(network.practice.url)
    assert errors == []
