"""The admin as an UP editor works in it: Bangla digits in every number field, readable Latin
slugs from Bangla titles, and no earlier draft blocking a second try."""

import re
from decimal import Decimal
from importlib import import_module
from types import SimpleNamespace

from django.apps import apps
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

import pytest

from bangla.transliterate import latin
from portal import roles
from portal.slugs import readable_slug
from practices import editorial
from practices.models import PracticePage

from .factories import PracticePageFactory, ThemeFactory
from .test_workflow import add_url, practice_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(practice_index):
    assert editorial.ensure()
    return practice_index


@pytest.fixture
def editor(make_user, union):
    return make_user("up-editor", roles.UP_EDITOR, [union])


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("নলকূপ স্থাপন", "nalakup-sthapan"),
        ("বর্জ্য থেকে জৈব সার", "barjya-theke-jaib-sar"),
        ("খোলা বাজেট সভা", "khola-bajet-sabha"),
        ("বাড়ি বাড়ি ময়লা সংগ্রহ", "bari-bari-mayala-samgrah"),
        ("প্রতিবন্ধীবান্ধব ইউনিয়ন পরিষদ", "pratibandhibandhab-iuniyan-parishad"),
    ],
)
def test_bangla_titles_are_spelt_in_latin_letters_with_their_vowels(title, slug):
    assert readable_slug(title) == slug


def test_an_english_title_gives_the_slug():
    assert readable_slug("নলকূপ স্থাপন", "Tube wells for all") == "tube-wells-for-all"
    assert latin("Open বাজেট") == "open bajet"


def submit(client, parent, theme, union, **fields):
    data = practice_form(theme, union, **{"action-submit": "1"})
    data.update(fields)
    return client.post(add_url(parent), data)


def test_a_bangla_title_gets_a_readable_slug_when_the_browser_leaves_it_empty(
    client, setup, editor, union
):
    client.force_login(editor)
    response = submit(client, setup, ThemeFactory(), union, title="বরজায় থাকে জীবন", slug="")
    assert response.status_code == 302, response.context["form"].errors
    page = PracticePage.objects.get(title="বরজায় থাকে জীবন")
    assert page.slug == "barajay-thake-jiban"


def test_the_browsers_dashes_for_an_all_bangla_title_are_replaced(client, setup, editor, union):
    client.force_login(editor)
    response = submit(client, setup, ThemeFactory(), union, title="বরজায় থাকে জীবন", slug="--")
    assert response.status_code == 302, response.context["form"].errors
    assert PracticePage.objects.get(title="বরজায় থাকে জীবন").slug == "barajay-thake-jiban"


def test_a_garbled_unicode_slug_is_replaced(client, setup, editor, union):
    client.force_login(editor)
    response = submit(
        client, setup, ThemeFactory(), union, title="বরজায় থাকে জীবন", slug="বরজয-থক-জবন"
    )
    assert response.status_code == 302, response.context["form"].errors
    assert PracticePage.objects.get(title="বরজায় থাকে জীবন").slug == "barajay-thake-jiban"


def test_a_second_try_after_a_stray_draft_gets_a_suffix_not_an_error(client, setup, editor, union):
    client.force_login(editor)
    theme = ThemeFactory()
    # The first try's autosave left a draft of the same title behind.
    first = submit(client, setup, theme, union, title="ওয়ার্ড সভা", slug="", **{"action-submit": ""})
    assert first.status_code == 302
    second = submit(client, setup, theme, union, title="ওয়ার্ড সভা", slug="")
    assert second.status_code == 302, second.context["form"].errors
    slugs = sorted(PracticePage.objects.filter(title="ওয়ার্ড সভা").values_list("slug", flat=True))
    assert slugs == ["oyard-sabha", "oyard-sabha-2"]


def test_a_typed_slug_that_is_taken_is_explained_in_bangla(client, setup, editor, union):
    PracticePageFactory(parent=setup, lgi=union, slug="ward-sabha")
    client.force_login(editor)
    response = submit(client, setup, ThemeFactory(), union, title="ওয়ার্ড সভা", slug="ward-sabha")
    assert response.status_code == 200
    error = response.context["form"].errors["slug"][0]
    assert "ward-sabha" in error and "ইতিমধ্যে" in error


@pytest.mark.parametrize(
    ("typed", "stored"), [("২০২৫", 2025), ("2025", 2025), ("২,০২৫", 2025), (" ২০১৫ ", 2015)]
)
def test_the_year_takes_bangla_digits(client, setup, editor, union, typed, stored):
    client.force_login(editor)
    response = submit(client, setup, ThemeFactory(), union, year_identified=typed)
    assert response.status_code == 302, response.context["form"].errors
    assert PracticePage.objects.get(slug="ward-sabha").year_identified == stored


def test_a_year_that_is_no_number_is_refused_in_bangla_naming_the_field_and_kept(
    client, setup, editor, union
):
    client.force_login(editor)
    response = submit(client, setup, ThemeFactory(), union, year_identified="২০২ক")
    assert response.status_code == 200
    error = response.context["form"].errors["year_identified"][0]
    assert "২০২ক" in error and "পূর্ণ সংখ্যা নয়" in error
    label = response.context["form"].fields["year_identified"].label
    assert error.startswith(str(label))
    html = response.content.decode()
    assert 'value="২০২ক"' in html
    assert not PracticePage.objects.filter(slug="ward-sabha").exists()


def test_admin_number_widgets_are_text_inputs_with_a_number_keyboard(client, setup, editor):
    client.force_login(editor)
    html = client.get(add_url(setup)).content.decode()
    field = re.search(r'<input[^>]*name="year_identified"[^>]*>', html).group()
    assert 'type="text"' in field and 'inputmode="numeric"' in field


def test_every_number_column_of_admin_forms_reads_bangla_digits(practice, union):
    from practices.models import BudgetAllocation, Replication
    from practices.wagtail_hooks import BudgetAllocationViewSet, ReplicationViewSet

    budget_form = BudgetAllocationViewSet(model=BudgetAllocation).get_edit_handler()
    fields = budget_form.get_form_class().base_fields
    assert fields["allocated"].clean("১,৫০,০০০") == 150000
    assert str(fields["spent"].clean("১৫০০০০.৫০")) == "150000.50"
    replication_form = ReplicationViewSet(model=Replication).get_edit_handler()
    households = replication_form.get_form_class().base_fields["households_reached"]
    assert households.clean("১,৫০০") == 1500
    assert households.widget.input_type == "text"


def test_amounts_in_a_practices_story_read_bangla_digits():
    from practices.blocks import CostLineBlock

    amount = CostLineBlock().child_blocks["amount"]
    assert amount.clean("১,৫০,০০০") == 150000
    assert amount.field.widget.input_type == "text"
    assert amount.field.widget.attrs["inputmode"] == "decimal"


def garbled_page(parent, union):
    """A practice as the admin saved it before: its slug made of Bangla letters without their
    vowel signs, in the page and in its revision."""
    page = PracticePageFactory(parent=parent, lgi=union, title="বরজায় থাকে জীবন", slug="old")
    revision = page.save_revision()
    revision.publish()
    garbled = "বরজয-থক-জবন"
    url_path = page.url_path.replace("/old/", f"/{garbled}/")
    Page.objects.filter(pk=page.pk).update(slug=garbled, url_path=url_path)
    revision.content = {**revision.content, "slug": garbled, "url_path": url_path}
    revision.save(update_fields=["content"])
    return page


def test_garbled_slugs_are_migrated_with_redirects_from_the_old_address(setup, union):
    page = garbled_page(setup, union)
    migration = import_module("hlp_site.migrations.0004_site_name_workflow_names_readable_slugs")
    migration.readable_slugs(apps, None)
    page = Page.objects.get(pk=page.pk)
    assert page.slug == "barajay-thake-jiban"
    assert page.url_path.endswith("/practices/barajay-thake-jiban/")
    assert page.get_latest_revision().content["slug"] == "barajay-thake-jiban"
    redirect = Redirect.objects.get(old_path="/practices/বরজয-থক-জবন")
    assert redirect.link == "/practices/barajay-thake-jiban/"
    assert Redirect.objects.filter(old_path="/en/practices/বরজয-থক-জবন").exists()


def test_the_old_address_redirects(client, setup, union):
    garbled_page(setup, union)
    migration = import_module("hlp_site.migrations.0004_site_name_workflow_names_readable_slugs")
    migration.readable_slugs(apps, None)
    response = client.get("/practices/বরজয-থক-জবন/")
    assert response.status_code == 301
    assert response["Location"] == "/practices/barajay-thake-jiban/"


def test_the_admin_loads_the_portals_bangla_font_and_names_the_site(client, editor, setup):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "css/admin.css" in html
    assert "পারস্পরিক শিখন কর্মসূচি" in html
    assert "localhost" not in html.split("<main", 1)[-1]


@pytest.mark.parametrize(
    ("language", "column", "value", "shown"),
    [
        ("bn", "allocated", Decimal("150000.00"), "১,৫০,০০০"),
        ("bn", "households_reached", 1500, "১,৫০০"),
        ("bn", "year_identified", 2025, "২০২৫"),
        ("en", "allocated", Decimal("150000.00"), "1,50,000"),
        ("bn", "lgi", "সুবিল", "সুবিল"),
    ],
)
def test_admin_listings_show_numbers_in_the_languages_digits_and_lakh(
    language, column, value, shown
):
    cell = get_template("wagtailadmin/tables/cell.html")
    with translation.override(language):
        html = cell.render(
            {"column": SimpleNamespace(name=column), "raw_value": value, "value": value}
        )
    assert html.split(">", 1)[1].split("<", 1)[0].strip() == shown


def test_the_editors_journey_screens_have_the_issues_english_in_bangla(client, setup, editor):
    client.force_login(editor)
    for url in ["/admin/", add_url(setup), f"/admin/pages/{setup.pk}/"]:
        html = client.get(url).content.decode()
        for english in ["Page title", "Save draft", "More actions", "NILG review"]:
            assert english not in html, (url, english)
        assert not re.search(r"Choose [\u0980-\u09ff]", html), url
    html = client.get(add_url(setup)).content.decode()
    assert "পাতার শিরোনাম" in html and "খসড়া সংরক্ষণ করুন" in html
    assert "এনআইএলজি পর্যালোচনা-এর জন্য জমা দিন" in html


def test_the_curators_review_is_in_bangla(client, setup, editor, union, curator):
    client.force_login(editor)
    assert submit(client, setup, ThemeFactory(), union, title="ওয়ার্ড সভা", slug="").status_code == 302
    page = PracticePage.objects.get(title="ওয়ার্ড সভা")
    client.force_login(curator)
    dashboard = client.get("/admin/").content.decode()
    assert "আপনার পর্যালোচনার অপেক্ষায়" in dashboard
    assert "Awaiting your review" not in dashboard
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "অনুমোদন করুন ও প্রকাশ করুন" in html
    assert "পরিবর্তনের অনুরোধ করুন" in html
    assert "এনআইএলজি কিউরেটরের অনুমোদন" in html
    for english in ["Approve and Publish", "Request changes", "In Moderation", "NILG review"]:
        assert english not in html, english
    listing = client.get(f"/admin/pages/{setup.pk}/").content.decode()
    assert "পর্যালোচনায়" in listing and "in moderation" not in listing.lower()


def test_any_page_type_saved_with_the_browsers_dashes_gets_a_readable_slug(setup):
    from practices.models import CuratedListIndexPage

    page = setup.add_child(instance=CuratedListIndexPage(title="বাছাই করা তালিকা", slug="---"))
    page.refresh_from_db()
    assert page.slug == "bachai-kara-talika"
    assert page.url_path.endswith("/practices/bachai-kara-talika/")
    kept = setup.add_child(instance=CuratedListIndexPage(title="বাছাই", slug="best-practices"))
    assert kept.slug == "best-practices"
