"""Bangla-aware text analysis shared by places, search, imports and the registry.

The search backends (Elasticsearch with only core analysis, SQLite FTS5, PostgreSQL full
text) cannot analyse Bangla themselves, so everything they index or are asked for is first
passed through :func:`analyze` here and stored as plain space-separated terms.  Indexing and
querying must therefore use exactly the same functions, otherwise terms will not meet.

Pure Python on purpose: no Django import, so it can be used from migrations, management
commands and tests without settings.
"""

from .names import name_key
from .numbers import format_lakh, parse_number
from .query import Glossary, analyze_query, build_glossary, sanitize_query
from .terms import (
    STOP_WORDS_BN,
    STOP_WORDS_EN,
    analyze,
    analyzed_text,
    edit_distance,
    stem_bn,
    stem_en,
    tokenize,
    word_spans,
)
from .text import fold_digits, normalize, to_bangla_digits

__all__ = [
    "STOP_WORDS_BN",
    "STOP_WORDS_EN",
    "Glossary",
    "analyze",
    "analyze_query",
    "analyzed_text",
    "build_glossary",
    "edit_distance",
    "fold_digits",
    "format_lakh",
    "name_key",
    "normalize",
    "parse_number",
    "sanitize_query",
    "stem_bn",
    "stem_en",
    "to_bangla_digits",
    "tokenize",
    "word_spans",
]
