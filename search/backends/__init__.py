"""Search backends: the embedded database backend and Elasticsearch, behind one contract.

A backend stores normalised documents (see `search.documents`) and answers a parsed query
(`search.query.ParsedQuery`) with keys in order, a total, facet counts and the documents'
display fields. Which one answers is the service's business (`search.service`).
"""

from dataclasses import dataclass, field


class BackendUnavailable(Exception):
    """The backend cannot be reached; the caller falls back or retries later."""


@dataclass
class BackendResults:
    keys: list[str]
    total: int
    counts: dict[str, dict[str, int]]
    documents: dict[str, dict]
    approximate: bool = False
    fuzzy_words: list[str] = field(default_factory=list)
