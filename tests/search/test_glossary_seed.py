"""The glossary NILG starts with speaks the field's language, and is applied without re-indexing."""

import pytest

import search
from search.models import GlossaryEntry
from search.service import glossary

THEMES = {
    "water and sanitation": ["WASH", "latrine", "DPHE"],
    "governance and planning": ["ward shava", "LGSP", "UNO"],
    "social protection": ["VGD", "VGF", "old age allowance"],
    "health": ["community clinic", "immunisation"],
    "education": ["stipend", "SMC"],
    "disaster": ["cyclone shelter", "DMC"],
    "inclusion": ["child marriage", "persons with disabilities"],
    "revenue": ["trade licence", "hat bazar"],
}


@pytest.mark.django_db
def test_the_seeded_glossary_has_the_fields_vocabulary_in_every_theme():
    groups = [entry.term_list() for entry in GlossaryEntry.objects.all()]
    assert len(groups) >= 80
    firsts = {group[0].casefold() for group in groups}
    for theme, terms in THEMES.items():
        missing = [term for term in terms if term.casefold() not in firsts]
        assert not missing, f"{theme}: {missing}"
    # Acronyms have their Bangla spellings.
    vgd = next(group for group in groups if group[0] == "VGD")
    assert "ভিজিডি" in vgd


@pytest.mark.django_db
def test_official_renamings_of_districts_are_always_in_the_glossary():
    analysed = glossary()
    assert "চট্টগ্রাম" in analysed[("chittagong",)]
    assert "comilla" in analysed[("cumilla",)]


@pytest.mark.django_db
def test_a_curators_new_group_applies_to_the_next_query_without_reindexing(corpus):
    before = search.query("ফ্লোরাইড")
    assert before.total == 0 or not any(
        hit.key == corpus.key("tubewell-testing") for hit in before.hits
    )

    GlossaryEntry.objects.create(terms="ফ্লোরাইড\nনলকূপ")

    after = search.query("ফ্লোরাইড")
    assert corpus.key("tubewell-testing") in {hit.key for hit in after.hits}
