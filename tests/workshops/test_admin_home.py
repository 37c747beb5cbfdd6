"""The admin's home offers "record a workshop" to those who may, and takes them straight to
the form, which returns to the public list of workshops once published."""

from urllib.parse import parse_qs, urlparse

from django.urls import reverse

import pytest

from portal import roles

pytestmark = pytest.mark.django_db


def _record_links(client):
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    return html.count("কর্মশালা লিপিবদ্ধ করুন"), html


def test_a_curator_is_offered_to_record_a_workshop(client, make_user, workshop_index):
    client.force_login(make_user("curator", roles.NILG_CURATOR))
    count, html = _record_links(client)
    assert count == 1
    add = reverse("wagtailadmin_pages:add", args=["workshops", "workshoppage", workshop_index.pk])
    start = html.index(add)
    link = urlparse(html[start : html.index('"', start)].replace("&amp;", "&"))
    assert parse_qs(link.query)["next"] == [workshop_index.url]
    assert client.get(link.path).status_code == 200


def test_an_up_editor_is_not_offered_what_they_cannot_do(client, make_user, workshop_index, union):
    client.force_login(make_user("editor", roles.UP_EDITOR, [union]))
    assert _record_links(client)[0] == 0
