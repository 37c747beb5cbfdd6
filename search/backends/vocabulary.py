"""The words the database index holds, for typo tolerance on every backend.

The vocabulary (every indexed term with the number of documents that have it) is kept by the
database at index time: SQLite's FTS5 vocabulary table (created by the 0002 migration) and
PostgreSQL's `ts_stat()` over the stored vectors. It is read once per state of the index and
kept in memory; `bangla.typos` picks the candidates for a term no document has. Elasticsearch
holds the same documents as the database index, so its queries are corrected from the same
vocabulary.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import connection

from bangla import candidates, edit_distance, normalize, word_spans

from ..models import SearchEntry
from ..parsing import ParsedQuery, is_key_term

TABLE = SearchEntry._meta.db_table
FTS_VOCAB_TABLE = "portal_search_fts_vocab"

# SQL yielding (id, score) of the entries that match a parsed query, or None (the backend's).
Match = Callable[[ParsedQuery], "tuple[str, list] | None"]

_vocabulary: dict = {"stamp": None, "frequency": {}, "checked": 0.0}
_vocabulary_lock = threading.Lock()


def frequencies() -> dict[str, int]:
    """Every indexed term with the number of documents that have it.

    Reading it takes a pass over the index (PostgreSQL: every stored vector, 600 ms at 20,000
    documents), so it is read once per state of the index, which the rows' count, newest
    change and (on PostgreSQL) a sum over their content hashes name; the state itself is
    looked at no more than every `SEARCH_VOCABULARY_SECONDS` (a word indexed a moment ago may
    wait that long to be offered as a correction)."""
    now = time.monotonic()
    recent = now - _vocabulary["checked"] < settings.SEARCH_VOCABULARY_SECONDS
    same = (_vocabulary["stamp"] or ())[:2] == (connection.vendor, connection.settings_dict["NAME"])
    if recent and same:
        return _vocabulary["frequency"]
    _vocabulary["checked"] = now
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT count(*), coalesce(sum(hashtext(content_hash)::bigint), 0) FROM {TABLE}"
            )
        else:
            cursor.execute(f"SELECT count(*), max(indexed_at), max(id) FROM {TABLE}")
        stamp = (connection.vendor, connection.settings_dict["NAME"], *cursor.fetchone())
        if _vocabulary["stamp"] == stamp:
            return _vocabulary["frequency"]
        with _vocabulary_lock:
            if _vocabulary["stamp"] != stamp:
                if connection.vendor == "postgresql":
                    cursor.execute(
                        f"SELECT word, ndoc FROM ts_stat($q$SELECT search_vector FROM {TABLE}$q$)"
                    )
                elif connection.vendor == "sqlite":
                    cursor.execute(f"SELECT term, doc FROM {FTS_VOCAB_TABLE}")
                else:
                    _vocabulary.update(stamp=stamp, frequency={})
                    return _vocabulary["frequency"]
                _vocabulary.update(stamp=stamp, frequency=dict(cursor.fetchall()))
            return _vocabulary["frequency"]


def recheck(**_kwargs) -> None:
    """Look at the state of the index at the next query, not up to `SEARCH_VOCABULARY_SECONDS`
    later: this process has just written to it (`search.events.documents_changed`)."""
    _vocabulary["checked"] = 0.0


def corrections(parsed: ParsedQuery) -> dict[str, str]:
    """For each position none of whose terms any document has, the indexed term the typed
    word was most likely meant to be (``{typed term: indexed term}``; `bangla.typos`)."""
    vocabulary = frequencies()
    found = {}
    for alternatives in parsed.positions:
        words = [alt for alt in alternatives if not is_key_term(alt)]
        if not words or " " in words[0] or any(_known(alt, vocabulary) for alt in words):
            continue
        term = words[0]
        best = candidates(term, vocabulary, limit=1, typed=parsed.typed.get(term, term))
        if best:
            found[term] = best[0]
    return found


def unknown_terms(parsed: ParsedQuery) -> set[str]:
    """The single-word terms of a query that no document has."""
    vocabulary = frequencies()
    return {
        alt
        for alternatives in parsed.positions
        for alt in alternatives
        if " " not in alt and not is_key_term(alt) and not vocabulary.get(alt)
    }


def _known(alternative: str, vocabulary) -> bool:
    return all(vocabulary.get(term, 0) > 0 for term in alternative.split())


def did_you_mean(parsed: ParsedQuery, match: Match) -> dict[str, str]:
    """For query terms no document has, a word that documents have and is spelt nearly so.

    Returns ``{typed term: word to suggest}``; the word is as written in a document, not its
    analysed form. `match` finds the documents that have a word.
    """
    found = {}
    for term, correction in (parsed.corrected or corrections(parsed)).items():
        word = surface_word(correction, parsed.typed.get(term, term), match)
        if word:
            found[term] = word
    return found


def surface_word(term, typed, match: Match):
    """The word, as written in documents, whose analysed form is `term`, nearest `typed`."""
    found_sql = match(ParsedQuery(text=term, positions=[[term]]))
    if found_sql is None:
        return None
    sql, params = found_sql
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH m AS ({sql}) SELECT e.title_bn, e.title_en, e.text_bn, e.text_en "
            f"FROM m JOIN {TABLE} e ON e.id = m.id LIMIT 3",
            params,
        )
        rows = cursor.fetchall()
    words = {
        text[start:end]
        for row in rows
        for text in row
        for start, end, found in word_spans(text or "")
        if found == term
    }
    return min(
        words,
        key=lambda word: (edit_distance(normalize(word), typed, limit=8), word),
        default=None,
    )
