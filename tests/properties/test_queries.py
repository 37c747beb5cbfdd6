"""Whatever is typed into the search box is cleaned, bounded and analysed without a crash."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from bangla import analyze, analyze_query, build_glossary, normalize, sanitize_query

from .conftest import MANY
from .strategies import any_text

GLOSSARY = build_glossary(
    [
        ["UDCC", "ইউডিসিসি", "ইউনিয়ন উন্নয়ন সমন্বয় কমিটি"],
        ["arsenic", "আর্সেনিক"],
        ["disability", "প্রতিবন্ধী", "প্রতিবন্ধিতা"],
    ]
)

hostile_input = st.one_of(
    any_text,
    st.binary(max_size=200),
    st.integers(),
    st.none(),
    st.lists(st.text(max_size=5), max_size=3),
    st.text(min_size=300, max_size=2000),
)


@MANY
@given(hostile_input, st.integers(min_value=0, max_value=300))
def test_sanitized_query_is_bounded_normalised_and_stable(raw, limit):
    query = sanitize_query(raw, max_length=limit)
    assert isinstance(query, str)
    assert len(query) <= limit
    assert query == query.strip()
    assert normalize(query) == query
    assert sanitize_query(query, max_length=limit) == query
    # Controls, joiners, bidi marks and lone surrogates are gone (unassigned code points are
    # harmless and stay).
    assert not any(unicodedata.category(char) in {"Cc", "Cf", "Cs"} for char in query)


@MANY
@given(hostile_input)
def test_analysed_query_positions_are_never_empty(raw):
    query = sanitize_query(raw)
    for glossary in (None, GLOSSARY):
        positions = analyze_query(query, glossary)
        assert all(position for position in positions)
        assert all(term and term == term.strip() for position in positions for term in position)
        # Every position holds the term the document side would have indexed for it.
        if glossary is None:
            assert [position[0] for position in positions] == analyze(query)


@MANY
@given(st.text(alphabet="মোঃআব্দুররহিমউনিয়নপরিষদের ", max_size=40))
def test_bangla_inflections_analyse_the_same_on_both_sides(text):
    query = sanitize_query(text)
    assert [position[0] for position in analyze_query(query)] == analyze(text)
