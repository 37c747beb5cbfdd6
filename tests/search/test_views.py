"""The search page, its JSON and suggestions, in both languages; no input ever breaks them."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import keys

pytestmark = pytest.mark.django_db


def test_the_search_page_shows_typed_results_with_highlights_and_facets(client, corpus):
    response = client.get("/search/", {"q": "কর্মশালার"})
    html = response.content.decode()

    assert response.status_code == 200
    assert 'role="search"' in html
    assert "উন্মুক্ত বাজেট সভা" in html
    assert "<mark>কর্মশালায়</mark>" in html
    assert '<span class="badge type-practice">ভালো শিখন</span>' in html
    # The count is announced, in Bangla digits.
    assert 'role="status" aria-live="polite"' in html
    assert "২টি ফলাফল" in html
    # Facet links keep the query in the address.
    assert "?q=%E0%A6%95" in html and "theme=governance" in html


def test_the_english_page_speaks_english_with_english_addresses(client, corpus):
    response = client.get("/en/search/", {"q": "budget"})
    html = response.content.decode()

    assert response.status_code == 200
    assert "Open <mark>budget</mark> meeting" in html
    assert 'href="/en/practices/open-budget/"' in html
    assert "1 result" in html


def test_a_facet_link_narrows_the_results_and_shows_its_count(client, corpus):
    response = client.get("/en/search/", {"q": "ইউনিয়ন", "type": "circular"})
    results = response.context["results"]

    assert results.filters == {"type": ["circular"]}
    assert all(hit.type == "circular" for hit in results.hits)
    counts = {v.value: v.count for v in results.facets["type"]}
    assert counts["circular"] == results.total
    assert 'aria-current="true"' in response.content.decode()


def test_a_misspelt_search_shows_corrected_results_with_a_link_to_the_words_typed(
    client, corpus, backend
):
    response = client.get("/en/search/", {"q": "sanitatoin"})
    html = response.content.decode()

    assert response.status_code == 200
    results = response.context["results"]
    assert any("sanitation" in hit.title.casefold() for hit in results.hits)
    assert "Showing results for" in html
    assert "exact=1" in html

    exact = client.get("/en/search/", {"q": "sanitatoin", "exact": "1"})
    as_typed = exact.context["results"]
    assert as_typed.query == "sanitatoin" and not as_typed.corrected_from
    if backend == "database":
        # Elasticsearch's own fuzziness may still find the word; the database searches it as
        # typed and offers the correction.
        assert as_typed.total == 0
        assert "Did you mean" in exact.content.decode()


def test_the_json_endpoint_returns_the_same_results(client, corpus):
    page = client.get("/search/", {"q": "UDCC", "sort": "date"}).context["results"]
    response = client.get("/api/v1/search/", {"q": "UDCC", "sort": "date"})
    data = response.json()

    assert response.status_code == 200
    assert data["total"] == page.total
    assert [hit["key"] for hit in data["hits"]] == [hit.key for hit in page.hits]
    assert data["facets"]["type"][0]["count"] >= 1
    assert data["degraded"] is False
    assert set(data["hits"][0]) >= {"type", "title", "url", "snippet", "date", "facets"}


def test_suggestions_as_json(client, corpus):
    response = client.get("/api/v1/search/suggest/", {"q": "উন্মুক্ত"})

    assert response.status_code == 200
    assert response.json()["suggestions"][0]["text"] == "উন্মুক্ত বাজেট সভা"
    assert client.get("/api/v1/search/suggest/").json() == {"suggestions": []}


def test_the_page_without_a_query_lists_everything_newest_first(client, corpus):
    results = client.get("/search/").context["results"]

    assert results.total == len(keys(results)) == 9
    assert 'name="q"' in client.get("/search/").content.decode()


def test_the_page_query_count_is_bounded(client, corpus, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        assert client.get("/search/", {"q": "ইউনিয়ন", "theme": "governance"}).status_code == 200


@pytest.mark.parametrize(
    "raw",
    [
        'q="unbalanced',
        "q=((([[[{{{",
        "q=" + "ক" * 10_000,
        "q=%00%01%02%1b",
        "q=%ED%A0%80%ED%BF%BF",
        "q=%FF%FE%FD",
        "q=AND+OR+NOT+NEAR(a+b)+*+^+-",
        "q=%E0%A6%95%E0%A6%B0&year=%E0%A7%A8%E0%A7%A6%E0%A7%A8%E0%A7%AA&page=-5",
        "q=x&page=99999999999999999999&sort=%00&type=%00&district=';DROP",
        "q=x&best_practice=maybe&year=abc&theme=" + "t" * 500,
    ],
)
def test_hostile_queries_get_an_answer(client, corpus, raw):
    for prefix in ("/search/?", "/en/search/?", "/api/v1/search/?", "/api/v1/search/suggest/?"):
        response = client.get(prefix + raw)
        assert response.status_code == 200, prefix + raw


any_text = st.text(
    alphabet=st.characters(exclude_categories=()),  # surrogates and controls included
    max_size=300,
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=any_text, facet=st.sampled_from(["type", "theme", "year", "district", "page"]))
def test_any_query_string_gets_results_or_a_message(client, corpus, text, facet):
    encoded = quote(text.encode("utf-8", "surrogatepass"), safe="")
    for prefix in ("/search/?", "/api/v1/search/?"):
        response = client.get(f"{prefix}q={encoded}&{facet}={encoded}")
        assert response.status_code == 200
