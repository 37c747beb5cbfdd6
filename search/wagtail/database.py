"""Wagtail's database search backends (SQLite FTS5, PostgreSQL full text), reading Bangla.

Wagtail's own backends store each object's text as the database's tokenizer reads it and hand
the typed words to the database as they are: SQLite's tokenizer splits Bangla words at every
vowel sign, and neither knows that আর্সেনিকের is আর্সেনিক. These subclasses keep Wagtail's
tables, signals, rebuilders, filters, ordering and scoring, and change two things: what an entry
holds (`matching.entry_texts`: analysed terms) and how a query becomes the engine's query
(`matching.plan`, rendered by `matching.fts5` or `matching.tsquery`). On SQLite the full-text
table keeps Bangla words whole (the 0005 migration).

The admin index is one entry per object with a title, a body and an autocomplete text; a search
looks in all three (a `fields=` restriction narrows nothing: the words are not stored by field).
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery
from django.db.models import Expression, F
from django.utils.encoding import force_str

from modelsearch.backends.database.postgres.postgres import (
    PostgresAutocompleteQueryCompiler,
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from modelsearch.backends.database.sqlite.query import SearchQueryExpression
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.conf import get_app_config
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk

from . import matching
from .base import BanglaBackendMixin, BanglaCompilerMixin

IndexEntry = get_app_config().get_model("IndexEntry", require_ready=False)

# Matches no entry: every word of the index comes from the analysis, which never starts a Latin
# word with a digit followed by letters like this.
FTS5_NOTHING = '"0nothing0"'
# Analysed terms must stay as they are: PostgreSQL's 'simple' configuration only lowercases.
PG_CONFIG = "simple"


def _entry_texts(objs):
    return {force_str(obj.pk): matching.entry_texts(obj) for obj in objs}


# --- SQLite ----------------------------------------------------------------------------


class FTS5Query(Expression):
    """An FTS5 query string, passed to MATCH as one parameter."""

    def __init__(self, text):
        super().__init__()
        self.text = text

    def as_sql(self, compiler, connection):
        return "%s", [self.text]


class BanglaSQLiteIndex(SQLiteIndex):
    """Wagtail's SQLite index, holding analysed terms."""

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        texts = _entry_texts(objs)
        if not texts:
            return
        content_type = get_content_type_pk(model)
        entries = self.entries.filter(content_type_id=content_type)
        existing = set(entries.filter(object_id__in=texts).values_list("object_id", flat=True))
        for object_id in existing:
            title, body, autocomplete = texts[object_id]
            entries.filter(object_id=object_id).update(
                title=title, body=body, autocomplete=autocomplete
            )
        self.entries.bulk_create(
            IndexEntry(
                content_type_id=content_type,
                object_id=object_id,
                title=title,
                body=body,
                autocomplete=autocomplete,
            )
            for object_id, (title, body, autocomplete) in texts.items()
            if object_id not in existing
        )
        self._refresh_title_norms()


class BanglaSQLiteSearchQueryCompiler(BanglaCompilerMixin, SQLiteSearchQueryCompiler):
    FTS_TABLE_FIELDS = ["title", "body", "autocomplete"]

    def get_index_vectors(self):
        return [
            (F("index_entry__title"), F("index_entry__title_norm")),
            (F("index_entry__body"), 1.0),
            (F("index_entry__autocomplete"), 1.0),
        ]

    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText | Phrase):
            plan = self.plan_for(query)
            return SearchQueryExpression(
                FTS5Query(FTS5_NOTHING if plan.is_empty else matching.fts5(plan))
            )
        return super().build_search_query_content(query, config=config)


class BanglaSQLiteAutocompleteQueryCompiler(
    BanglaSQLiteSearchQueryCompiler, SQLiteAutocompleteQueryCompiler
):
    AUTOCOMPLETE = True


class BanglaSQLiteSearchBackend(BanglaBackendMixin, SQLiteSearchBackend):
    query_compiler_class = BanglaSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = BanglaSQLiteAutocompleteQueryCompiler
    index_class = BanglaSQLiteIndex


# --- PostgreSQL ------------------------------------------------------------------------


class BanglaPostgresIndex(PostgresIndex):
    """Wagtail's PostgreSQL index, holding the vectors of analysed terms."""

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        texts = _entry_texts(objs)
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
