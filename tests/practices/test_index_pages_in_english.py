"""The catalogue's, the curated lists' and the circulars' index pages read whole in each
language: heading, introduction and the browser's title in English on the English pages, Bangla
on the Bangla ones, and Bangla where no English was given."""

import pytest

from hlp_site.models import HomePage
from practices.models import CircularIndexPage, CuratedListIndexPage, PracticeIndexPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("model", "slug", "bangla", "english"),
    [
        (PracticeIndexPage, "practices", "ভালো শিখন", "Good practices"),
        (CircularIndexPage, "circulars", "পরিপত্র", "Circulars"),
        (CuratedListIndexPage, "practices/lists", "বাছাই করা তালিকা", "Curated lists"),
    ],
)
def test_index_pages_speak_the_page_language(client, model, slug, bangla, english):
    parent = HomePage.objects.get()
    if "/" in slug:
        parent = parent.add_child(instance=PracticeIndexPage(title="ভালো শিখন", slug="practices"))
    index = parent.add_child(
        instance=model(
            title=bangla,
            slug=slug.rsplit("/", 1)[-1],
            intro="<p>বাংলা ভূমিকা।</p>",
            title_en=english,
            intro_en="<p>The English introduction.</p>",
        )
    )
    html = client.get(f"/en/{slug}/").content.decode()
    assert f"<h1>{english}</h1>" in html and "The English introduction." in html
    assert f"<title>{english} ·" in html
    assert "বাংলা ভূমিকা" not in html
    html = client.get(f"/{slug}/").content.decode()
    assert f"<h1>{bangla}</h1>" in html and "বাংলা ভূমিকা।" in html

    index.title_en = index.intro_en = ""
    index.save()
    assert f"<h1>{bangla}</h1>" in client.get(f"/en/{slug}/").content.decode()
