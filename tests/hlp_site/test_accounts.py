"""Signing in and out from any page, each role landing where its work is, and the portal's own
refusal and not-found pages."""

import re

from django.urls import reverse

import pytest

from portal import roles
from practices import editorial
from practices.models import PracticeIndexPage

pytestmark = pytest.mark.django_db

PASSWORD = "x-pass-12345"


@pytest.fixture
def catalogue(db):
    from hlp_site.models import HomePage

    home = HomePage.objects.get()
    index = home.add_child(instance=PracticeIndexPage(title="ভালো শিখন", slug="practices"))
    editorial.ensure()
    return index


@pytest.mark.parametrize(("path", "label"), [("/", "সাইন ইন"), ("/en/", "Sign in")])
def test_every_page_has_a_sign_in_link_in_its_language(client, path, label):
    html = client.get(path).content.decode()
    assert 'class="sign-in-link"' in html
    assert label in html


def test_the_sign_in_page_is_the_portals_own_in_bangla_and_english(client):
    bangla = client.get("/sign-in/").content.decode()
    assert "সাইন ইন" in bangla and 'class="site-header"' in bangla
    english = client.get("/en/sign-in/").content.decode()
    assert "Username" in english and "Password" in english


def test_wagtails_sign_in_leads_to_the_portals_keeping_next(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/sign-in/?next=%2Fadmin%2Fpages%2F"
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/?next=")


@pytest.mark.parametrize(
    ("role", "lgis", "landing"),
    [
        (roles.UP_EDITOR, True, "/my-work/"),
        (roles.NILG_CURATOR, False, "/admin/"),
        (roles.REGISTRY_OFFICER, True, "/registry/"),
        (roles.POLICYMAKER, False, "/dashboard/"),
    ],
)
def test_each_role_lands_where_its_work_is(client, make_user, union, role, lgis, landing):
    make_user("someone", role, [union] if lgis else [])
    response = client.post("/sign-in/", {"username": "someone", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == landing


def test_a_policymaker_sent_to_the_admin_lands_on_their_dashboard(client, make_user):
    make_user("policy", roles.POLICYMAKER)
    response = client.post(
        "/sign-in/?next=/admin/", {"username": "policy", "password": PASSWORD, "next": "/admin/"}
    )
    assert response["Location"] == "/dashboard/"


def test_a_policymaker_in_the_admin_gets_the_portals_403_in_bangla(client, make_user):
    client.force_login(make_user("policy", roles.POLICYMAKER))
    response = client.get("/admin/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "আপনার অ্যাকাউন্টের জন্য নয়" in html
    assert "You do not have permission" not in html
    assert 'href="/"' in html


def test_a_wrong_password_is_said_in_bangla_and_keeps_the_username(client, make_user):
    make_user("editor", roles.UP_EDITOR)
    response = client.post("/sign-in/", {"username": "editor", "password": "wrong-one"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "ব্যবহারকারীর নাম বা পাসওয়ার্ড ঠিক নয়" in html
    assert 'value="editor"' in html


def test_sign_in_is_throttled_after_repeated_failures(client, make_user, settings):
    settings.LOGIN_THROTTLE_FAILURES = 3
    make_user("editor", roles.UP_EDITOR)
    for _attempt in range(3):
        client.post("/sign-in/", {"username": "editor", "password": "wrong-one"})
    response = client.post("/sign-in/", {"username": "editor", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_header_names_the_user_and_signs_out_by_post(client, make_user, union):
    user = make_user("up-editor", roles.UP_EDITOR, [union])
    user.first_name, user.last_name = "রহিমা", "খাতুন"
    user.save()
    client.force_login(user)
    html = client.get("/").content.decode()
    assert "রহিমা খাতুন" in html
    assert f'action="{reverse("sign_out")}"' in html and 'method="post"' in html
    assert client.get(reverse("sign_out")).status_code == 405
    response = client.post(reverse("sign_out"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_up_editors_work_lists_their_practices_and_add_a_practice(
    client, make_user, union, catalogue
):
    from tests.practices.factories import PracticePageFactory

    PracticePageFactory(parent=catalogue, lgi=union, title="নিজের শিখন")
    client.force_login(make_user("up-editor", roles.UP_EDITOR, [union]))
    html = client.get("/my-work/").content.decode()
    assert "নিজের শিখন" in html
    add = reverse("wagtailadmin_pages:add", args=["practices", "practicepage", catalogue.pk])
    assert add in html


@pytest.mark.parametrize(
    ("role", "lgis", "shown", "hidden"),
    [
        (roles.POLICYMAKER, False, ["/data/"], ["/registry/", "/admin/", "/my-work/"]),
        (roles.REGISTRY_OFFICER, True, ["/registry/", "/admin/"], ["/my-work/"]),
        (roles.UP_EDITOR, True, ["/my-work/", "/admin/", "/registry/"], ["/data/"]),
    ],
)
def test_the_header_links_only_what_the_role_may_use(
    client, make_user, union, role, lgis, shown, hidden
):
    client.force_login(make_user("someone", role, [union] if lgis else []))
    html = client.get("/practices/does-not-exist/").content.decode()
    nav = html.split('class="account-nav"', 1)[1].split("</nav>", 1)[0]
    for path in shown:
        assert f'href="{path}"' in nav, path
    for path in hidden:
        assert f'href="{path}"' not in nav, path
    for path in shown:
        assert client.get(path).status_code in (200, 302), path


@pytest.mark.parametrize(
    ("path", "title", "way_back"),
    [
        ("/nowhere/", "পাতাটি পাওয়া যায়নি", "প্রথম পাতায় ফিরুন"),
        ("/en/nowhere/", "Page not found", "Back to the home page"),
    ],
)
def test_not_found_is_the_portals_page_with_a_way_back(client, path, title, way_back):
    response = client.get(path)
    assert response.status_code == 404
    html = response.content.decode()
    assert title in html and way_back in html


def test_a_server_error_page_is_bilingual_with_a_way_back(client):
    from django.template import loader

    html = loader.get_template("500.html").render()
    assert "দুঃখিত" in html and "Sorry" in html
    assert 'href="/"' in html and 'href="/en/"' in html


def test_the_registrys_menu_shows_its_lists_only_to_those_who_may_open_them(
    client, make_user, union
):
    client.force_login(make_user("policy", roles.POLICYMAKER))
    html = client.get("/registry/").content.decode()
    for name in ("search", "priority", "duplicates", "imports"):
        assert reverse(f"registry:{name}") not in html, name
    client.force_login(make_user("officer", roles.REGISTRY_OFFICER, [union]))
    html = client.get("/registry/").content.decode()
    for name in ("search", "priority", "duplicates", "imports"):
        url = reverse(f"registry:{name}")
        assert url in html, name
        assert client.get(url).status_code == 200, name


def _admin_menu_urls(html):
    props = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1)
    return sorted({url for url in re.findall(r'"url": "(/admin/[^"]*)"', props)})


@pytest.mark.parametrize(
    ("role", "lgis"),
    [(roles.UP_EDITOR, True), (roles.NILG_CURATOR, False), (roles.REGISTRY_OFFICER, True)],
)
def test_every_admin_menu_item_opens_for_the_role_that_sees_it(
    client, make_user, union, catalogue, role, lgis
):
    client.force_login(make_user("someone", role, [union] if lgis else []))
    urls = _admin_menu_urls(client.get("/admin/").content.decode())
    assert urls
    for url in urls:
        assert client.get(url, follow=True).status_code == 200, url
