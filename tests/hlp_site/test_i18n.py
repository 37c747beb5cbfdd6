import pytest

from hlp_site.i18n_compile import is_current, po_files

pytestmark = pytest.mark.django_db


def test_root_is_bangla_and_en_prefix_is_english(client):
    bangla = client.get("/")
    english = client.get("/en/")
    assert bangla.status_code == english.status_code == 200
    assert '<html lang="bn">' in bangla.text
    assert "পারস্পরিক শিখন কর্মসূচি" in bangla.text
    assert '<html lang="en">' in english.text
    assert "Horizontal Learning Program" in english.text
    assert "পারস্পরিক শিখন কর্মসূচি" not in english.text


def test_a_browser_asking_for_english_still_gets_bangla_at_the_root(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="bn">' in response.text


@pytest.mark.parametrize(
    "path", ["/en//evil.example/", "/en///evil.example/a/", "/en/\\evil.example/"]
)
def test_the_language_links_of_a_missing_page_stay_on_the_portal(client, path):
    import re

    response = client.get(path)
    assert response.status_code == 404
    links = re.findall(
        r'href="([^"]*)"[^>]*hreflang=|hreflang="[a-z]+" href="([^"]*)"', response.text
    )
    addresses = [address for pair in links for address in pair if address]
    assert addresses
    for address in addresses:
        assert address.startswith("/") and not address.startswith(("//", "/\\")), address


def test_the_language_switcher_keeps_the_page(client):
    bangla = client.get("/areas/BD30/")
    assert 'href="/en/areas/BD30/"' in bangla.text
    english = client.get("/en/areas/BD30/")
    assert 'href="/areas/BD30/"' in english.text
    assert "Dhaka" in english.text
    assert "ঢাকা" in bangla.text


def test_the_shell_is_accessible(client):
    page = client.get("/").text
    assert 'class="skip-link" href="#main"' in page
    assert '<main id="main"' in page
    assert 'role="banner"' in page and 'role="contentinfo"' in page
    assert '<label for="site-search-q"' in page
    assert 'name="viewport"' in page


def test_the_bangla_font_is_served_by_the_portal(client):
    page = client.get("/").text
    assert "/static/fonts/noto-sans-bengali-bengali-400-normal.woff2" in page
    assert "fonts.googleapis" not in page


def test_compiled_translations_are_up_to_date_and_complete():
    import polib

    for po_path in po_files():
        assert is_current(po_path), f"{po_path} is newer than its .mo: run `make messages`"
        catalogue = polib.pofile(str(po_path))
        assert not catalogue.untranslated_entries(), f"untranslated in {po_path}"
        assert not catalogue.fuzzy_entries(), f"fuzzy in {po_path}"
