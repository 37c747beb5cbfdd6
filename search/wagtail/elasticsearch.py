"""Wagtail's Elasticsearch 8 backend, reading Bangla.

Wagtail's backend lets the cluster analyse text (its standard analyzer and edge n-grams), which
knows neither Bangla stems nor NILG's glossary. This subclass stores the analysed terms
(`matching.index_text`, `matching.autocomplete_text`) in fields read by the `whitespace`
analyzer, which every cluster has, and turns a query into `matching.elasticsearch`: the same
plan the database backends search for. Indices, mapping per model, filters, ordering and the
atomic rebuild are Wagtail's.
"""

from __future__ import annotations

import logging
from contextlib import suppress

from elastic_transport import TransportError
from elasticsearch import ApiError, BadRequestError, NotFoundError
from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8Index,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
    Elasticsearch8SearchResults,
)
from modelsearch.index import AutocompleteField, SearchField, get_indexed_models
from modelsearch.query import Phrase, PlainText

from . import matching
from .base import BanglaBackendMixin, BanglaCompilerMixin

logger = logging.getLogger(__name__)

ANALYZER = {"analyzer": "whitespace", "search_analyzer": "whitespace"}
# Where an autocomplete field's words, stems and loose spellings are gathered.
AUTOCOMPLETE_FIELD = "_edgengrams"


class BanglaMapping(Elasticsearch8Mapping):
    """Wagtail's mapping, with analysed text in whitespace-analysed fields."""

    edgengram_analyzer_config = ANALYZER

    def get_field_mapping(self, field):
        name, mapping = super().get_field_mapping(field)
        if mapping.get("type") == "text":
            mapping.update(ANALYZER)
        return name, mapping

    def get_mapping(self):
        mapping = super().get_mapping()
        for properties in mapping["properties"].values():
            if properties.get("type") == "text":
                properties.update(ANALYZER)
        return mapping

    def _get_document_field_data(self, field, obj):
        name, value, edgengrams = super()._get_document_field_data(field, obj)
        if isinstance(field, AutocompleteField):
            text = matching.autocomplete_text(value)
            return name, text, [text]
        if isinstance(field, SearchField):
            return name, matching.index_text(value), []
        return name, value, edgengrams


class BanglaIndex(Elasticsearch8Index):
    """Wagtail's index, made with its mapping on the first save if `update_index` has not made
    it yet, and refreshed after each save so the next search finds what an editor saved."""

    def ensure(self):
        if self.es.indices.exists(index=self.name):
            return
        try:
            self.put()
        except BadRequestError:
            return  # another process made it a moment ago
        for model in get_indexed_models():
            if self.backend.get_index_for_model(model).name == self.name:
                self.add_model(model)

    def add_item(self, item):
        self.ensure()
        super().add_item(item)
        self.refresh()

    def add_items(self, model, items):
        self.ensure()
        super().add_items(model, items)

    def delete_item(self, item):
        super().delete_item(item)
        self.refresh()

    def refresh(self):
        # An index not made yet holds nothing to refresh.
        with suppress(NotFoundError):
            super().refresh()


class BanglaElasticsearchQueryCompiler(BanglaCompilerMixin, Elasticsearch8SearchQueryCompiler):
    mapping_class = BanglaMapping

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.remapped_fields = self._remap_fields(None)

    def get_inner_query(self):
        if isinstance(self.query, PlainText | Phrase):
            fields = [field.field_name_with_boost for field in self.remapped_fields]
            return matching.elasticsearch(self.plan_for(self.query), fields, AUTOCOMPLETE_FIELD)
        return super().get_inner_query()

    def _compile_query(self, query, field, boost=1.0):
        # The words inside And, Or, Not and Boost are read as a whole query's are.
        if isinstance(query, PlainText | Phrase):
            fields = [field.field_name_with_boost]
            found = matching.elasticsearch(self.plan_for(query), fields, AUTOCOMPLETE_FIELD)
            return found if boost == 1.0 else {"bool": {"must": [found], "boost": boost}}
        return super()._compile_query(query, field, boost)


class BanglaElasticsearchAutocompleteQueryCompiler(BanglaElasticsearchQueryCompiler):
    AUTOCOMPLETE = True


class BanglaElasticsearchResults(Elasticsearch8SearchResults):
    """Results that are empty, not an error page, while the cluster does not answer (saves
    carry on too: Wagtail logs an index write the cluster missed; `update_index` catches up)."""

    def _do_search(self):
        try:
            # Wagtail's is a generator: the cluster is asked while it is read.
            return list(super()._do_search())
        except (TransportError, ApiError) as exc:
            _unavailable(exc)
            return []

    def _do_count(self):
        try:
            return super()._do_count()
        except (TransportError, ApiError) as exc:
            _unavailable(exc)
            return 0

    def facet(self, field_name):
        try:
            return super().facet(field_name)
        except (TransportError, ApiError) as exc:
            _unavailable(exc)
            return {}


def _unavailable(exc):
    if isinstance(exc, NotFoundError):
        return  # no index yet: nothing saved or `update_index` not run, so nothing to find
    if isinstance(exc, ApiError) and exc.meta.status < 500:
        raise exc
    logger.warning("Elasticsearch did not answer the admin's search: %s", exc)


class BanglaElasticsearchBackend(BanglaBackendMixin, Elasticsearch8SearchBackend):
    mapping_class = BanglaMapping
    query_compiler_class = BanglaElasticsearchQueryCompiler
    autocomplete_query_compiler_class = BanglaElasticsearchAutocompleteQueryCompiler
    results_class = BanglaElasticsearchResults
    index_class = BanglaIndex
    # Wagtail's n-gram analyzers need the analysis-common module, which not every cluster has;
    # the analysed text needs only the whitespace analyzer of every cluster's core.
    settings = {"settings": {"index": {"number_of_shards": 1}}}
