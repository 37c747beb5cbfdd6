"""Following from a page, the header's unread count, the notifications page in both languages,
and the Atom feeds, read back by a real feed parser."""

import feedparser
import pytest

from following.models import Event, EventKind, Follow, Notification
from practices.models import Replication

pytestmark = pytest.mark.django_db


def sign_in(client, user):
    client.force_login(user)
    return user


def test_a_visitor_is_asked_to_sign_in_to_follow_and_gets_the_feed(client, network):
    page = client.get(network.practice.url).content.decode()
    assert "অনুসরণ করতে সাইন ইন করুন" in page
    assert f"/feeds/practice/{network.practice.pk}/" in page
    response = client.post(f"/follow/practice/{network.practice.pk}/")
    assert response.status_code == 302 and "/sign-in/" in response.url


def test_follow_then_be_told_in_the_header_and_on_the_notifications_page(client, network):
    user = sign_in(client, network.users["nobody"])
    page = client.get(network.practice.url).content.decode()
    assert "অনুসরণ করুন</button>" in page
    response = client.post(
        f"/follow/practice/{network.practice.pk}/", {"next": network.practice.url}
    )
    assert response.url == network.practice.url
    assert Follow.objects.filter(user=user, practice=network.practice).exists()
    page = client.get(network.practice.url).content.decode()
    assert "অনুসরণ করছেন ✓" in page
    assert 'class="count"' not in page  # nothing unread yet

    Replication.objects.create(practice=network.practice, lgi=network.elsewhere, status="ongoing")
    page = client.get(network.practice.url).content.decode()
    assert '<span class="count" aria-label="১টি পড়া হয়নি">১</span>' in page

    listing = client.get("/notifications/").content.decode()
    assert f"{network.elsewhere.name_bn} “নিরাপদ পানি” ভালো শিখনটির পুনর্বাস্তবায়ন লিপিবদ্ধ করেছে" in listing
    english = client.get("/en/notifications/").content.decode()
    assert f"{network.elsewhere.name_en} recorded a replication of “Safe water”" in english

    client.post("/notifications/", {"read": "1"})
    assert 'class="count"' not in client.get(network.practice.url).content.decode()

    client.post(f"/follow/practice/{network.practice.pk}/", {"unfollow": "1"})
    assert not Follow.objects.filter(user=user).exists()
    assert "অনুসরণ করুন</button>" in client.get(network.practice.url).content.decode()


def test_themes_areas_and_lists_are_followed_from_their_pages(client, network):
    user = sign_in(client, network.users["nobody"])
    pages = {
        "theme": f"{network.practice_index.url}?theme={network.theme.slug}",
        "area": network.union.get_absolute_url(),
        "curated_list": network.curated_list.url,
    }
    targets = {"theme": network.theme, "area": network.union, "curated_list": network.curated_list}
    for kind, url in pages.items():
        page = client.get(url).content.decode()
        action = f'action="/follow/{kind}/{targets[kind].pk}/"'
        assert action in page, kind
        client.post(f"/follow/{kind}/{targets[kind].pk}/")
    assert Follow.objects.filter(user=user).count() == 3


def test_a_draft_cannot_be_followed_nor_read_as_a_feed(client, network):
    sign_in(client, network.users["nobody"])
    network.practice.unpublish()
    assert client.post(f"/follow/practice/{network.practice.pk}/").status_code == 404
    assert client.get(f"/feeds/practice/{network.practice.pk}/").status_code == 404
    assert client.post("/follow/user/1/").status_code == 404


def test_a_practice_taken_back_to_draft_disappears_from_notifications(client, network):
    user = sign_in(client, network.users["practice"])
    Replication.objects.create(practice=network.practice, lgi=network.elsewhere, status="ongoing")
    assert "নিরাপদ পানি" in client.get("/notifications/").content.decode()
    network.practice.unpublish()
    page = client.get("/notifications/").content.decode()
    assert "নিরাপদ পানি" not in page
    assert user.notifications.count() == 1  # kept, to show again if it is published again


@pytest.mark.parametrize(
    ("prefix", "language", "text"),
    [
        ("", "bn", "“নিরাপদ পানি” ভালো শিখনটির পুনর্বাস্তবায়ন লিপিবদ্ধ করেছে"),
        ("/en", "en", "recorded a replication of “Safe water”"),
    ],
)
def test_each_followable_thing_has_a_valid_atom_feed_in_both_languages(
    client, network, prefix, language, text
):
    Replication.objects.create(practice=network.practice, lgi=network.elsewhere, status="ongoing")
    Replication.objects.create(practice=network.other, lgi=network.union, status="ongoing")
    feeds = {
        f"/feeds/practice/{network.practice.pk}/": 1,
        f"/feeds/theme/{network.theme.pk}/": 1,
        f"/feeds/curated_list/{network.curated_list.pk}/": 1,
        # Savar's union: the practice comes from it, and it replicates the other practice.
        f"/feeds/area/{network.union.pk}/": 1,
        f"/feeds/area/{network.union.district_id}/": 1,
        f"/feeds/area/{network.elsewhere.pk}/": 1,
    }
    for url, entries in feeds.items():
        response = client.get(prefix + url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/atom+xml")
        feed = feedparser.parse(response.content)
        assert not feed.bozo, (url, feed.get("bozo_exception"))
        assert feed.version == "atom10"
        assert feed.feed.language == language
        assert len(feed.entries) == entries, url
        assert feed.entries[0].link.startswith("http")
    practice_feed = feedparser.parse(
        client.get(f"{prefix}/feeds/practice/{network.practice.pk}/").content
    )
    assert text in practice_feed.entries[0].title


def test_more_unread_than_are_listed_are_all_counted(client, network):
    user = sign_in(client, network.users["nobody"])
    events = Event.objects.bulk_create(
        Event(kind=EventKind.REPLICATED, key=f"many-{number}", practice=network.practice)
        for number in range(57)
    )
    Notification.objects.bulk_create(Notification(user=user, event=event) for event in events)

    page = client.get("/en/notifications/").content.decode()
    assert "57 unread" in page
    assert page.count('class="unread"') == 50
    assert "The first 50 are listed, unread first." in page
    bangla = client.get("/notifications/").content.decode()
    assert '<h2 id="notifications-heading">৫৭টি পড়া হয়নি</h2>' in bangla
    assert "প্রথম ৫০টি দেখানো হলো, না-পড়াগুলো আগে।" in bangla
    # The header says the same figure.
    assert 'aria-label="৫৭টি পড়া হয়নি">৫৭</span>' in bangla

    Notification.objects.filter(
        pk__in=list(Notification.objects.filter(user=user).values_list("pk", flat=True)[:7])
    ).update(read_at="2026-01-01T00:00:00Z")
    page = client.get("/en/notifications/").content.decode()
    assert "50 unread" in page
