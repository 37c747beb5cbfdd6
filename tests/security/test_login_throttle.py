"""Failed sign-ins: five wrong passwords for one account from one address pause it there."""

from django.contrib.auth.models import Group

import pytest
from freezegun import freeze_time

from portal.roles import UP_EDITOR

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clean_cache")]

PASSWORD = "right-pass-12345"
LOGIN_PAGES = ["/admin/login/", "/django-admin/login/", "/_util/login/"]


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(
        "up-editor-throttle", password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=UP_EDITOR))
    return user


def sign_in(client, path, username, password, address="203.0.113.7"):
    return client.post(path, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("path", LOGIN_PAGES)
def test_sixth_attempt_is_refused_even_with_the_right_password(client, editor, path):
    for _ in range(5):
        response = sign_in(client, path, editor.username, "wrong-password")
        assert response.status_code == 200
        assert not signed_in(client)
    response = sign_in(client, path, editor.username, PASSWORD)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 14 * 60
    # Unprefixed paths such as the admin's are served in Bangla, the default language.
    assert "১৫ মিনিট পর আবার চেষ্টা করুন" in response.text
    assert not signed_in(client)


def test_pause_is_per_address_and_case_insensitive(client, editor):
    for _ in range(5):
        sign_in(client, "/admin/login/", editor.username.upper(), "wrong-password")
    assert sign_in(client, "/admin/login/", editor.username, PASSWORD).status_code == 429
    response = sign_in(client, "/admin/login/", editor.username, PASSWORD, address="198.51.100.9")
    assert response.status_code == 302
    assert signed_in(client)


def test_pause_ends_after_the_window(client, editor):
    with freeze_time() as frozen:
        for _ in range(5):
            sign_in(client, "/admin/login/", editor.username, "wrong-password")
        assert sign_in(client, "/admin/login/", editor.username, PASSWORD).status_code == 429
        frozen.tick(15 * 60 + 1)
        response = sign_in(client, "/admin/login/", editor.username, PASSWORD)
    assert response.status_code == 302
    assert signed_in(client)


def test_successful_sign_in_resets_the_count(client, editor):
    for _ in range(4):
        sign_in(client, "/admin/login/", editor.username, "wrong-password")
    assert sign_in(client, "/admin/login/", editor.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert sign_in(client, "/admin/login/", editor.username, "wrong").status_code == 200
    assert sign_in(client, "/admin/login/", editor.username, PASSWORD).status_code == 302


def test_one_address_trying_many_usernames_is_paused(client, editor, settings):
    settings.LOGIN_THROTTLE_FAILURES_PER_ADDRESS = 12
    for number in range(12):
        sign_in(client, "/admin/login/", f"guess-{number}", "wrong-password")
    response = sign_in(client, "/admin/login/", editor.username, PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)


def test_other_callers_of_authenticate_are_refused_while_paused(rf, editor):
    from django.contrib.auth import authenticate

    request = rf.post("/api/", REMOTE_ADDR="203.0.113.7")
    for _ in range(5):
        assert authenticate(request, username=editor.username, password="wrong") is None
    assert authenticate(request, username=editor.username, password=PASSWORD) is None
    other = rf.post("/api/", REMOTE_ADDR="192.0.2.1")
    assert authenticate(other, username=editor.username, password=PASSWORD) == editor


def test_client_address_behind_one_trusted_proxy(rf, settings):
    from portal.addresses import client_address

    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert client_address(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    # The left entry was written by the client itself and is ignored.
    assert client_address(request) == "203.0.113.7"
