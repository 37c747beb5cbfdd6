"""What a reader calls a thing finds it, on every backend: places however romanised, dates as
people say them, the kind of document, compounds written together or apart."""

import search

from .conftest import keys


def ranked(results):
    return [hit.key for hit in results.hits]


def test_a_romanised_union_name_finds_the_practices_written_in_bangla(corpus):
    # সুবিল is written in Bangla only; people type Subil, Shubil or Suvil.
    for spelling in ("Subil", "Shubil", "সুবিলের"):
        found = keys(search.query(spelling))
        assert corpus.key("tubewell-testing") in found, spelling
        assert corpus.key("open-budget") not in found, spelling


def test_old_and_new_names_of_a_district_find_the_same_documents(corpus):
    # The practices' union is in Cumilla district, officially Comilla until 2018.
    new = keys(search.query("Cumilla"))
    old = keys(search.query("Comilla"))
    assert corpus.key("tubewell-testing") in new
    assert new == old == keys(search.query("কুমিল্লা"))


def test_a_month_and_year_find_what_was_issued_then(corpus):
    results = search.query("মে ২০২০")
    assert ranked(results)[0] == corpus.key("arsenic-circular")
    assert ranked(search.query("May 2020", language="en"))[0] == corpus.key("arsenic-circular")


def test_a_fiscal_year_in_either_digits_finds_what_fell_in_it(corpus):
    # Issued on 1 February 2018: fiscal year 2017-18.
    for text in ("২০১৭-১৮ অর্থবছরের পরিপত্র", "circular FY 2017-18"):
        assert ranked(search.query(text))[0] == corpus.key("udcc-circular"), text


def test_a_subject_and_the_word_circular_put_the_circular_first(corpus):
    # The practice on tube wells and arsenic is found too, but the circular comes first.
    for text in ("আর্সেনিক পরিপত্র", "arsenic circular"):
        results = search.query(text)
        assert ranked(results)[0] == corpus.key("arsenic-circular"), text
        assert corpus.key("tubewell-testing") in ranked(results)


def test_asking_for_best_practices_puts_them_first(corpus):
    results = search.query("best practice sanitation")
    assert ranked(results)[0] == corpus.key("sanitation")


def test_a_compound_written_together_finds_it_written_apart(corpus):
    # The title writes "প্রতিবন্ধী বান্ধব" apart.
    assert corpus.key("disability-friendly") in keys(search.query("প্রতিবন্ধীবান্ধব"))


def test_question_words_do_not_stop_a_question_from_finding_its_answer(corpus):
    results = search.query("ইউডিসিসি কীভাবে গঠন করা হয়?")
    assert ranked(results)[0] == corpus.key("udcc-circular")


def test_a_practice_from_the_place_named_ranks_above_one_that_mentions_it(corpus):
    # Field weights: the title, then what a document is and where it comes from, then its body.
    # The two practices say the same, but one names the union in its text and the other is
    # from it.
    from places.models import Area

    union = Area.objects.get(key="UN1")
    elsewhere = Area.objects.lgis().exclude(division=union.division_id).order_by("pk").first()
    text = "খাস পুকুরে মাছ চাষ করে দরিদ্র পরিবারের আয় বাড়ে। প্রতিটি পুকুরের দেখাশোনা করে একটি দল। "
    copied = corpus.add_practice(
        "fish-elsewhere",
        title="পুকুরে মাছ চাষ",
        summary_bn=text + f"ধারণাটি এসেছে {union.name_bn} ইউনিয়ন থেকে।",
        lgi=elsewhere,
    )
    original = corpus.add_practice(
        "fish-here",
        title="পুকুরে মাছ চাষ",
        summary_bn=text + "ধারণাটি এসেছে পাশের ইউনিয়ন থেকে।",
        lgi=union,
    )
    search.index(copied)
    search.index(original)

    found = ranked(search.query(f"{union.name_bn} মাছ চাষ"))
    assert found.index(corpus.key("fish-here")) < found.index(corpus.key("fish-elsewhere"))
