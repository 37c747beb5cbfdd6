"""What a policymaker notices when searching: Bangla forms, digits, glossary, typos, facets.

Every test runs on the database backend and on Elasticsearch over the same fixture corpus.
"""

import pytest

import search

from .conftest import keys

pytestmark = pytest.mark.django_db


def test_an_inflected_bangla_form_finds_documents_with_another_form(corpus):
    # The corpus has কর্মশালায় and কর্মশালাগুলোতে and কর্মশালার, never the genitive asked for.
    results = search.query("কর্মশালার")

    assert keys(results) == {corpus.key("open-budget"), corpus.key("workshop-practice")}
    assert results.total == 2


def test_a_plural_locative_finds_the_bare_word(corpus):
    results = search.query("নলকূপগুলোতে")

    # The circular names the practice it institutionalises, so it is found too.
    assert keys(results) == {corpus.key("tubewell-testing"), corpus.key("arsenic-circular")}


def test_a_short_word_does_not_match_inside_a_longer_one(corpus):
    # কর (tax) must not find কর্মশালা or করণীয়: Bangla words stay whole in every backend.
    results = search.query("কর")

    assert keys(results) == {corpus.key("tax-collection")}


def test_bangla_digits_find_ascii_digits_and_back(corpus):
    # "২০২৪ সালে" is written with Bangla digits; "since 2017" and a year identified with ASCII.
    assert keys(search.query("2024")) == {corpus.key("tax-collection")}
    assert keys(search.query("২০১৭")) == {corpus.key("tubewell-testing"), corpus.key("sanitation")}


def test_an_english_glossary_term_finds_bangla_only_documents(corpus):
    results = search.query("arsenic")

    # The circular says only আর্সেনিক; the practice only "arsenic".
    assert keys(results) == {corpus.key("arsenic-circular"), corpus.key("tubewell-testing")}


def test_an_inflected_bangla_glossary_term_finds_english_only_documents(corpus):
    assert corpus.key("tubewell-testing") in keys(search.query("আর্সেনিকের"))


def test_an_abbreviation_finds_the_long_name_and_the_bangla_short_form(corpus):
    results = search.query("UDCC")

    # One says ইউনিয়ন উন্নয়ন সমন্বয় কমিটির (inflected, long), the other ইউডিসিসি.
    assert keys(results) == {corpus.key("udcc-meetings"), corpus.key("udcc-circular")}


def test_the_long_name_finds_the_abbreviation(corpus):
    results = search.query("ইউনিয়ন উন্নয়ন সমন্বয় কমিটি")

    top = {hit.key for hit in results.hits[:2]}
    assert top == {corpus.key("udcc-meetings"), corpus.key("udcc-circular")}


def test_disability_finds_the_bangla_practice(corpus):
    assert keys(search.query("Disability")) == {corpus.key("disability-friendly")}


def test_drafts_never_reach_the_index(corpus):
    results = search.query("জলাবদ্ধতা")

    assert results.total == 0
    assert results.hits == []


def test_documents_with_every_word_come_first_then_those_with_some(corpus):
    complete = search.query("বাজেট সভা")
    assert [hit.key for hit in complete.hits][:1] == [corpus.key("open-budget")]

    # No document has both words: the page is never empty, and says why.
    results = search.query("বাজেট আর্সেনিক")
    assert results.partial and results.complete_total == 0
    assert {corpus.key("open-budget"), corpus.key("tubewell-testing")} <= keys(results)


def test_a_partial_match_ranks_the_rarer_word_higher(corpus):
    # "ইউনিয়ন" is in most documents, "ল্যাট্রিন" in one: the document with the rare word
    # outranks those with only the common word.
    results = search.query("ল্যাট্রিন ইউনিয়ন মহাকাশ")
    assert results.partial
    ranked = [hit.key for hit in results.hits]
    assert ranked[0] == corpus.key("sanitation")
    assert corpus.key("udcc-meetings") in ranked


def test_snippets_mark_the_words_as_written(corpus):
    results = search.query("কর্মশালার")
    snippets = {hit.key: str(hit.snippet) for hit in results.hits}

    assert "<mark>কর্মশালায়</mark>" in snippets[corpus.key("open-budget")]


def test_english_results_show_english_titles_and_addresses(corpus):
    results = search.query("budget", language="en")
    hit = next(hit for hit in results.hits if hit.key == corpus.key("open-budget"))

    assert hit.title == "Open budget meeting"
    assert "<mark>budget</mark>" in str(hit.title_html)
    assert hit.url.startswith("/en/practices/")
    assert hit.type_label == "Practice"


def test_bangla_results_fall_back_to_bangla_where_there_is_no_english(corpus):
    hit = search.query("UDCC", language="en").hits[0]

    assert hit.url.startswith("/en/")
    assert hit.title in {
        "ইউনিয়ন উন্নয়ন সমন্বয় কমিটির নিয়মিত সভা",
        "Forming the union coordination committee",
    }


@pytest.mark.parametrize("text", ["", "ইউনিয়ন", "water"])
def test_each_facet_count_is_what_selecting_it_shows(corpus, text):
    results = search.query(text, per_page=100)
    assert results.total == len(results.hits)
    assert sum(value.count for value in results.facets["type"]) == results.total
    checked = 0
    for facet, values in results.facets.items():
        for value in values:
            narrowed = search.query(text, filters={facet: [value.value]}, per_page=100)
            assert narrowed.total == value.count, (facet, value.value)
            assert len(narrowed.hits) == value.count
            checked += 1
    assert checked >= (5 if text == "" else 1)


def test_filters_combine_and_counts_follow_the_rows(corpus):
    from practices.models import PracticePage

    expected = PracticePage.objects.live().filter(is_best_practice=True, theme__slug="water")
    results = search.query(
        "", filters={"type": ["practice"], "best_practice": ["true"], "theme": ["water"]}
    )

    assert keys(results) == {f"practice:{pk}" for pk in expected.values_list("pk", flat=True)}
    theme_counts = {value.value: value.count for value in results.facets["theme"]}
    # A facet is counted under the other filters, so its other values still show what they hold.
    assert theme_counts["governance"] == (
        PracticePage.objects.live().filter(is_best_practice=True, theme__slug="governance").count()
    )


def test_values_of_one_facet_are_alternatives(corpus):
    results = search.query("", filters={"theme": ["water", "disability"]})

    assert keys(results) >= {corpus.key("sanitation"), corpus.key("disability-friendly")}
    assert corpus.key("open-budget") not in keys(results)


def test_division_and_year_filters(corpus):
    union_division = corpus.pages["tubewell-testing"].lgi.division.key
    results = search.query("", filters={"division": [union_division], "year": ["২০১৭"]})

    assert keys(results) == {corpus.key("tubewell-testing")}
    years = {value.value: value.label for value in results.facets["year"]}
    assert years["2017"] == "২০১৭"


def test_sorting_by_date_puts_the_newest_first(corpus):
    results = search.query("", sort="date", per_page=100)
    dates = [hit.date for hit in results.hits if hit.date]

    assert dates == sorted(dates, reverse=True)
    assert results.sort == "date"


def test_pages_split_the_results_without_overlap(corpus):
    first = search.query("", per_page=4, page=1)
    second = search.query("", per_page=4, page=2)
    everything = search.query("", per_page=100)

    assert first.total == second.total == everything.total
    assert len(first.hits) == 4
    assert not keys(first) & keys(second)
    pages = [search.query("", per_page=4, page=n) for n in range(1, first.pages + 1)]
    assert set().union(*map(keys, pages)) == keys(everything)


def test_a_page_past_the_end_shows_the_last_page(corpus):
    results = search.query("", per_page=4, page=99)

    assert results.page == results.pages
    assert results.hits


def test_suggestions_complete_any_word_of_a_title(corpus):
    assert "উন্মুক্ত বাজেট সভা" in [s["text"] for s in search.suggest("উন্মুক্ত বা")]
    assert "উন্মুক্ত বাজেট সভা" in [s["text"] for s in search.suggest("বাজে")]
    english = search.suggest("open bud", language="en")
    assert english[0]["text"] == "Open budget meeting"
    assert english[0]["url"].startswith("/en/")


def test_a_query_with_nothing_to_search_for_says_so(corpus):
    results = search.query("((( ?? )))", language="en")

    assert results.total == 0
    assert "no words" in results.message
    assert search.query("এবং ও", language="bn").message.startswith("আপনার অনুসন্ধানে")


@pytest.mark.parametrize("backend", ["elasticsearch"], indirect=True)
@pytest.mark.elasticsearch
def test_a_one_letter_typo_still_finds_an_english_word_on_elasticsearch(corpus):
    assert corpus.key("tubewell-testing") in keys(search.query("arsenik"))
    assert corpus.key("sanitation") in keys(search.query("sanitaton"))
    results = search.query("arsenik", language="en")
    hit = next(hit for hit in results.hits if hit.key == corpus.key("tubewell-testing"))
    assert "<mark>Arsenic</mark>" in str(hit.title_html)


@pytest.mark.parametrize("backend", ["database"], indirect=True)
def test_a_typo_is_corrected_and_the_words_as_typed_stay_one_click_away(corpus):
    results = search.query("arsenik testing")

    assert results.corrected_from == "arsenik testing"
    assert results.corrected_to.casefold().startswith("arsenic")
    assert corpus.key("tubewell-testing") in keys(results)
    exact = search.query("arsenik testing", exact=True)
    assert not exact.corrected_from
    assert exact.did_you_mean and exact.did_you_mean.casefold().startswith("arsenic")


def test_a_bangla_typo_is_corrected_too(corpus):
    # আর্সেনিক with its last letter mistyped (ক → খ).
    results = search.query("আর্সেনিখ")

    assert results.corrected_from == "আর্সেনিখ"
    assert corpus.key("tubewell-testing") in keys(results)


def test_elasticsearch_matches_a_mistyped_bangla_word_even_as_typed(corpus, backend):
    # Searched as typed (no correction), only Elasticsearch's fuzziness on the analysed terms
    # finds it; the database offers the correction instead.
    results = search.query("আর্সেনিখ", exact=True)
    if backend == "elasticsearch":
        assert corpus.key("arsenic-circular") in keys(results)
    else:
        assert results.total == 0
        assert results.did_you_mean == "আর্সেনিক"
