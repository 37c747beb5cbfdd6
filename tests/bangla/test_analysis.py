"""Behaviour of the Bangla-aware text analysis shared by indexing, querying and the registry."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bangla import (
    STOP_WORDS_BN,
    STOP_WORDS_EN,
    analyze,
    analyze_query,
    analyzed_text,
    build_glossary,
    fold_digits,
    format_lakh,
    name_key,
    normalize,
    parse_number,
    sanitize_query,
    stem_bn,
    stem_en,
    to_bangla_digits,
    tokenize,
)

NUKTA = "\u09bc"
ZWNJ = "\u200c"
ZWJ = "\u200d"

GLOSSARY = [
    ["arsenic", "আর্সেনিক"],
    ["UDCC", "ইউডিসিসি", "ইউনিয়ন উন্নয়ন সমন্বয় কমিটি"],
    ["disability", "প্রতিবন্ধী"],
]


# --- normalize ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("precomposed", "base"),
    [("\u09dc", "\u09a1"), ("\u09dd", "\u09a2"), ("\u09df", "\u09af")],
    ids=["rra", "rha", "yya"],
)
def test_nukta_letters_have_one_canonical_form_base_plus_nukta(precomposed, base):
    word_precomposed = f"কর্মশালা{precomposed}"
    word_decomposed = f"কর্মশালা{base}{NUKTA}"

    assert normalize(word_precomposed) == normalize(word_decomposed)
    assert normalize(word_precomposed).endswith(base + NUKTA)
    assert precomposed not in normalize(word_precomposed)


def test_nukta_variants_of_a_word_analyse_to_the_same_term():
    assert analyze("ইউনি\u09dfন") == analyze(f"ইউনি\u09af{NUKTA}ন") == ["ইউনিয়ন"]


def test_zwnj_and_zwj_variants_normalise_equal():
    plain = "শাহ্ মাহমুদপুর র‍্যাব"
    assert normalize(f"শাহ্{ZWNJ} মাহমুদপুর") == "শাহ্ মাহমুদপুর"
    assert normalize(f"র{ZWJ}্যাব") == normalize("র্যাব")
    assert normalize(plain.replace(ZWJ, "")) == normalize(plain)


def test_zwnj_removal_keeps_the_space_between_words():
    assert tokenize(f"শাহ্{ZWNJ} মাহমুদপুর") == ["শাহ্", "মাহমুদপুর"]


def test_legacy_khanda_ta_encoding_becomes_khanda_ta():
    assert normalize(f"উত্{ZWJ}সব") == normalize("উৎসব") == "উৎসব"


def test_format_and_control_characters_are_removed():
    text = "\ufeffইউনিয়ন\u00ad পরি\u200eষদ\u202e\u2066 \x07union\u200b"
    assert normalize(text) == "ইউনিয়ন পরিষদ union"


def test_whitespace_of_every_kind_collapses_to_single_spaces():
    assert normalize("  উপজেলা\t\nপরিষদ\u00a0\u2003 সভা \r\n") == "উপজেলা পরিষদ সভা"


def test_normalize_folds_digits_and_casefolds_latin_but_keeps_punctuation():
    assert normalize("UDCC সভা ২০২৪। “Good Practice”") == "udcc সভা 2024। “good practice”"


def test_two_part_vowel_sign_is_composed():
    assert normalize("ক\u09c7\u09be") == normalize("কো") == "ক\u09cb"


@settings(deadline=None)
@given(st.text(alphabet="কখগর্াীেোৌ়ংঃঁড়য়ৎ০১২ ।,.-aZ9\u200c\u200d\u00ad\t\n\x00"))
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


# --- digits -----------------------------------------------------------------------------


def test_fold_digits_turns_bangla_and_other_decimal_digits_into_ascii():
    assert fold_digits("০১২৩৪৫৬৭৮৯") == "0123456789"
    assert fold_digits("৪২ টাকা, ४२, ٤٢") == "42 টাকা, 42, 42"
    assert fold_digits("²½") == "²½"


def test_to_bangla_digits_turns_ascii_digits_into_bangla():
    assert to_bangla_digits("0123456789") == "০১২৩৪৫৬৭৮৯"
    assert to_bangla_digits("সভা 12/05/2024, room B2") == "সভা ১২/০৫/২০২৪, room B২"


@given(st.text())
def test_digit_conversion_round_trips_through_ascii(text):
    ascii_form = fold_digits(text)
    assert fold_digits(to_bangla_digits(ascii_form)) == ascii_form


# --- parse_number -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("১২৩৪৫৬৭", Decimal(1234567)),
        ("1234567", Decimal(1234567)),
        ("১২,৩৪,৫৬৭", Decimal(1234567)),
        ("1,00,00,000", Decimal(10000000)),
        ("1,234,567", Decimal(1234567)),
        ("12,345", Decimal(12345)),
        ("  ৪২  ", Decimal(42)),
        ("১২.৫০", Decimal("12.50")),
        ("-১,২৩৪.৫", Decimal("-1234.5")),
        ("−7", Decimal(-7)),
        ("৳ ১২,০০০", Decimal(12000)),
        ("৳১২,০০০", Decimal(12000)),
        ("১২,০০০ টাকা", Decimal(12000)),
        ("৫০০/- টাকা", Decimal(500)),
        ("Tk. 500", Decimal(500)),
        ("tk 500", Decimal(500)),
        ("BDT 1,500.75", Decimal("1500.75")),
        ("-৳ 20", Decimal(-20)),
        ("0", Decimal(0)),
        ("-0", Decimal(0)),
    ],
)
def test_parse_number_accepts(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "12a",
        "1,2,,3",
        "১২.৩.৪",
        "1,23",
        "123,45,678",
        "1234,567",
        ",123",
        "12,",
        "5.",
        "--1",
        "+5",
        "1 000",
        "৳",
        "টাকা",
        "৳ 5 টাকা",
        "BDT BDT 5",
        "১২ লাখ",
        "1e5",
        "NaN",
        "Infinity",
        "৫০০ /- /-",
    ],
)
def test_parse_number_refuses_with_a_message_naming_the_input(text):
    with pytest.raises(ValueError) as excinfo:
        parse_number(text)
    assert repr(text) in str(excinfo.value)


def test_parse_number_refuses_non_strings():
    with pytest.raises(TypeError):
        parse_number(12)


# --- format_lakh ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "latin", "bangla"),
    [
        (0, "0", "০"),
        (7, "7", "৭"),
        (999, "999", "৯৯৯"),
        (1000, "1,000", "১,০০০"),
        (99999, "99,999", "৯৯,৯৯৯"),
        (100000, "1,00,000", "১,০০,০০০"),
        (1234567, "12,34,567", "১২,৩৪,৫৬৭"),
        (10000000, "1,00,00,000", "১,০০,০০,০০০"),
        (12345678.5, "1,23,45,678.50", "১,২৩,৪৫,৬৭৮.৫০"),
        (Decimal("0.125"), "0.13", "০.১৩"),
        (Decimal("5.00"), "5", "৫"),
        (Decimal("1E+3"), "1,000", "১,০০০"),
        (-999, "-999", "-৯৯৯"),
        (-1234567, "-12,34,567", "-১২,৩৪,৫৬৭"),
        (-100000.25, "-1,00,000.25", "-১,০০,০০০.২৫"),
        (Decimal("-0.001"), "0.00", "০.০০"),
    ],
)
def test_format_lakh(value, latin, bangla):
    assert format_lakh(value, bangla_digits=False) == latin
    assert format_lakh(value, bangla_digits=True) == bangla


def test_format_lakh_defaults_to_ascii_digits():
    assert format_lakh(1234567) == "12,34,567"


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("-Infinity")])
def test_format_lakh_refuses_non_finite_numbers(value):
    with pytest.raises(ValueError):
        format_lakh(value, bangla_digits=False)


@given(st.integers(min_value=-(10**30), max_value=10**30), st.booleans())
def test_parse_number_reads_back_format_lakh(number, bangla_digits):
    assert parse_number(format_lakh(number, bangla_digits)) == number


# --- tokenize --------------------------------------------------------------------------------


def test_tokenize_keeps_bangla_words_whole_with_their_marks_and_conjuncts():
    text = "প্রতিবন্ধীদের কর্মশালায় উৎসব, আর্সেনিকমুক্ত পানি; চাঁদপুর ইউনিয়নঃ"
    assert tokenize(text) == [
        "প্রতিবন্ধীদের",
        "কর্মশালা\u09af\u09bc",
        "উৎসব",
        "আর্সেনিকমুক্ত",
        "পানি",
        "চাঁদপুর",
        "ইউনি\u09af\u09bcনঃ",
    ]


def test_tokenize_splits_on_danda_quotes_brackets_and_dashes():
    text = "সভা হয়েছে।পরিপত্র॥ “উত্তম চর্চা” (ইউপি) [২০২৪-২৫] ‘নারী’—শিশু"
    assert tokenize(text) == [
        "সভা",
        "হ\u09af\u09bcেছে",
        "পরিপত্র",
        "উত্তম",
        "চর্চা",
        "ইউপি",
        "2024",
        "25",
        "নারী",
        "শিশু",
    ]


def test_tokenize_mixed_digit_token_splits_into_numbers():
    assert tokenize("২০২৪-২৫") == ["2024", "25"]
    assert tokenize("২০২৪সালে") == ["2024", "সালে"]


def test_tokenize_latin_is_casefolded_without_diacritics_or_apostrophes():
    assert tokenize("Union's UDCC-Meeting, Café COVID19") == [
        "unions",
        "udcc",
        "meeting",
        "cafe",
        "covid19",
    ]


def test_tokenize_drops_orphan_marks_and_symbols():
    assert tokenize("১০ঃ৩০ ৳ ৷ ঁ !!! \x00") == ["10", "30"]


def test_tokenize_of_nothing_is_empty():
    assert tokenize("") == []
    assert tokenize(" ।,.;:!? ") == []


# --- stemming ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("কর্মশালার", "কর্মশালা"),
        ("কর্মশালায়", "কর্মশালা"),
        ("কর্মশালাগুলোতে", "কর্মশালা"),
        ("ইউনিয়নের", "ইউনিয়ন"),
        ("ইউনিয়নে", "ইউনিয়ন"),
        ("ইউনিয়নসমূহের", "ইউনিয়ন"),
        ("প্রতিবন্ধীদের", "প্রতিবন্ধী"),
        ("উপজেলাগুলোতে", "উপজেলা"),
        ("উপজেলাগুলির", "উপজেলা"),
        ("পরিপত্রটি", "পরিপত্র"),
        ("পরিপত্রটির", "পরিপত্র"),
        ("আর্সেনিকের", "আর্সেনিক"),
        ("নারীরা", "নারী"),
        ("নারীকে", "নারী"),
        ("শিক্ষকেরা", "শিক্ষক"),
        ("সদস্যগণ", "সদস্য"),
        ("জমিতে", "জমি"),
        ("রহিমকে", "রহিম"),
        ("পরিষদের", "পরিষদ"),
        ("আর্সেনিকে", "আর্সেনিক"),
        ("কমিটিগুলোতে", "কমিটি"),
        ("এর", "এর"),
        ("কর", "কর"),
    ],
)
def test_stem_bn(word, stem):
    assert stem_bn(word) == normalize(stem)


@pytest.mark.parametrize(
    "word",
    ["কর", "এর", "বার", "মাটি", "ধারা", "আয়", "পত্র", "যাত্রা", "ঘণ্টা", "বিষয়", "সময়", "সুন্দর"],
)
def test_stem_bn_leaves_short_words_conjuncts_and_natural_endings_alone(word):
    assert stem_bn(word) == normalize(word)


def test_stem_bn_does_not_cut_the_consonant_of_a_short_stem():
    # -তে/-কে would leave one letter; only the vowel sign -ে is removed.
    assert stem_bn("রাতে") == "রাত"
    assert stem_bn("সড়কে") == normalize("সড়ক")


@pytest.mark.parametrize(
    "forms",
    [
        ["কর্মশালা", "কর্মশালার", "কর্মশালায়", "কর্মশালাটি", "কর্মশালাগুলোতে", "কর্মশালাকে"],
        ["ইউনিয়ন", "ইউনিয়নের", "ইউনিয়নে", "ইউনিয়নকে", "ইউনিয়নগুলোর", "ইউনিয়নসমূহের"],
        ["কমিটি", "কমিটির", "কমিটিতে", "কমিটিগুলো", "কমিটিগুলোতে", "কমিটিকে"],
        ["সরকার", "সরকারের", "সরকারকে", "সরকারগুলোর"],
        ["পরিষদ", "পরিষদের", "পরিষদকে", "পরিষদে", "পরিষদগুলো"],
        ["আর্সেনিক", "আর্সেনিকের", "আর্সেনিকে"],
        ["নারী", "নারীর", "নারীরা", "নারীদের", "নারীকে"],
        ["ঘণ্টা", "ঘণ্টার"],
    ],
)
def test_inflected_forms_of_one_word_share_a_stem(forms):
    assert len({stem_bn(form) for form in forms}) == 1


def test_stem_bn_drops_a_trailing_hasanta_and_ignores_non_bangla():
    assert stem_bn("শাহ্") == "শাহ"
    assert stem_bn("Union") == "union"
    assert stem_bn("") == ""


def test_kar_and_karmashala_stay_different_terms():
    assert analyze("কর") == ["কর"]
    assert analyze("কর্মশালা") == ["কর্মশালা"]
    assert not set(analyze("কর")) & set(analyze("কর্মশালার কর্মশালায়"))


def test_stem_en():
    assert stem_en("workshops") == "workshop"
    assert stem_en("Disabilities") == stem_en("disability") == "disabl"
    assert stem_en("arsenic") == "arsenic"


# --- stop words and analyze ---------------------------------------------------------------


def test_stop_word_sets_hold_function_words_only():
    assert isinstance(STOP_WORDS_BN, frozenset)
    assert isinstance(STOP_WORDS_EN, frozenset)
    for word in ["ও", "এবং", "বা", "এ", "এই", "করে", "হয়", "থেকে", "জন্য", "সঙ্গে", "না", "যে", "এক"]:
        assert normalize(word) in STOP_WORDS_BN
    for word in ["the", "a", "an", "of", "and", "or", "in", "on", "to", "for"]:
        assert word in STOP_WORDS_EN
    for domain_word in ["ইউনিয়ন", "পরিষদ", "নারী", "পানি", "উপজেলা", "কর"]:
        assert normalize(domain_word) not in STOP_WORDS_BN
    assert "it" not in STOP_WORDS_EN


def test_analyze_normalises_drops_stop_words_and_stems():
    text = "ইউনিয়নের নারীরা ও প্রতিবন্ধীদের জন্য কর্মশালা হয়, 2024-25 The Workshops of UDCC"
    assert analyze(text) == [
        "ইউনিয়ন",
        "নারী",
        "প্রতিবন্ধী",
        "কর্মশালা",
        "2024",
        "25",
        "workshop",
        "udcc",
    ]


def test_analyze_keeps_digit_tokens_unchanged():
    assert analyze("পরিপত্র নং ০৫.৪৬.০০০০") == ["পরিপত্র", "নং", "05", "46", "0000"]


def test_analyzed_text_is_the_space_joined_analysis():
    text = "উপজেলাগুলোতে আর্সেনিকের Workshops।"
    assert analyzed_text(text) == " ".join(analyze(text)) == "উপজেলা আর্সেনিক workshop"
    assert analyzed_text("") == ""


def test_document_and_query_spelled_differently_meet_after_analysis():
    document = "ইউনি\u09dfনের কর্মশালা\u09df আর্সেনিক"
    query = f"ইউনি\u09af{NUKTA}ন কর্ম{ZWNJ}শালা আর্সেনিকের"
    assert set(analyze(query)) <= set(analyze(document))


# --- analyze_query --------------------------------------------------------------------------


def test_analyze_query_without_glossary_gives_one_term_per_position():
    assert analyze_query("ইউনিয়নের কর্মশালা ও সভা") == [["ইউনিয়ন"], ["কর্মশালা"], ["সভা"]]
    assert analyze_query("") == []


def test_analyze_query_expands_inflected_words_through_the_glossary():
    assert analyze_query("আর্সেনিকের সমস্যা", GLOSSARY) == [["আর্সেনিক", "arsenic"], ["সমস্যা"]]
    assert analyze_query("Disabilities", GLOSSARY) == [["disabl", "প্রতিবন্ধী"]]
    assert analyze_query("প্রতিবন্ধীদের", GLOSSARY) == [["প্রতিবন্ধী", "disabl"]]


def test_analyze_query_matches_a_multi_word_phrase_as_one_position():
    positions = analyze_query("ইউনিয়ন উন্নয়ন সমন্বয় কমিটির সভা", GLOSSARY)
    phrase = analyzed_text("ইউনিয়ন উন্নয়ন সমন্বয় কমিটি")

    assert len(positions) == 2
    assert positions[0][0] == phrase
    assert set(positions[0]) == {phrase, "udcc", analyzed_text("ইউডিসিসি")}
    assert positions[1] == ["সভা"]


def test_analyze_query_offers_multi_word_alternatives_as_space_joined_strings():
    assert analyze_query("UDCC", GLOSSARY) == [
        ["udcc", analyzed_text("ইউডিসিসি"), analyzed_text("ইউনিয়ন উন্নয়ন সমন্বয় কমিটি")]
    ]


def test_analyze_query_prefers_the_longest_phrase():
    glossary = [["ইউনিয়ন", "union"], ["ইউনিয়ন পরিষদ", "UP", "ইউপি"]]
    assert analyze_query("ইউনিয়ন পরিষদের সভা", glossary) == [
        [analyzed_text("ইউনিয়ন পরিষদ"), "up", "ইউপি"],
        ["সভা"],
    ]
    assert analyze_query("ইউনিয়নের সভা", glossary) == [["ইউনিয়ন", "union"], ["সভা"]]


def test_analyze_query_accepts_a_prebuilt_glossary():
    prebuilt = build_glossary(GLOSSARY)
    query = "আর্সেনিক UDCC disability"
    assert analyze_query(query, prebuilt) == analyze_query(query, GLOSSARY)


def test_glossary_ignores_phrases_made_only_of_stop_words():
    assert build_glossary([["এবং", "and"], ["the", "arsenic"]]) == {("arsenic",): ("arsenic",)}


# --- name_key ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("মোঃ আব্দুর রহিম", "মো. আবদুর রহীম"),
        ("মোঃআব্দুর রহিম", "মোহাম্মদ আবদুর রহিম"),
        ("মোছাঃ রোকেয়া বেগম", "মোসাম্মৎ রোকেয়া বেগম"),
        ("শ্রীমতি পূর্ণিমা রাণী", "পুর্নিমা রানী"),
        ("জনাব শফিকুল ইসলাম", "সফিকুল ইসলাম"),
        ("আবু যায়েদ", "আবু জায়েদ"),
        ("মোঃ আব্দুর রহিম", "  মো:  আব্দুর   রহিম  "),
        ("Md. Abdur Rahim", "MD ABDUR RAHIM"),
        ("Mst. Rokeya Begum", "Mosammat Rokeya Begum"),
        ("Dr. A.K.M. Fazlul Haque", "a k m fazlul haque"),
    ],
)
def test_name_key_matches_spelling_variants_of_one_person(first, second):
    assert name_key(first) == name_key(second)


def test_name_key_is_space_joined_without_honorifics():
    assert name_key("মোঃ আব্দুর রহিম") == "আবদুর রহিম"
    assert name_key("Md. Abdur Rahim") == "abdur rahim"


def test_name_key_keeps_different_people_apart():
    assert name_key("মোঃ আব্দুর রহিম") != name_key("মোঃ আব্দুর রহমান")
    assert name_key("রোকেয়া বেগম") != name_key("রোকসানা বেগম")


def test_name_key_keeps_a_name_made_only_of_honorifics():
    assert name_key("মোহাম্মদ") != ""
    assert name_key("") == ""


# --- sanitize_query ----------------------------------------------------------------------------


def test_sanitize_query_strips_control_characters_and_normalises():
    assert sanitize_query("\x00ইউনিয়ন\u200d \x1b[31mসভা\ufeff  ২০২৪\n") == "ইউনিয়ন [31mসভা 2024"


def test_sanitize_query_truncates_preferably_at_a_space():
    assert sanitize_query("কর্মশালা " * 100, max_length=20) == "কর্মশালা কর্মশালা"
    assert sanitize_query("a" * 1000, max_length=10) == "a" * 10
    assert len(sanitize_query("ক" * 10_000)) == 256


def test_sanitize_query_never_raises_on_odd_input():
    assert sanitize_query(None) == ""
    assert sanitize_query(b"\xff\xfe UDCC") == "\ufffd\ufffd udcc"
    assert sanitize_query(12345) == "12345"
    assert sanitize_query("\ud800 lone surrogate") == "lone surrogate"
    assert sanitize_query("সভা", max_length=0) == ""
    assert sanitize_query("সভা", max_length=-5) == ""


@settings(deadline=None)
@given(st.text(), st.integers(min_value=0, max_value=300))
def test_sanitize_then_analyze_query_never_raises(text, max_length):
    clean = sanitize_query(text, max_length=max_length)
    assert len(clean) <= max_length
    positions = analyze_query(clean, GLOSSARY)
    assert all(isinstance(term, str) and term for alts in positions for term in alts)


@settings(deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *"ইউনিয়নউপজেলাকর্মশালারতেদেরগুলোটিসমূহ আর্সেনিক",
                *["UDCC", "arsenic", " ", "।", "\u200c", "\u09df", "২০", "কমিটি"],
            ]
        )
    ).map("".join)
)
def test_analyze_query_never_raises_on_bangla_like_text(text):
    analyze_query(sanitize_query(text), GLOSSARY)
