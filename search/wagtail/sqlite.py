"""Wagtail's SQLite FTS5 search backend, reading Bangla.

Wagtail's own backend stores each object's text as SQLite's tokenizer reads it, splitting Bangla
words at every vowel sign, and hands the typed words over as they are: it does not know that
আর্সেনিকের is আর্সেনিক. This subclass keeps Wagtail's tables, signals, rebuilders and filters,
and changes what an entry holds (`matching.entry_texts`: analysed terms) and how a query becomes
an FTS5 query (`matching.plan`, rendered by `matching.fts5`); the full-text table keeps Bangla
words whole (the 0005 migration).

The admin index is one entry per object with a title, a body and an autocomplete text; a search
looks in all three, a phrase in the title and body (a `fields=` restriction narrows nothing: the
words are not stored by field).
"""

from __future__ import annotations

from django.db import connections
from django.db.models import Expression, ExpressionWrapper, FloatField, IntegerField
from django.db.models.expressions import F, RawSQL

from modelsearch.backends.database.sqlite.query import SearchQueryExpression
from modelsearch.backends.database.sqlite.sqlite import (
    SQLiteAutocompleteQueryCompiler,
    SQLiteIndex,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
)
from modelsearch.query import Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from . import matching
from .base import BanglaBackendMixin, BanglaCompilerMixin, IndexEntry, entry_texts_of

# Matches no entry: every word of the index comes from the analysis, which never starts a Latin
# word with a digit followed by letters like this.
FTS5_NOTHING = '"0nothing0"'
ENTRY_TABLE = IndexEntry._meta.db_table
FTS_TABLE = f"{ENTRY_TABLE}_fts"
# The columns of Wagtail's full-text table are autocomplete, body, title: a title counts most.
BM25_WEIGHTS = "2.0, 1.0, 4.0"


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
        texts = entry_texts_of(objs)
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
    """Wagtail's SQLite compiler, with a query the full-text index answers first.

    Wagtail's own query joins the full-text table to the entries by content type, which
    SQLite reads the other way round: one full-text search per entry of the model, 0.4 s over
    the 5,151 areas. Here the full-text table drives (CROSS JOIN keeps SQLite to that order),
    and relevance orders the best `RANKED` matches (a chooser shows ten), the rest by newest.
    """

    FTS_TABLE_FIELDS = ["title", "body", "autocomplete"]
    RANKED = 200

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

    def search(self, config, start, stop, score_field=None):
        if not isinstance(self.query, PlainText | Phrase):
            return super().search(config, start, stop, score_field=score_field)
        plan = self.plan_for(self.query)
        if plan.is_empty:
            return self.queryset.none()
        content_types = list(get_descendants_content_types_pks(self.queryset.model))
        matches = (
            f"FROM {FTS_TABLE} CROSS JOIN {ENTRY_TABLE} e ON e.id = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH %s AND e.content_type_id IN "
            f"({', '.join(['%s'] * len(content_types))})"
        )
        params = [matching.fts5(plan), *content_types]
        queryset = self.queryset.filter(pk__in=RawSQL(f"SELECT e.object_id {matches}", params))
        if not self.order_by_relevance and score_field is None:
            if not queryset.query.order_by:
                queryset = queryset.order_by("-pk")
            return queryset[start:stop]
        with connections[queryset.db].cursor() as cursor:
            cursor.execute(
                f"SELECT e.object_id, bm25({FTS_TABLE}, {BM25_WEIGHTS}) AS rank {matches} "
                "ORDER BY rank LIMIT %s",
                [*params, self.RANKED],
            )
            best = cursor.fetchall()
        # CASE over the primary key column, in SQL: as many ORM When()s cost more than the search.
        meta = self.queryset.model._meta
        pk_column = f'"{meta.db_table}"."{meta.pk.column}"'
        to_pk = meta.pk.to_python
        pks = [to_pk(pk) for pk, _rank in best]

        def case(values, default):
            if not pks:
                return RawSQL("%s", [default])
            whens = " ".join(["WHEN %s THEN %s"] * len(pks))
            return RawSQL(
                f"CASE {pk_column} {whens} ELSE %s END",
                [*(item for pair in zip(pks, values, strict=True) for item in pair), default],
            )

        if score_field is not None:
            scores = [-rank for _pk, rank in best]
            queryset = queryset.annotate(
                **{score_field: ExpressionWrapper(case(scores, 0.0), output_field=FloatField())}
            )
        if self.order_by_relevance:
            queryset = queryset.annotate(
                _relevance=ExpressionWrapper(
                    case(list(range(len(pks))), len(pks)), output_field=IntegerField()
                )
            ).order_by("_relevance", "-pk")
        elif not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        return queryset[start:stop]


class BanglaSQLiteAutocompleteQueryCompiler(
    BanglaSQLiteSearchQueryCompiler, SQLiteAutocompleteQueryCompiler
):
    AUTOCOMPLETE = True


class BanglaSQLiteSearchBackend(BanglaBackendMixin, SQLiteSearchBackend):
    query_compiler_class = BanglaSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = BanglaSQLiteAutocompleteQueryCompiler
    index_class = BanglaSQLiteIndex
