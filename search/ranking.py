"""Ranking signals the engines do not give the same way: words near each other, a query that
names a kind of document, and how much of a partial match's query a document covers.

Elasticsearch has phrase queries with slop for the first and computes the others in its query
(`search.backends.elasticsearch`); the database backends, SQLite FTS5 and PostgreSQL, score
words one by one, so the top of their results is re-scored here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

# Multipliers on a document's score.
PHRASE_IN_TITLE = 1.6
PHRASE_IN_BODY = 1.3
NEAR_IN_BODY = 1.15
NEAR_WINDOW = 8
NAMED_TYPE = 2.0
NAMED_BEST_PRACTICE = 1.3
# A partial match's share of the query outranks any difference in word scores.
COVERAGE_WEIGHT = 1000.0
RESCORED = 100


def proximity(first_terms: list[str], title_terms: str, body_terms: str) -> float:
    """How much a document gains for having the query's words together: the whole query as
    a phrase in the title or the body, or all its words within a few words of each other."""
    if len(first_terms) < 2:
        return 1.0
    phrase = " " + " ".join(first_terms) + " "
    if phrase in f" {title_terms} ":
        return PHRASE_IN_TITLE
    if phrase in f" {body_terms} ":
        return PHRASE_IN_BODY
    if _within(first_terms, body_terms.split(), NEAR_WINDOW):
        return NEAR_IN_BODY
    return 1.0


def _within(terms: list[str], words: list[str], window: int) -> bool:
    wanted = set(terms)
    last_seen: dict[str, int] = {}
    for index, word in enumerate(words):
        if word in wanted:
            last_seen[word] = index
            if len(last_seen) == len(wanted) and index - min(last_seen.values()) < window:
                return True
    return False


def position_weights(positions: list[list[str]], frequency: Mapping[str, int], total: int):
    """Each position's share of the query for a partial match: rare words weigh more (the
    inverse document frequency of the position's most common alternative), and the shares of
    all positions add up to one."""
    weights = []
    for alternatives in positions:
        documents = max((_frequency(alt, frequency) for alt in alternatives), default=0)
        weights.append(math.log(1 + (total + 1) / (documents + 1)))
    whole = sum(weights) or 1.0
    return [weight / whole for weight in weights]


def _frequency(alternative: str, frequency: Mapping[str, int]) -> int:
    return min((frequency.get(term, 0) for term in alternative.split()), default=0)


def type_boost(doc_type: str, best_practice, types: Iterable[str], named_best: bool) -> float:
    """The multiplier for a document of a kind the query names (a subject + "পরিপত্র" → the
    circular first)."""
    boost = NAMED_TYPE if doc_type in types else 1.0
    if named_best and best_practice in (True, "true"):
        boost *= NAMED_BEST_PRACTICE
    return boost
