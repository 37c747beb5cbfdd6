"""Every URL of the site and the API, as every role, pointed at a foreign union's objects.

For each role (anonymous, UP editor of union A, NILG curator, registry officer of A, national
registry officer, policymaker) every URL pattern is requested with its parameters set to union
B's household, person, import job, duplicate flag, draft practice … (see sweep.py), the admin's
explorer at every page, and the admin URLs that take many ids or a search in their query string
(bulk actions, page chooser, tag suggestions). Nothing may answer 5xx; B's people's names and
identity numbers appear only for the national registry officer, B's unpublished practice text
and draft tags and the history of B's records only for the curator; public HTML pages carry the
strict security headers and every POST form a CSRF token; and a POST without the token is
refused.
"""

import io
import json
import re
import zipfile

from django.db import transaction
from django.test import Client, override_settings

import pytest

from . import sweep, world

pytestmark = pytest.mark.django_db

ADMIN_ROUTE = re.compile(r"^/(admin|django-admin)/")
POST_FORM = re.compile(r"<form\b[^>]*\bmethod=[\"']?post\b[^>]*>(.*?)</form>", re.I | re.S)
# Wagtail's editing-session ping: its script sends the token with every request it makes (the
# server still refuses a request without one: test_a_post_without_the_csrf_token_changes_nothing).
SCRIPTED_TOKEN = re.compile(r'<form\b[^<]*data-controller="w-swap w-action w-session"', re.S)


@pytest.fixture(scope="module")
def portal(django_db_setup, django_db_blocker, tmp_path_factory):
    """One world for the whole module, in a transaction rolled back at its end (each test's
    own transaction nests inside it)."""
    from portal.celery import app

    tmp_path = tmp_path_factory.mktemp("sweep")
    # The database backend answers search here; the shared Elasticsearch is left alone.
    overrides = override_settings(MEDIA_ROOT=tmp_path / "media", ELASTICSEARCH_URL="")
    eager = app.conf.task_always_eager
    with django_db_blocker.unblock(), overrides:
        app.conf.task_always_eager = True
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield world.build(tmp_path)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            app.conf.task_always_eager = eager


def body_text(response):
    """What a reader of the response sees, whatever its format."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "").split(";")[0]
    if kind == "application/json" or kind.endswith("+json"):
        try:
            return json.dumps(json.loads(raw), ensure_ascii=False)
        except ValueError:
            return raw.decode("utf-8", "replace")
    if raw[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return " ".join(
                archive.read(name).decode("utf-8", "replace")
                for name in archive.namelist()
                if name.endswith(".xml")
            )
    if raw[:5] == b"%PDF-":
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            pages = PdfReader(io.BytesIO(raw)).pages
            return " ".join(page.extract_text() or "" for page in pages)
        except (PdfReadError, ValueError):
            return raw.decode("latin-1")
    return raw.decode("utf-8", "replace")


def client_for(portal, role, **options):
    client = Client(**options)
    user = portal.users[role]
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture(scope="module")
def plan(portal, django_db_blocker):
    with django_db_blocker.unblock():
        return _plan(sweep.routes(), portal)


def _plan(found, portal):
    urls, skipped = [], []
    for route in found:
        if not sweep.in_scope(route):
            skipped.append((route.route, "framework admin for data that belongs to no LGI"))
            continue
        concrete, reason = sweep.concrete_urls(route, portal)
        if reason:
            skipped.append((route.route, reason))
        urls += [(route, url) for url in concrete]
    return urls, skipped


def test_no_route_of_the_portals_apps_is_left_unswept(plan):
    _urls, skipped = plan
    own = [
        (route, reason)
        for route, reason in skipped
        if not route.startswith(("admin/", "django-admin/"))
        and reason not in sweep.UNFILLABLE.values()
    ]
    assert own == [], "URLs the sweep cannot fill; give sweep.values() a foreign object for them"
    print(f"\n{len(skipped)} patterns skipped:")
    for route, reason in sorted(skipped):
        print(f"  {route}: {reason}")


@pytest.mark.parametrize("role", world.ROLES)
def test_foreign_personal_data_and_drafts_never_leak(portal, plan, role):
    urls, _skipped = plan
    # A server error is one problem among the others, not the end of the sweep.
    client = client_for(portal, role, raise_request_exception=False)
    problems, requested = [], 0
    secrets = []
    if not portal.may_see_b_personal_data(role):
        secrets += [("personal data of union B", value) for value in portal.pii]
    if not portal.may_see_b_drafts(role):
        secrets += [("unpublished practice text of union B", value) for value in portal.drafts]
    if not portal.may_see_b_records(role):
        secrets += [("history of union B's records", value) for value in portal.records]
    for _route, url in urls:
        response = client.get(url)
        requested += 1
        if response.status_code >= 500:
            problems.append(f"{url}: HTTP {response.status_code}")
            continue
        text = body_text(response)
        problems += [f"{url}: {what}: {value!r}" for what, value in secrets if value in text]
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            problems += [f"{url}: {issue}" for issue in page_issues(url, response, text)]
    print(f"\n{role}: {requested} URLs requested")
    assert not problems, "\n" + "\n".join(problems)


def test_the_probes_reach_what_they_look_for(portal, plan):
    """As the curator, who may see it all, the URLs of the new classes do show B's drafts and
    records: their absence for every other role is the checks' doing, not the probes' aim."""
    urls, _skipped = plan
    client = client_for(portal, "curator")
    wanted = {
        "wagtail_bulk_action": world.DRAFT_TITLE,
        "wagtailadmin_explore": world.DRAFT_TITLE,
        "wagtailadmin_choose_page_search": world.DRAFT_CHANGE,
        "wagtailadmin_choose_page_chosen_multiple": world.DRAFT_CHANGE,
        "wagtailadmin_tag_autocomplete": world.DRAFT_TAGS[0],
        "wagtailadmin_tag_model_autocomplete": world.DRAFT_TAGS[1],
    }
    history = re.compile(r"^wagtailsnippets_practices_(replication|budgetallocation):history$")
    found = set()
    for route, url in urls:
        expected = wanted.get(route.name)
        if expected is None and route.name and history.match(route.name):
            expected = world.B_EDITOR_NAME[1]
        if expected is None or route.name in found:
            continue
        if expected in body_text(client.get(url)):
            found.add(route.name)
    assert found >= set(wanted), f"never shown to the curator: {set(wanted) - found}"
    assert len([name for name in found if history.match(name)]) == 2


def page_issues(url, response, text):
    issues = []
    for match in POST_FORM.finditer(text):
        if "csrfmiddlewaretoken" in match.group(1) or SCRIPTED_TOKEN.search(match.group(0)):
            continue
        issues.append("POST form without a CSRF token")
    if ADMIN_ROUTE.match(url):
        return issues
    policy = response.get("Content-Security-Policy", "")
    if not policy or "'unsafe-inline'" in policy or "'unsafe-eval'" in policy:
        issues.append(f"public page without the strict Content-Security-Policy: {policy!r}")
    for header, expected in (
        ("X-Frame-Options", "DENY"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
    ):
        if response.get(header) != expected:
            issues.append(f"{header} is {response.get(header)!r}")
    return issues


# A mail program's one-click unsubscribe (RFC 8058) posts without a CSRF token by design: the
# signed address is the credential, and it acts for no signed-in user
# (tests/following/test_digest.py checks that a forged address changes nothing).
TOKEN_IS_THE_CREDENTIAL = {"following_unsubscribe"}


@pytest.mark.parametrize("role", ["curator", "national_registry_officer"])
def test_a_post_without_the_csrf_token_changes_nothing(portal, plan, role):
    """The most powerful roles, so that a refusal comes from the missing token, not the role."""
    urls, _skipped = plan
    client = client_for(portal, role, enforce_csrf_checks=True)
    accepted = []
    for route, url in urls:
        if route.name in TOKEN_IS_THE_CREDENTIAL:
            continue
        response = client.post(url, {"confirm": "1"})
        # 403: refused for the missing token; 405: the URL takes no POST at all.
        if response.status_code not in {403, 405}:
            accepted.append(f"{url}: HTTP {response.status_code}")
    assert accepted == []
