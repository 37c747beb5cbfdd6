"""The email digest, sent through a real SMTP server and read back: in each reader's language,
only what is new and published, with an unsubscribe that works in one click; built for any
number of readers with the same number of queries."""

import datetime
import email
import email.policy
import socket
from urllib.parse import urlsplit

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
from aiosmtpd.controller import Controller
from freezegun import freeze_time

from following import digest
from following.models import Digest, DigestPreference, Notification
from following.tasks import send_digests
from practices.models import Replication

from .conftest import digest_for

pytestmark = pytest.mark.django_db


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(
            (
                envelope.rcpt_tos,
                email.message_from_bytes(envelope.content, policy=email.policy.default),
            )
        )
        return "250 OK"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def inbox(settings):
    """A real SMTP server on loopback; the portal sends to it through Django's SMTP backend."""
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield handler
    controller.stop()


def text_of(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def by_recipient(inbox):
    return {to[0]: message for to, message in inbox.messages}


def test_each_reader_gets_the_digest_in_their_language_and_can_unsubscribe(client, network, inbox):
    users = network.users
    digest_for(users["practice"], language="bn")
    digest_for(users["theme"], language="en")
    digest_for(users["union"], frequency=Digest.NONE)
    Replication.objects.create(practice=network.practice, lgi=network.elsewhere, status="ongoing")

    assert send_digests.delay().get() == 2
    mail = by_recipient(inbox)
    assert sorted(mail) == ["practice@example.org", "theme@example.org"]
    bangla, english = mail["practice@example.org"], mail["theme@example.org"]
    assert bangla["Subject"].strip() == "এইচএলপি জ্ঞান পোর্টাল: ১টি নতুন বিজ্ঞপ্তি"
    assert "“নিরাপদ পানি” ভালো শিখনটির পুনর্বাস্তবায়ন লিপিবদ্ধ করেছে" in text_of(bangla)
    assert english["Subject"].strip() == "HLP Knowledge Portal: 1 new notification"
    assert "recorded a replication of “Safe water”" in text_of(english)
    assert f"https://hlp.example.gov.bd/en{network.practice.url}" in text_of(english)
    assert f"https://hlp.example.gov.bd{network.practice.url}" in text_of(bangla)
    # The reader's own language, also on the notifications link.
    assert "https://hlp.example.gov.bd/en/notifications/" in text_of(english)
    assert "https://hlp.example.gov.bd/notifications/" in text_of(bangla)

    # Nothing new: nothing sent, even when a day has passed.
    with freeze_time(timezone.now() + datetime.timedelta(days=1)):
        assert send_digests.delay().get() == 0

    # One click: the mail program posts to the address in the header, without signing in.
    assert english["List-Unsubscribe-Post"].strip() == "List-Unsubscribe=One-Click"
    address = english["List-Unsubscribe"].strip().strip("<>")
    assert address in text_of(english)
    path = urlsplit(address).path
    assert "Stop the email digest" in client.get(path).content.decode()  # a page, no change
    assert DigestPreference.objects.get(user=users["theme"]).frequency == Digest.DAILY
    assert client.post(path).status_code == 200
    assert DigestPreference.objects.get(user=users["theme"]).frequency == Digest.NONE
    assert client.post(path[:-5] + "xxxx/").status_code == 404  # a forged address does nothing


def test_only_what_is_new_published_and_unread_goes_out(network, inbox):
    users = network.users
    digest_for(users["practice"])
    digest_for(users["list"])
    Replication.objects.create(practice=network.practice, lgi=network.elsewhere, status="ongoing")
    Notification.objects.filter(user=users["list"]).update(read_at=timezone.now())
    draft = network.other
    draft.unpublish()
    Replication.objects.create(practice=draft, lgi=network.union, status="ongoing")
    digest.send_digests()
    mail = by_recipient(inbox)
    assert list(mail) == ["practice@example.org"]  # the other read it in the portal already
    body = text_of(mail["practice@example.org"])
    assert "নিরাপদ পানি" in body and draft.title not in body


def test_a_weekly_digest_waits_a_week(network, inbox):
    user = network.users["practice"]
    digest_for(user, frequency=Digest.WEEKLY)
    start = timezone.now()
    with freeze_time(start):
        Replication.objects.create(
            practice=network.practice, lgi=network.elsewhere, status="ongoing"
        )
        assert digest.send_digests() == 1
    with freeze_time(start + datetime.timedelta(days=2)):
        Replication.objects.create(practice=network.practice, lgi=network.union, status="ongoing")
        assert digest.send_digests() == 0
    with freeze_time(start + datetime.timedelta(days=7)):
        assert digest.send_digests() == 1
    assert len(inbox.messages) == 2


def test_the_digest_costs_the_same_queries_for_ten_readers_as_for_fifty(network, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.contrib.auth import get_user_model

    from following.models import Follow

    def readers(count, start):
        for number in range(start, start + count):
            user = get_user_model().objects.create_user(
                f"reader-{number}", email=f"reader-{number}@example.org"
            )
            Follow.objects.create(user=user, practice=network.practice)
            digest_for(user, language="en" if number % 2 else "bn")

    def cost():
        Replication.objects.filter(practice=network.practice).delete()
        for lgi in (network.elsewhere, network.union):
            Replication.objects.create(practice=network.practice, lgi=lgi, status="ongoing")
        with CaptureQueriesContext(connection) as queries:
            sent = digest.send_digests()
        Notification.objects.update(emailed_at=None)
        DigestPreference.objects.update(last_sent_at=None)
        return sent, len(queries)

    readers(10, 0)
    cost()  # the first asks once for the site's root paths, kept in the cache afterwards
    ten = cost()
    readers(40, 10)
    fifty = cost()
    assert ten[0] == 10 and fifty[0] == 50
    assert fifty[1] == ten[1], (ten, fifty)
