"""The admin speaks the language its user reads the portal in, and Bangla by default, whatever
language the browser asks for."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache

import pytest

from portal import roles
from portal.models import UserProfile

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


@pytest.fixture
def editor(django_user_model):
    from places.models import Area

    user = django_user_model.objects.create_user(username="editor", password="x-pass-12345")
    user.groups.add(Group.objects.get(name=roles.UP_EDITOR))
    UserProfile.objects.get_or_create(user=user)[0].lgis.set([Area.objects.get(key="UN1")])
    return user


def admin_language(client, **headers):
    html = client.get("/admin/", **headers).content.decode()
    return html.split('<html lang="', 1)[1].split('"', 1)[0]


def test_the_admin_is_bangla_for_a_browser_that_asks_for_english(client, editor):
    client.force_login(editor)
    assert admin_language(client, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9") == "bn"


def test_the_admin_follows_the_portal_language_a_user_reads_in(client, editor):
    client.force_login(editor)
    response = client.get("/en/my-work/", HTTP_ACCEPT_LANGUAGE="bn")
    assert response.cookies[COOKIE].value == "en"
    assert admin_language(client, HTTP_ACCEPT_LANGUAGE="bn") == "en"
    client.get("/my-work/")
    assert admin_language(client, HTTP_ACCEPT_LANGUAGE="en") == "bn"


def test_signing_in_from_the_english_portal_opens_the_admin_in_english(client, editor):
    cache.clear()  # no sign-in failures counted against this address by earlier tests
    response = client.post("/en/sign-in/", {"username": "editor", "password": "x-pass-12345"})
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "en"
    assert admin_language(client) == "en"


def test_a_visitor_who_is_not_signed_in_gets_no_cookie(client):
    assert COOKIE not in client.get("/en/").cookies
