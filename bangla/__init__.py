"""Bangla-aware text analysis shared by places, search, imports and the registry.

The search backends (Elasticsearch with only core analysis, SQLite FTS5, PostgreSQL full
text) cannot analyse Bangla themselves, so everything they index or are asked for is first
passed through :func:`analyze` here and stored as plain space-separated terms.  Indexing and
querying must therefore use exactly the same functions, otherwise terms will not meet.

Modules: `text` (normalising), `terms` (tokens and the analysis pipeline), `stemming`,
`compounds`, `transliterate` (Latin spellings for addresses, phonetic keys of place names),
`glossary`, `query` (user input into positions of alternatives), `typos` (correction
candidates), `numbers` and `names` (registry name keys).

Pure Python on purpose: no Django import, so it can be used from migrations, management
commands and tests without settings.
"""

from .compounds import split_compound
from .glossary import PLACE_RENAMINGS, Glossary, build_glossary
from .names import name_key
from .numbers import format_lakh, parse_number
from .query import analyze_query, sanitize_query
from .stemming import american_spelling, stem_bn, stem_en
from .terms import STOP_WORDS_BN, STOP_WORDS_EN, analyze, analyzed_text, tokenize, word_spans
from .text import fold_digits, normalize, to_bangla_digits
from .transliterate import key_term, latin, phonetic_key, romanise
from .typos import candidates, edit_distance, swaps_morpheme

__all__ = [
    "PLACE_RENAMINGS",
    "STOP_WORDS_BN",
    "STOP_WORDS_EN",
    "Glossary",
    "american_spelling",
    "analyze",
    "analyze_query",
    "analyzed_text",
    "build_glossary",
    "candidates",
    "edit_distance",
    "fold_digits",
    "format_lakh",
    "key_term",
    "latin",
    "name_key",
    "normalize",
    "parse_number",
    "phonetic_key",
    "romanise",
    "sanitize_query",
    "split_compound",
    "stem_bn",
    "stem_en",
    "swaps_morpheme",
    "to_bangla_digits",
    "tokenize",
    "word_spans",
]
