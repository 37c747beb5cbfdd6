"""What a search answers with, whichever backend found it."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.safestring import SafeString

FACETS = ("type", "theme", "division", "district", "circular_status", "best_practice", "year")
"""The facets every document has (possibly empty), in the order the search page shows them."""


@dataclass
class Hit:
    """One document found: what a result line shows, in the language asked for."""

    key: str
    type: str
    type_label: str
    title: str
    url: str
    title_html: SafeString
    snippet: SafeString
    date: datetime.date | None
    facets: dict[str, object]
    replication_count: int = 0
    budget_total: Decimal = Decimal(0)

    def as_json(self):
        """This object as JSON-ready data."""
        return {
            "key": self.key,
            "type": self.type,
            "type_label": str(self.type_label),
            "title": self.title,
            "url": self.url,
            "title_html": str(self.title_html),
            "snippet": str(self.snippet),
            "date": self.date.isoformat() if self.date else None,
            "facets": self.facets,
            "replication_count": self.replication_count,
            "budget_total": str(self.budget_total),
        }


@dataclass
class FacetValue:
    """One value of a facet with the number of documents a click on it would show."""

    value: str
    label: str
    count: int
    selected: bool = False

    def as_json(self):
        """This object as JSON-ready data."""
        return {
            "value": self.value,
            "label": str(self.label),
            "count": self.count,
            "selected": self.selected,
        }


@dataclass
class SearchResults:
    """A page of results with facet counts, suggestions and did-you-mean.

    `degraded` is true when the configured Elasticsearch did not answer and the database
    backend did instead; `unavailable` when no backend could answer; `message` explains a
    query that could not be searched as typed (or that search is unavailable).
    """

    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = 20
    sort: str = "relevance"
    language: str = "bn"
    filters: dict[str, list[str]] = field(default_factory=dict)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestions: list[dict] = field(default_factory=list)
    did_you_mean: str | None = None
    # The words as typed when a correction of them was searched instead (`corrected_to`).
    corrected_from: str = ""
    corrected_to: str = ""
    # Whether documents with only some of the words were added (`complete_total` had all).
    partial: bool = False
    complete_total: int = 0
    approximate: bool = False
    degraded: bool = False
    backend: str = "database"
    message: str = ""
    unavailable: bool = False

    @property
    def pages(self):
        """How many pages the results fill."""
        return max(1, math.ceil(self.total / self.per_page)) if self.per_page else 1

    @property
    def has_next(self):
        """Whether a page follows this one."""
        return self.page < self.pages

    @property
    def has_previous(self):
        """Whether a page comes before this one."""
        return self.page > 1

    @property
    def first_index(self):
        """The position of the page's first hit among all results (1-based)."""
        return (self.page - 1) * self.per_page + 1 if self.hits else 0

    @property
    def last_index(self):
        """The position of the page's last hit among all results."""
        return (self.page - 1) * self.per_page + len(self.hits)

    def as_json(self):
        """This object as JSON-ready data."""
        return {
            "query": self.query,
            "total": self.total,
            "page": self.page,
            "pages": self.pages,
            "per_page": self.per_page,
            "sort": self.sort,
            "language": self.language,
            "filters": self.filters,
            "hits": [hit.as_json() for hit in self.hits],
            "facets": {
                name: [value.as_json() for value in values] for name, values in self.facets.items()
            },
            "suggestions": self.suggestions,
            "did_you_mean": self.did_you_mean,
            "corrected_from": self.corrected_from,
            "corrected_to": self.corrected_to,
            "partial": self.partial,
            "complete_total": self.complete_total,
            "approximate": self.approximate,
            "degraded": self.degraded,
            "backend": self.backend,
            "message": str(self.message),
        }
