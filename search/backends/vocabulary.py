"""Did-you-mean for the database backend: the words the index holds, and the nearest of them
to a query term that no document has.

SQLite reads the FTS5 vocabulary table (created by the 0002 migration); PostgreSQL reads every
indexed word with `ts_stat()` over the stored vectors, once per state of the index.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection

from bangla import edit_distance, normalize, word_spans

from ..models import SearchEntry
from ..parsing import ParsedQuery

TABLE = SearchEntry._meta.db_table
FTS_VOCAB_TABLE = "portal_search_fts_vocab"

# SQL yielding (id, score) of the entries that match a parsed query, or None (the backend's).
Match = Callable[[ParsedQuery], "tuple[str, list] | None"]


def did_you_mean(parsed: ParsedQuery, match: Match) -> dict[str, str]:
    """For query terms no document has, a word that documents have and is spelt nearly so.

    Returns ``{typed term: word to suggest}``; the word is as written in a document, not
    its analysed form. A misspelt ending can change what the stemmer leaves of a word
    (sanitatoin stays whole, sanitation becomes sanit), so a known term that begins the
    typed word counts as near too. `match` finds the documents that have a word.
    """
    corrections = {}
    # PostgreSQL's vocabulary, read (or found current) once for all the query's terms.
    vocabulary = _pg_vocabulary() if connection.vendor == "postgresql" else None
    for alternatives in parsed.positions:
        if len(alternatives) != 1 or " " in alternatives[0]:
            continue
        term = alternatives[0]
        typed = parsed.typed.get(term, term)
        if len(term) < 3 or term.isdigit() or _document_frequency(term, vocabulary):
            continue
        limit = 1 if len(term) < 6 else 2
        best = None
        for candidate, frequency in _vocabulary_near(term, len(typed), vocabulary):
            distance = edit_distance(term, candidate, limit=limit)
            if distance > limit and len(candidate) >= 4 and typed.startswith(candidate):
                distance = limit
            if distance <= limit:
                rank = (distance, -frequency, candidate)
                if best is None or rank < best[0]:
                    best = (rank, candidate)
        if best is not None:
            word = _surface_word(best[1], typed, match)
            if word:
                corrections[term] = word
    return corrections


def _document_frequency(term, vocabulary=None):
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT doc FROM {FTS_VOCAB_TABLE} WHERE term = %s", [term])
            row = cursor.fetchone()
        return row[0] if row else 0
    return (vocabulary or _pg_vocabulary())["frequency"].get(term, 0)


def _vocabulary_near(term, typed_length, vocabulary=None):
    """Known terms of about the term's length (or a stem the typed word starts with) that
    share the term's first or second letter."""
    shorter, longer = min(len(term) - 2, 4), max(len(term), typed_length) + 2
    if connection.vendor == "sqlite":
        sql = (
            f"SELECT term, doc FROM {FTS_VOCAB_TABLE} WHERE length(term) BETWEEN %s AND %s "
            "AND (substr(term, 1, 1) = %s OR substr(term, 2, 1) = %s) LIMIT 20000"
        )
        params = [shorter, longer, term[0], term[1]]
    elif connection.vendor == "postgresql":
        near, by_letter = {}, (vocabulary or _pg_vocabulary())["by_letter"]
        for place, letter in ((0, term[0]), (1, term[1])):
            for word, documents in by_letter.get((place, letter), ()):
                if shorter <= len(word) <= longer:
                    near[word] = documents
        return list(near.items())[:20000]
    else:
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _surface_word(term, typed, match: Match):
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


_vocabulary = {"stamp": None, "by_letter": {}, "frequency": {}}
_vocabulary_lock = threading.Lock()


def _pg_vocabulary():
    """PostgreSQL: every indexed word with the number of documents that have it, as
    {"frequency": {word: documents}, "by_letter": {(0 or 1, letter): [(word, documents)]}}
    (by the word's first and by its second letter).

    Reading it takes a pass over every stored vector (600 ms at 20,000 documents), so it is
    read once per state of the index, which a sum over the rows' content hashes names."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*), coalesce(sum(hashtext(content_hash)::bigint), 0) FROM {TABLE}"
        )
        stamp = (connection.settings_dict["NAME"], *cursor.fetchone())
        if _vocabulary["stamp"] == stamp:
            return _vocabulary
        with _vocabulary_lock:
            if _vocabulary["stamp"] != stamp:
                cursor.execute(
                    f"SELECT word, ndoc FROM ts_stat($q$SELECT search_vector FROM {TABLE}$q$)"
                )
                frequency = dict(cursor.fetchall())
                by_letter = {}
                for word, documents in frequency.items():
                    for place in (0, 1):
                        if len(word) > place:
                            by_letter.setdefault((place, word[place]), []).append((word, documents))
                _vocabulary.update(stamp=stamp, by_letter=by_letter, frequency=frequency)
            return _vocabulary
