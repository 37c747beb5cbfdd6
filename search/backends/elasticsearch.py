"""The Elasticsearch backend, on elasticsearch-dsl documents.

The text arrives analysed (see `bangla`), so the mapping needs only what every
cluster's core has: the `whitespace` analyzer for the terms, keywords for facets and a
completion field for suggestions. Where the cluster also has the `bengali` analyzer (production
clusters with analysis-common; detected with an `_analyze` call), the Bangla text gets an extra
sub-field that can only add to a hit's score, never change which documents match.

Documents live in a timestamped index behind an alias; a rebuild fills a new index and swaps
the alias in one atomic call, so searches keep answering while it runs.
"""

from __future__ import annotations

import itertools
import logging
import re
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils import timezone

from elastic_transport import TransportError
from elasticsearch import ApiError, BadRequestError, Elasticsearch, NotFoundError
from elasticsearch.helpers import BulkIndexError, parallel_bulk, scan, streaming_bulk
from elasticsearch_dsl import (
    A,
    Boolean,
    Completion,
    Date,
    Document,
    Double,
    Float,
    Index,
    Integer,
    Keyword,
    Long,
    Mapping,
    Q,
    Search,
    Text,
)

from bangla.typos import is_morpheme as swappable

from .. import ranking
from ..parsing import ParsedQuery, is_key_term, is_latin_term
from ..results import FACETS
from . import BackendResults, BackendUnavailable, vocabulary

logger = logging.getLogger(__name__)

DISPLAY_FIELDS = [
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
]
FACET_SIZE = 200
# Field weights: title, then what the document is (its kind, dates and places), then body;
# the same order as the database backend's (`search.backends.database.FTS_WEIGHTS`).
TEXT_FIELDS = ["title_terms^4", "about_terms^2", "body_terms"]
MAX_WINDOW = 10_000
BULK_THREADS = 2
BULK_WINDOW = 5000
SUGGEST_INPUTS = 8
_LATIN_WORD_RE = re.compile(r"[a-z]{3,}")


class IndexedDocument(Document):
    """One search document as Elasticsearch stores it (the fields of `SearchEntry`)."""

    type = Keyword()
    object_id = Long()
    url_bn = Keyword(index=False, doc_values=False)
    url_en = Keyword(index=False, doc_values=False)
    title_bn = Text(index=False)
    title_en = Text(index=False)
    text_bn = Text(index=False)
    text_en = Text(index=False)
    title_terms = Text(analyzer="whitespace")
    about_terms = Text(analyzer="whitespace", norms=False)
    body_terms = Text(analyzer="whitespace")
    # English words as written (unstemmed), where a typo is one edit away from the right word.
    latin_words = Text(analyzer="whitespace")
    suggest = Completion(analyzer="whitespace", search_analyzer="whitespace")
    theme = Keyword()
    division = Keyword()
    district = Keyword()
    circular_status = Keyword()
    best_practice = Boolean()
    year = Integer()
    date = Date()
    replication_count = Integer()
    budget_total = Double()
    boost = Float()
    content_hash = Keyword()


def _is_down(exc):
    if isinstance(exc, NotFoundError):
        return True  # no index behind the alias yet: nothing to search in
    if isinstance(exc, ApiError):
        return exc.meta.status >= 500 or exc.meta.status == 429
    return isinstance(exc, TransportError)


class ElasticsearchBackend:
    """Index and search documents in the cluster at `settings.ELASTICSEARCH_URL`."""

    name = "elasticsearch"
    _bengali: dict[str, bool] = {}

    def __init__(self, url=None, prefix=None):
        self.url = url or settings.ELASTICSEARCH_URL
        self.prefix = prefix or settings.SEARCH_INDEX_PREFIX
        self.alias = f"{self.prefix}-documents"
        self.client = Elasticsearch(
            self.url,
            request_timeout=getattr(settings, "SEARCH_ES_TIMEOUT", 5),
            max_retries=0,
        )
        # Creating, filling and swapping indices may take a busy cluster longer than a query.
        self.admin = self.client.options(request_timeout=120)

    # --- index management ------------------------------------------------------------

    def has_bengali_analyzer(self) -> bool:
        """Whether the cluster knows the `bengali` analyzer (asked once per process)."""
        if self.url not in self._bengali:
            try:
                self.client.indices.analyze(analyzer="bengali", text="পরীক্ষা")
                self._bengali[self.url] = True
            except BadRequestError:
                self._bengali[self.url] = False
        return self._bengali[self.url]

    def _new_index(self) -> Index:
        name = f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        index = Index(name, using=self.admin)
        index.settings(
            number_of_shards=1,
            number_of_replicas=getattr(settings, "SEARCH_ES_REPLICAS", 0),
        )
        index.document(IndexedDocument)
        if self.has_bengali_analyzer():
            bengali = Mapping()
            for field in ("title_bn", "text_bn"):
                bengali.field(
                    field, Text(index=False, fields={"bengali": Text(analyzer="bengali")})
                )
            index.mapping(bengali)
        index.create()
        return index

    def indices(self) -> list[str]:
        """The concrete indices the alias points at."""
        try:
            return sorted(self.client.indices.get_alias(name=self.alias))
        except NotFoundError:
            return []

    def ensure_index(self):
        """Create an empty index behind the alias if there is none yet."""
        if self.indices():
            return
        index = self._new_index()
        self.admin.indices.put_alias(index=index._name, name=self.alias)
        current = self.indices()
        if len(current) > 1 and current[0] != index._name:
            # Another process created one at the same moment: all keep the oldest.
            self.admin.indices.delete(index=index._name, ignore_unavailable=True)

    def _guard(self, call, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except (TransportError, ApiError, BulkIndexError) as exc:
            if isinstance(exc, BulkIndexError) or _is_down(exc):
                raise BackendUnavailable(f"Elasticsearch: {type(exc).__name__}: {exc}") from exc
            raise

    # --- writing ---------------------------------------------------------------------

    @staticmethod
    def _action(document: dict, index: str) -> dict:
        words = document.get("suggest_text", "").split()
        inputs = [" ".join(words[i : i + 6]) for i in range(min(len(words), SUGGEST_INPUTS))]
        # An empty facet value is no value: it must not become a bucket of its own.
        source = {
            name: value
            for name, value in document.items()
            if name not in ("key", "suggest_text") and value != ""
        }
        text = " ".join(document[name] for name in ("title_bn", "title_en", "text_bn", "text_en"))
        latin = _LATIN_WORD_RE.findall(text.casefold())
        indexed = IndexedDocument(
            meta={"id": document["key"]},
            latin_words=" ".join(latin),
            suggest={"input": inputs, "weight": max(1, int(document["boost"] * 10))}
            if inputs
            else None,
            **source,
        )
        action = indexed.to_dict(include_meta=True, skip_empty=True)
        action["_index"] = index
        return action

    def upsert(self, documents: Iterable[dict]) -> int:
        """Index (or re-index) documents behind the alias; returns how many."""
        documents = list(documents)
        if not documents:
            return 0
        return self._guard(self._bulk, [self._action(d, self.alias) for d in documents])

    def delete(self, keys: Iterable[str]) -> int:
        """Remove the documents `keys`, missing ones included; returns how many."""
        actions = [{"_op_type": "delete", "_index": self.alias, "_id": key} for key in keys]
        if not actions:
            return 0
        return self._guard(self._bulk, actions)

    def _bulk(self, actions):
        self.ensure_index()
        done = 0
        for ok, item in streaming_bulk(
            self.admin,
            actions,
            chunk_size=500,
            raise_on_error=False,
            refresh=getattr(settings, "SEARCH_ES_REFRESH", "wait_for"),
        ):
            operation, result = next(iter(item.items()))
            if ok or (operation == "delete" and result.get("status") == 404):
                done += 1
            else:
                raise BulkIndexError(f"{operation} failed for {result.get('_id')}", [item])
        return done

    def rebuild(
        self,
        documents: Iterable[dict],
        total: int | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> dict:
        """Fill a new index, point the alias at it atomically and drop the old ones.

        Searches go to the old index until the swap; `progress(done)` is called after every
        batch so a caller can show a progress bar.
        """
        return self._guard(self._rebuild, documents, progress)

    def _rebuild(self, documents, progress):
        started = time.monotonic()
        old = self.indices()
        index = self._new_index()
        name = index._name
        try:
            # No refreshes and no replicas while loading: both only slow the bulk load down.
            self.admin.indices.put_settings(
                index=name, settings={"index": {"refresh_interval": "-1"}}
            )
            done = 0
            documents = iter(documents)
            # The documents may come from the database: they are read here, a window at a
            # time, never in the bulk helper's threads (which have no part in this
            # transaction); those threads only turn them into actions and send them, two
            # requests in flight, so the cluster indexes one batch while the next is made.
            while window := list(itertools.islice(documents, BULK_WINDOW)):
                for _ok, _item in parallel_bulk(
                    self.admin,
                    (self._action(document, name) for document in window),
                    thread_count=BULK_THREADS,
                    queue_size=BULK_THREADS,
                    chunk_size=500,
                    max_chunk_bytes=20 * 1024 * 1024,
                    raise_on_error=True,
                ):
                    done += 1
                    if progress and done % 1000 == 0:
                        progress(done)
            if progress:
                progress(done)
            self.admin.indices.put_settings(
                index=name, settings={"index": {"refresh_interval": None}}
            )
            self.admin.indices.refresh(index=name)
            actions = [{"remove": {"index": old_name, "alias": self.alias}} for old_name in old]
            actions.append({"add": {"index": name, "alias": self.alias}})
            self.admin.indices.update_aliases(actions=actions)
        except Exception:
            self.admin.indices.delete(index=name, ignore_unavailable=True)
            raise
        for old_name in old:
            self.admin.indices.delete(index=old_name, ignore_unavailable=True)
        return {"index": name, "documents": done, "seconds": time.monotonic() - started}

    def hashes(self) -> dict[str, str]:
        """Every indexed key with its content hash."""

        def read():
            self.ensure_index()
            return {
                hit["_id"]: hit["_source"].get("content_hash", "")
                for hit in scan(
                    self.admin,
                    index=self.alias,
                    query={"query": {"match_all": {}}},
                    _source=["content_hash"],
                    size=2000,
                )
            }

        return self._guard(read)

    def refresh(self):
        """Make every write so far visible to searches."""
        self._guard(self.client.indices.refresh, index=self.alias)

    def drop(self):
        """Delete the alias's indices (tests and a full reset)."""
        for name in self.indices():
            self.admin.indices.delete(index=name, ignore_unavailable=True)

    # --- searching -------------------------------------------------------------------

    def _position_query(self, alternatives, words, unknown=frozenset()):
        should = []
        for alternative in alternatives:
            should.append(
                Q(
                    "multi_match",
                    query=alternative,
                    fields=TEXT_FIELDS,
                    type="phrase" if " " in alternative else "cross_fields",
                    operator="and",
                    # A place's phonetic key counts for less than the word itself.
                    boost=0.5 if is_key_term(alternative) else 1.0,
                )
            )
            if alternative in unknown and not alternative.isdigit() and not swappable(alternative):
                # A word no document has: its near spellings in the analysed terms, one edit
                # for a short word, two from eight letters, the first letter as typed.
                should.append(
                    Q(
                        "multi_match",
                        query=alternative,
                        fields=TEXT_FIELDS,
                        fuzziness="AUTO:4,8",
                        prefix_length=1,
                        max_expansions=25,
                        boost=0.3,
                    )
                )
            word = words.get(alternative)
            if word and is_latin_term(alternative) and len(word) >= 3:
                should.append(
                    Q("match", latin_words={"query": word, "fuzziness": "AUTO", "boost": 0.5})
                )
        return Q("bool", should=should, minimum_should_match=1)

    def _filter_clauses(self, filters, exclude=None):
        return [
            Q("terms", **{facet: values})
            for facet, values in filters.items()
            if facet != exclude and values
        ]

    def _text_query(self, parsed: ParsedQuery, mode):
        """Every position (mode "all") or any of them, ranked by the rarity-weighted share of
        the query a document covers (mode "any"), with phrase and proximity boosts."""
        positions = [
            self._position_query(p, parsed.words, parsed.unknown) for p in parsed.positions
        ]
        first = parsed.first_terms()
        should = []
        if len(first) > 1:
            phrase = " ".join(first)
            should += [
                Q("match_phrase", title_terms={"query": phrase, "boost": 3.0}),
                Q("match_phrase", body_terms={"query": phrase, "boost": 1.5}),
                Q("match_phrase", body_terms={"query": phrase, "slop": ranking.NEAR_WINDOW}),
            ]
        if mode == "any" and len(positions) > 1:
            weights = ranking.position_weights(
                parsed.positions, vocabulary.frequencies(), self._count()
            )
            covered = [
                Q("constant_score", filter=position, boost=ranking.COVERAGE_WEIGHT * weight)
                for position, weight in zip(positions, weights, strict=True)
            ]
            return Q("bool", should=[*covered, *positions, *should], minimum_should_match=1)
        return Q("bool", must=positions, should=should)

    def _count(self) -> int:
        return self._guard(self.client.count, index=self.alias)["count"]

    def search(
        self, parsed: ParsedQuery, filters, sort, offset, limit, mode="all"
    ) -> BackendResults:
        """Answer a parsed query: keys of one page in order, total, facet counts, documents.

        `mode` as for the database backend: "all" positions, or "any" ranked by coverage.
        """
        if not parsed.is_browse and not parsed.has_terms:
            return BackendResults(keys=[], total=0, counts={}, documents={})
        search = Search(using=self.client, index=self.alias).extra(track_total_hits=True)
        if parsed.is_browse:
            query = Q("match_all")
        else:
            query = self._text_query(parsed, mode)
            if self._guard(self.has_bengali_analyzer):
                query = Q(
                    "bool",
                    must=[query],
                    should=[
                        Q("match", **{"text_bn.bengali": {"query": parsed.text, "boost": 0.3}})
                    ],
                )
        functions = [{"field_value_factor": {"field": "boost", "missing": 1}}]
        if parsed.types:
            functions.append(
                {"filter": {"terms": {"type": sorted(parsed.types)}}, "weight": ranking.NAMED_TYPE}
            )
        if parsed.best_practice:
            functions.append(
                {
                    "filter": {"term": {"best_practice": True}},
                    "weight": ranking.NAMED_BEST_PRACTICE,
                }
            )
        search = search.query(
            "function_score",
            query=query,
            functions=functions,
            score_mode="multiply",
            boost_mode="multiply",
        )
        clauses = self._filter_clauses(filters)
        if clauses:
            search = search.post_filter(Q("bool", filter=clauses))
        for facet in FACETS:
            others = self._filter_clauses(filters, exclude=facet)
            bucket = A("filter", Q("bool", filter=others) if others else Q("match_all"))
            bucket.bucket("values", "terms", field=facet, size=FACET_SIZE)
            search.aggs.bucket(facet, bucket)
        date_order = {"date": {"order": "desc", "missing": "_last"}}
        if sort == "date" or parsed.is_browse:
            search = search.sort(date_order, "_score", {"object_id": "desc"})
        else:
            search = search.sort("_score", date_order, {"object_id": "desc"})
        offset = min(offset, MAX_WINDOW - limit)
        search = search.source(DISPLAY_FIELDS)[offset : offset + limit]
        response = self._guard(search.execute)
        counts = {}
        for facet in FACETS:
            buckets = getattr(response.aggregations, facet).values.buckets
            counts[facet] = {
                str(getattr(bucket, "key_as_string", bucket.key)).lower(): bucket.doc_count
                for bucket in buckets
                if bucket.key != ""
            }
        keys, documents = [], {}
        for hit in response.hits:
            source = hit.to_dict()
            source["key"] = hit.meta.id
            keys.append(hit.meta.id)
            documents[hit.meta.id] = source
        return BackendResults(
            keys=keys,
            total=response.hits.total.value,
            counts=counts,
            documents=documents,
            fuzzy_words=list(parsed.words.values()),
        )

    def suggest(self, prefix: str, limit: int) -> list[dict]:
        """Documents whose title has a word sequence starting with `prefix`."""
        if not prefix:
            return []
        search = Search(using=self.client, index=self.alias).source(
            ["type", "title_bn", "title_en", "url_bn", "url_en"]
        )
        search = search.suggest(
            "titles",
            prefix,
            completion={"field": "suggest", "size": limit, "skip_duplicates": True},
        )[:0]
        response = self._guard(search.execute)
        rows = []
        for option in response.suggest.titles[0].options:
            row = option._source.to_dict()
            row["key"] = option._id
            rows.append(row)
        return rows
