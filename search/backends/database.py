"""The embedded search backend: the `SearchEntry` table and the database's own full text.

SQLite: an FTS5 table over the analysed terms (created by a migration, kept in step by
triggers), tokenised with the Bengali combining marks as token characters so Bangla words stay
whole; ranked with bm25(). PostgreSQL: full text over the same analysed terms with the
'simple' configuration (a GIN expression index) and ts_rank_cd(). Typo candidates come from
the words the index holds (`search.backends.vocabulary`), the same for every backend. Facet
counts come from GROUP BY over the matching rows, with every facet counted under all filters
but its own.
"""

from __future__ import annotations

import contextlib
import importlib
import itertools
from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from .. import ranking
from ..documents import DOCUMENT_FIELDS
from ..models import SearchEntry
from ..parsing import ParsedQuery
from ..results import FACETS
from . import BackendResults, vocabulary

TABLE = SearchEntry._meta.db_table
FTS_TABLE = "portal_search_fts"


# The migration whose SQL made the full-text structures now in use.
FULL_TEXT_MIGRATION = "search.migrations.0007_about_terms"
# A generated column that only PostgreSQL has (see that migration).
PG_VECTOR = "e.search_vector"
# How much a match weighs in each field: title, then what the document is (its kind, dates and
# places), then body. FTS5 takes them per column; PostgreSQL per tsvector weight, listed D, C,
# B, A (body is C, about B, title A).
FTS_WEIGHTS = "4.0, 2.0, 1.0"
PG_WEIGHTS = "'{0.1, 0.4, 0.7, 1.0}'::float4[]"
FTS_RANK = f"-bm25({FTS_TABLE}, {FTS_WEIGHTS})"
PG_RANK = f"ts_rank_cd({PG_WEIGHTS}, {PG_VECTOR}, to_tsquery('simple', %s), 1)"
PG_RANDOM_PAGE_COST = "1.1"
CHAR_FACETS = {"type", "theme", "division", "district", "circular_status"}
DISPLAY_FIELDS = (
    "key",
    "type",
    "url_bn",
    "url_en",
    "title_bn",
    "title_en",
    "text_bn",
    "text_en",
    *FACETS[1:],
    "date",
    "replication_count",
    "budget_total",
)
BATCH = 500


def _fields(document):
    return {name: document[name] for name in DOCUMENT_FIELDS if name != "key"}


class DatabaseBackend:
    """Search over `SearchEntry` with the database's full-text engine."""

    name = "database"

    # --- writing ---------------------------------------------------------------------

    def upsert(self, documents: Iterable[dict]) -> int:
        """Store documents, touching only rows whose content changed; returns how many."""
        documents = {document["key"]: document for document in documents}
        if not documents:
            return 0
        existing = dict(
            SearchEntry.objects.filter(key__in=documents).values_list("key", "content_hash")
        )
        changed = 0
        with transaction.atomic():
            for key, document in documents.items():
                if key not in existing:
                    SearchEntry.objects.create(key=key, **_fields(document))
                elif existing[key] != document["content_hash"]:
                    SearchEntry.objects.filter(key=key).update(**_fields(document))
                else:
                    continue
                changed += 1
        return changed

    def delete(self, keys: Iterable[str]) -> int:
        """Remove the documents `keys`; returns how many there were."""
        return SearchEntry.objects.filter(key__in=list(keys)).delete()[0]

    def replace_all(self, documents: Iterable[dict], progress=None) -> int:
        """Replace the whole index in one transaction, so readers never see it half-built."""
        count = 0
        with transaction.atomic(), _fts_triggers_suspended():
            with connection.cursor() as cursor:
                # A plain DELETE: the ORM would first read every row to collect it.
                cursor.execute(f"DELETE FROM {TABLE}")
            if connection.vendor == "postgresql":
                return _copy_in(documents, progress)
            batch = []
            for document in documents:
                batch.append(SearchEntry(key=document["key"], **_fields(document)))
                if len(batch) >= BATCH:
                    SearchEntry.objects.bulk_create(batch)
                    count += len(batch)
                    batch = []
                    if progress:
                        progress(count)
            SearchEntry.objects.bulk_create(batch)
            count += len(batch)
            if progress:
                progress(count)
        return count

    def hashes(self) -> dict[str, str]:
        """Every stored key with its content hash."""
        return dict(SearchEntry.objects.values_list("key", "content_hash"))

    # --- searching -------------------------------------------------------------------

    def search(
        self, parsed: ParsedQuery, filters, sort, offset, limit, mode="all"
    ) -> BackendResults:
        """Answer a parsed query: keys of one page in order, total, facet counts, documents.

        `mode` "all": documents with every position; "any": documents with at least one,
        ranked first by the share of the query they cover (rare words weigh more).
        """
        match = self._match(parsed, mode)
        if match is None:
            return BackendResults(keys=[], total=0, counts={}, documents={})
        if match is BROWSE:
            return self._browse(filters, sort, offset, limit)
        return self._run(match, parsed, filters, sort, offset, limit)

    def _match(self, parsed: ParsedQuery, mode="all"):
        """SQL yielding (id, score) of the matching entries, or None when nothing can match."""
        if parsed.is_browse:
            return BROWSE
        if not parsed.has_terms:
            return None
        if mode == "any" and len(parsed.positions) > 1:
            return self._any_match(parsed)
        if connection.vendor == "sqlite":
            expression = " AND ".join(_fts5_position(alts) for alts in parsed.positions)
            return (
                f"SELECT rowid AS id, {FTS_RANK} AS score FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH %s",
                [expression],
            )
        if connection.vendor == "postgresql":
            tsquery = " & ".join(_tsquery_position(alts) for alts in parsed.positions)
            return OneTable(PG_RANK, f"{PG_VECTOR} @@ to_tsquery('simple', %s)", [tsquery, tsquery])
        return self._plain_match(parsed)

    def _any_match(self, parsed: ParsedQuery):
        """Documents with any position, scored by the weighted share of positions they have
        (`search.ranking.position_weights`) and then by the engine's word scores."""
        weights = ranking.position_weights(
            parsed.positions, vocabulary.frequencies(), SearchEntry.objects.count()
        )
        parts, params = [], []
        for alternatives, weight in zip(parsed.positions, weights, strict=True):
            if connection.vendor == "sqlite":
                parts.append(
                    f"SELECT rowid AS id, {weight:.6f} AS w, {FTS_RANK} AS s "
                    f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
                )
                params.append(_fts5_position(alternatives))
            elif connection.vendor == "postgresql":
                tsquery = _tsquery_position(alternatives)
                parts.append(
                    f"SELECT e.id, {weight:.6f} AS w, "
                    f"{PG_RANK} AS s "
                    f"FROM {TABLE} e WHERE {PG_VECTOR} @@ to_tsquery('simple', %s)"
                )
                params += [tsquery, tsquery]
            else:
                return self._plain_match(parsed, any_position=True)
        return (
            f"SELECT id, SUM(w) * {ranking.COVERAGE_WEIGHT} + SUM(s) AS score "
            f"FROM ({' UNION ALL '.join(parts)}) AS p GROUP BY id",
            params,
        )

    def _plain_match(self, parsed, any_position=False):
        # Other databases: a whole-word scan of the same analysed text; slow but exact.
        conditions, params = [], []
        for alternatives in parsed.positions:
            ors = []
            for alt in alternatives:
                ors.append(
                    "(' ' || e.title_terms || ' ' || e.about_terms || ' ' || e.body_terms || ' ') "
                    "LIKE %s"
                )
                params.append(f"% {alt} %")
            conditions.append("(" + " OR ".join(ors) + ")")
        joined = (" OR " if any_position else " AND ").join(conditions)
        return f"SELECT e.id, 1.0 AS score FROM {TABLE} e WHERE {joined}", params

    def _run(self, match, parsed, filters, sort, offset, limit) -> BackendResults:
        """Count and order the matches in one pass over them.

        Counting in SQL would join the matches to the table once per facet; reading each
        match's facet values once (already as the strings facets use) and counting here is
        several times faster. Documents of a kind the query names rank higher, and the top of
        the ranking is re-scored for the query's words standing together (`search.ranking`).
        """
        match_sql, match_params = match
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                _plan_for_the_index(cursor)
            if isinstance(match, OneTable):
                # The matching rows themselves, read once (not joined back to the table by id);
                # rows the filters leave out are only counted, so they are not ranked.
                score, params = match.score, match_params
                if any(values for values in filters.values()):
                    kept_sql, kept_params = _filters_sql(filters)
                    score = f"CASE WHEN {kept_sql} THEN {score} ELSE 0 END"
                    params = [*kept_params, *match_params]
                sql = (
                    f"SELECT e.id, e.key, CAST(e.date AS TEXT), {score} * e.boost, "
                    f"{_FACET_VALUES} FROM {TABLE} e WHERE {match.where}"
                )
                match_params = params
            else:
                sql = (
                    f"WITH m AS ({match_sql}) SELECT e.id, e.key, CAST(e.date AS TEXT), "
                    f"m.score * e.boost, {_FACET_VALUES} {_FROM}"
                )
            cursor.execute(sql, match_params)
            rows = cursor.fetchall()
        first = 4  # the facet values follow id, key, date and score
        filtered = [
            (first + FACETS.index(facet), set(values))
            for facet, values in filters.items()
            if values and facet in FACETS
        ]
        kept, near = rows, {}
        if filtered:
            kept, near = [], {column: [] for column, _values in filtered}
            for row in rows:
                missed = [column for column, allowed in filtered if row[column] not in allowed]
                if not missed:
                    kept.append(row)
                elif len(missed) == 1:
                    near[missed[0]].append(row)
        counts = {}
        for offset_in_row, facet in enumerate(FACETS):
            column = first + offset_in_row
            counted = Counter(row[column] for row in kept)
            counted.update(row[column] for row in near.get(column, ()))
            counted.pop(None, None)
            counts[facet] = dict(counted)
        kept = self._rescored(kept, parsed) if sort != "date" else kept
        # Stable sorts, least significant first; a missing date sorts last either way.
        kept = sorted(kept, key=_row_id, reverse=True)
        for key in (_row_score, _row_date) if sort == "date" else (_row_date, _row_score):
            kept.sort(key=key, reverse=True)
        keys = [row[1] for row in kept[offset : offset + limit]]
        return BackendResults(
            keys=keys, total=len(kept), counts=counts, documents=self._documents(keys)
        )

    def _rescored(self, rows, parsed):
        """Rows with their scores multiplied by the type and proximity signals."""
        type_column = 4 + FACETS.index("type")
        best_column = 4 + FACETS.index("best_practice")
        if parsed.types or parsed.best_practice:
            rows = [
                (
                    *row[:3],
                    row[3]
                    * ranking.type_boost(
                        row[type_column], row[best_column], parsed.types, parsed.best_practice
                    ),
                    *row[4:],
                )
                for row in rows
            ]
        first = parsed.first_terms()
        if len(first) < 2 or len(rows) < 2:
            return rows
        top = sorted(rows, key=_row_score, reverse=True)[: ranking.RESCORED]
        terms = {
            row_id: (title, body)
            for row_id, title, body in SearchEntry.objects.filter(
                id__in=[row[0] for row in top]
            ).values_list("id", "title_terms", "body_terms")
        }
        rescored = []
        for row in rows:
            if row[0] in terms:
                row = (*row[:3], row[3] * ranking.proximity(first, *terms[row[0]]), *row[4:])
            rescored.append(row)
        return rescored

    def _browse(self, filters, sort, offset, limit) -> BackendResults:
        """Everything that matches the filters, newest first, counted in SQL (on the facet
        index, without reading the documents' rows)."""
        source = f"FROM {TABLE} e"
        where, where_params = _filters_sql(filters)
        parts = [f"SELECT 'total' AS facet, '' AS value, COUNT(*) AS n {source} WHERE {where}"]
        params = list(where_params)
        for facet in FACETS:
            facet_where, facet_params = _filters_sql(filters, exclude=facet)
            present = f"e.{facet} <> ''" if facet in CHAR_FACETS else f"e.{facet} IS NOT NULL"
            parts.append(
                f"SELECT '{facet}', CAST(e.{facet} AS TEXT), COUNT(*) {source} "
                f"WHERE {facet_where} AND {present} GROUP BY e.{facet}"
            )
            params += facet_params
        counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
        total = 0
        keys = []
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for facet, value, number in cursor.fetchall():
                if facet == "total":
                    total = number
                else:
                    counts[facet][_facet_value(facet, value)] = number
            if total and offset < total:
                order = "e.date DESC NULLS LAST, e.boost DESC, e.id DESC"
                cursor.execute(
                    f"SELECT e.key {source} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s",
                    [*where_params, limit, offset],
                )
                keys = [row[0] for row in cursor.fetchall()]
        return BackendResults(
            keys=keys, total=total, counts=counts, documents=self._documents(keys)
        )

    def _documents(self, keys):
        rows = SearchEntry.objects.filter(key__in=keys).values(*DISPLAY_FIELDS)
        return {row["key"]: row for row in rows}

    # --- suggestions -----------------------------------------------------------------

    def suggest(self, prefix: str, limit: int) -> list[dict]:
        """Documents whose title has a word starting with `prefix` (normalised)."""
        if not prefix:
            return []
        rows = (
            SearchEntry.objects.filter(suggest_text__contains=" " + prefix)
            .order_by("-boost", "-date", "pk")
            .values("key", "type", "title_bn", "title_en", "url_bn", "url_en")[:limit]
        )
        return list(rows)

    def did_you_mean(self, parsed: ParsedQuery) -> dict[str, str]:
        """For query terms no document has, a word that documents have and is spelt nearly so
        (``{typed term: word to suggest}``; see `search.backends.vocabulary`)."""
        return vocabulary.did_you_mean(parsed, self._match)

    def corrections(self, parsed: ParsedQuery) -> dict[str, str]:
        """For query terms no document has, the indexed term each was most likely meant to be
        (``{typed term: indexed term}``)."""
        return vocabulary.corrections(parsed)


_FROM = f"FROM m JOIN {TABLE} e ON e.id = m.id"
# The facets of a row as the strings filters and counts use, None where it has none.
_FACET_VALUES = ", ".join(
    "CASE WHEN e.best_practice THEN 'true' WHEN NOT e.best_practice THEN 'false' END"
    if facet == "best_practice"
    else "CAST(e.year AS TEXT)"
    if facet == "year"
    else f"NULLIF(e.{facet}, '')"
    for facet in FACETS
)
BROWSE = ("browse", [])


class OneTable(tuple):
    """A match (SQL, params) over the entries' table alone, `score` and `where` over its alias
    `e` (their parameters in that order): the rows can be read with their facets in the same
    pass instead of joined back to the table by id."""

    def __new__(cls, score: str, where: str, params: list):
        match = super().__new__(
            cls, (f"SELECT e.id, {score} AS score FROM {TABLE} e WHERE {where}", params)
        )
        match.score, match.where = score, where
        return match


def _copy_in(documents, progress=None) -> int:
    """PostgreSQL: write documents with COPY, the server's bulk path (several times faster than
    INSERTs of the same rows, most of it in not building SQL text); returns how many.

    A batch is read from `documents` before its COPY starts: making documents reads the
    database, which the connection cannot do while a COPY is open."""
    columns = [*DOCUMENT_FIELDS, "indexed_at"]
    statement = f"COPY {TABLE} ({', '.join(columns)}) FROM STDIN"
    now = timezone.now()
    documents = iter(documents)
    count = 0
    while batch := list(itertools.islice(documents, BATCH)):
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            for document in batch:
                copy.write_row([*(document[name] for name in DOCUMENT_FIELDS), now])
        count += len(batch)
        if progress:
            progress(count)
    if progress and not count:
        progress(0)
    return count


def _plan_for_the_index(cursor):
    """Let PostgreSQL's planner see index reads as cheap as they are on SSDs, for this
    transaction only.

    With the default `random_page_cost` (4, for spinning disks) it reads every row's stored
    vector to test a common word (a tenth of the documents) instead of asking the GIN index:
    20,000 documents, 190 ms instead of 30 ms. A word in a third of the documents (কর্মশালা,
    which every workshop carries) still tempts it into reading them all (213 ms against 94 ms
    through the index), so sequential scans are off for the search's transaction too."""
    cursor.execute(
        "SELECT set_config('random_page_cost', %s, true), "
        "set_config('enable_seqscan', 'off', true)",
        [PG_RANDOM_PAGE_COST],
    )


@contextlib.contextmanager
def _fts_triggers_suspended():
    """On SQLite, fill the full-text index once at the end instead of row by row.

    Feeding FTS5 row by row through the triggers costs as much again as writing the rows;
    its 'rebuild' command reads the whole table in one go. Inside the caller's transaction,
    so the triggers come back (or were never gone) whatever happens.
    """
    if connection.vendor != "sqlite":
        yield
        return
    full_text = importlib.import_module(FULL_TEXT_MIGRATION)
    triggers = [sql for sql in full_text.SQLITE_CREATE if sql.startswith("CREATE TRIGGER")]
    with connection.cursor() as cursor:
        for sql in full_text.SQLITE_DROP:
            if sql.startswith("DROP TRIGGER"):
                cursor.execute(sql)
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
        for sql in triggers:
            cursor.execute(sql)


def _row_id(row):
    return row[0]


def _row_date(row):
    return row[2] or ""


def _row_score(row):
    return row[3]


def _filters_sql(filters, exclude=None):
    clauses, params = ["1 = 1"], []
    for facet, values in filters.items():
        if facet == exclude or facet not in FACETS or not values:
            continue
        converted = [_column_value(facet, value) for value in values]
        clauses.append(f"e.{facet} IN ({', '.join(['%s'] * len(converted))})")
        params += converted
    return " AND ".join(clauses), params


def _column_value(facet, value):
    if facet == "best_practice":
        return value == "true"
    if facet == "year":
        return int(value)
    return value


def _facet_value(facet, value):
    if value is None or value == "":
        return None
    if facet == "best_practice":
        return "true" if str(value).lower() in ("1", "true", "t") else "false"
    return str(value)


def _fts5_position(alternatives):
    return "(" + " OR ".join(_fts5_string(alt) for alt in alternatives) + ")"


def _tsquery_position(alternatives):
    return "(" + " | ".join(_tsquery_phrase(alt) for alt in alternatives) + ")"


def _fts5_string(alternative):
    # Terms are Bangla letters and marks or ASCII letters and digits; quoting makes FTS5 read
    # every one as a plain token (several tokens in one string are a phrase).
    return '"' + alternative.replace('"', '""') + '"'


def _tsquery_phrase(alternative):
    terms = ["'" + term.replace("\\", "").replace("'", "''") + "'" for term in alternative.split()]
    return "(" + " <-> ".join(terms) + ")"
