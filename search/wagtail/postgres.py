"""Wagtail's PostgreSQL full-text search backend, reading Bangla.

Wagtail's own backend hands the typed words to PostgreSQL as they are, which does not know that
আর্সেনিকের is আর্সেনিক. This subclass keeps Wagtail's tables, signals, rebuilders, filters,
ordering and scoring, and changes what an entry holds (`matching.entry_texts`: analysed terms,
under the 'simple' configuration, which only lowercases) and how a query becomes a tsquery
(`matching.plan`, rendered by `matching.tsquery`). A search looks in an entry's title, body and
autocomplete text alike, a phrase in the title and body (weights A and B; a `fields=`
restriction narrows nothing).
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery
from django.db.models import F

from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from . import matching
from .base import BanglaBackendMixin, BanglaCompilerMixin, IndexEntry, entry_texts_of

# Analysed terms must stay as they are: PostgreSQL's 'simple' configuration only lowercases.
PG_CONFIG = "simple"


class BanglaPostgresIndex(PostgresIndex):
    """Wagtail's PostgreSQL index, holding the vectors of analysed terms."""

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        texts = entry_texts_of(objs)
        if not texts:
            return
        content_type = get_content_type_pk(model)
        rows, params = [], []
        vector = f"to_tsvector('{PG_CONFIG}', %s)"
        for object_id, (title, body, autocomplete) in texts.items():
            rows.append(
                f"(%s, %s, setweight({vector}, 'A'), {vector}, setweight({vector}, 'B'), "
                "1.0, %s, %s)"
            )
            params += [content_type, object_id, title, autocomplete, body, title, body]
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {IndexEntry._meta.db_table} (content_type_id, object_id, title, "
                "autocomplete, body, title_norm, title_text, body_text) "
                f"VALUES {', '.join(rows)} "
                "ON CONFLICT (content_type_id, object_id) DO UPDATE SET "
                "title = EXCLUDED.title, title_norm = 1.0, autocomplete = EXCLUDED.autocomplete, "
                "body = EXCLUDED.body, title_text = EXCLUDED.title_text, "
                "body_text = EXCLUDED.body_text",
                params,
            )
        self._refresh_title_norms()


class BanglaPostgresSearchQueryCompiler(BanglaCompilerMixin, PostgresSearchQueryCompiler):
    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, PlainText | Phrase):
            text = matching.tsquery(self.plan_for(query))
            found = SearchQuery(text, search_type="raw", config=PG_CONFIG)
            return ~found if invert else found
        return super().build_tsquery_content(query, config=config, invert=invert)

    def get_index_vectors(self, search_query):
        return [
            (F("index_entries__title"), F("index_entries__title_norm")),
            (F("index_entries__body"), 1.0),
            (F("index_entries__autocomplete"), 1.0),
        ]


class BanglaPostgresAutocompleteQueryCompiler(
    BanglaPostgresSearchQueryCompiler, PostgresAutocompleteQueryCompiler
):
    AUTOCOMPLETE = True


class BanglaPostgresSearchBackend(BanglaBackendMixin, PostgresSearchBackend):
    query_compiler_class = BanglaPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = BanglaPostgresAutocompleteQueryCompiler
    index_class = BanglaPostgresIndex

    def __init__(self, params):
        super().__init__({**params, "SEARCH_CONFIG": PG_CONFIG})
        self.autocomplete_config = PG_CONFIG
