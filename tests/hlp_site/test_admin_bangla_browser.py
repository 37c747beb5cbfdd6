"""The screens the people who work in the portal meet, read in the machine's Chromium as they
see them: in the Bangla interface no English word shows (names and file formats aside), on the
admin's pages a curator and an UP editor open every day and on the registry officer's pages."""

import importlib
import re

from django.conf import settings as django_settings
from django.contrib.auth.models import Group

from wagtail.models import Site

import pytest

from hlp_site.models import HomePage
from places.models import Area
from portal import roles
from portal.models import UserProfile
from practices import editorial
from tests.dashboards.conftest import page_tree
from tests.dashboards.factories import (
    BudgetAllocationFactory,
    PracticePageFactory,
    ReplicationFactory,
)
from tests.journeys import ALLOWED_LATIN
from workshops.models import WorkshopIndexPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SITE_NAME = importlib.import_module(
    "hlp_site.migrations.0004_site_name_workflow_names_readable_slugs"
).SITE_NAME
# Names, and the file formats offered for download.
ALLOWED = {*ALLOWED_LATIN, "CSV", "XLSX", "xlsx", "UTF", "curator", "officer"}


@pytest.fixture
def content(restore_base_data, settings):
    settings.ELASTICSEARCH_URL = ""
    # The site's name, as the migrations give it (a test database emptied by an earlier
    # test may have lost it, and the admin would show the host's name instead).
    Site.objects.filter(is_default_site=True).update(site_name=SITE_NAME)
    practice_index, _circulars = page_tree()
    assert editorial.ensure()
    workshops = HomePage.objects.get().add_child(
        instance=WorkshopIndexPage(title="কর্মশালা", slug="workshops")
    )
    union = Area.objects.get(key="UN1")
    practice = PracticePageFactory(parent=practice_index, slug="tube-wells", lgi=union)
    ReplicationFactory(practice=practice, lgi=union)
    BudgetAllocationFactory(practice=practice, lgi=union)
    return practice_index, practice, workshops, union


def screens(content):
    practice_index, practice, workshops, _union = content
    return {
        roles.NILG_CURATOR: [
            "/admin/",
            f"/admin/pages/{practice_index.pk}/",
            f"/admin/pages/{practice.pk}/edit/",
            f"/admin/pages/{practice.pk}/history/",
            "/admin/snippets/practices/replication/",
            "/admin/snippets/practices/replication/add/",
            "/admin/snippets/practices/budgetallocation/",
            "/admin/snippets/practices/tagname/add/",
            "/admin/snippets/workshops/exposurevisit/",
            "/admin/snippets/workshops/responsiblebody/",
            f"/admin/pages/add/workshops/workshoppage/{workshops.pk}/",
            "/admin/no-such-screen/",
        ],
        roles.UP_EDITOR: [
            "/admin/",
            f"/admin/pages/{practice.pk}/edit/",
            "/admin/snippets/practices/replication/",
            "/admin/snippets/practices/replication/add/",
            "/admin/snippets/practices/budgetallocation/add/",
        ],
        roles.REGISTRY_OFFICER: [
            "/registry/",
            "/registry/imports/",
            "/registry/duplicates/",
            "/registry/priority/",
            "/registry/search/",
        ],
    }


def test_no_english_on_the_bangla_screens_of_the_working_roles(
    content, client, django_user_model, live_server, browser_page, monkeypatch
):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    page, errors = browser_page
    union = content[3]
    english = {}
    for role, urls in screens(content).items():
        username = role.split()[-1].lower()
        user = django_user_model.objects.create_user(username=username, password="x-pass-12345")
        user.groups.add(Group.objects.get(name=role))
        UserProfile.objects.get_or_create(user=user)[0].lgis.set([union])
        client.force_login(user)
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
        page.context.clear_cookies()
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )
        for url in urls:
            page.goto(live_server.url + url)
            page.wait_for_load_state("networkidle")
            where = "body" if url.startswith("/admin/") else "main"
            text = page.locator(where).first.inner_text()
            words = set(re.findall(r"[A-Za-z]{2,}", text)) - ALLOWED - {username}
            if words:
                english[(role, url)] = sorted(words)
    assert english == {}
    assert errors == []
