"""Search at scale: 20,000 generated documents in a scratch database (and Elasticsearch index).

Measures, for the database backend (SQLite FTS5 or PostgreSQL full text, whichever DATABASE_URL
selects) and for Elasticsearch when ELASTICSEARCH_URL is set:

- query latency p50/p95 over a fixed mixed set of queries (Bangla and English words, inflected
  forms, glossary terms, digits, phrases, facet filters, date sort, browsing), each answer with
  facet counts and highlighted snippets, beside a naive `icontains` scan of the same rows with
  the same facet counts;
- bulk indexing in documents per second, beside one-by-one saves of the same documents;
- Bangla/English text analysis in documents per second (both backends index its output).

Targets: Elasticsearch p95 < 30 ms, database p95 < 150 ms, indexing > 2,000 docs/s.
The documents come from `benchmarks.search_corpus`.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import statistics
import time
import uuid

from benchmarks import percentile
from benchmarks.search_corpus import generate

DOCUMENTS = int(os.environ.get("SEARCH_BENCH_DOCUMENTS", "20000"))
# `make bench` runs it at each of these sizes (benchmarks/__main__.py); with SEARCH_BENCH_DOCUMENTS
# set and no sizes, at that one.
SIZE = (
    "DOCUMENTS",
    "documents",
    "SEARCH_BENCH_SIZES",
    os.environ.get("SEARCH_BENCH_DOCUMENTS") or "2000,20000,200000",
)
ROUNDS = 5

QUERIES = [
    ("আর্সেনিক", {}, "relevance"),
    ("কর্মশালাগুলোতে", {}, "relevance"),
    ("ইউনিয়ন পরিষদের বাজেট", {}, "relevance"),
    ("উন্মুক্ত বাজেট সভা", {"type": ["practice"]}, "relevance"),
    ("নলকূপ", {"theme": ["water"], "best_practice": ["true"]}, "relevance"),
    ("নারী", {"division": ["BD30"]}, "date"),
    ("arsenic", {}, "relevance"),
    ("UDCC", {}, "relevance"),
    ("disability service", {}, "relevance"),
    ("birth registration", {"year": ["2019", "2020"]}, "relevance"),
    ("২০১৯", {}, "relevance"),
    ("প্রতিবন্ধী", {"type": ["practice", "circular"]}, "relevance"),
    ("water", {"circular_status": ["circular_issued"]}, "date"),
    ("স্যানিটেশন ল্যাট্রিন", {"district": ["BD4003"]}, "relevance"),
    ("", {"type": ["circular"]}, "date"),
    ("", {"theme": ["governance"], "year": ["2015"]}, "date"),
    ("ঘূর্ণিঝড় আশ্রয়", {}, "relevance"),
    ("training volunteer", {"best_practice": ["false"]}, "relevance"),
]


@contextlib.contextmanager
def _phase(name):
    started = time.perf_counter()
    print(f"search: {name} …", end=" ", flush=True)
    yield
    print(f"{time.perf_counter() - started:.1f} s", flush=True)


def _percentiles(samples):
    return statistics.median(samples), percentile(samples, 0.95)


def _ms(seconds):
    return seconds * 1000


def _scratch_database():
    """A fresh database of the configured engine (never the developer's own), without the
    other apps' migrations: tables straight from the models plus the search migration's SQL."""
    from django.db import connection

    test = connection.settings_dict.setdefault("TEST", {})
    migrating = test.get("MIGRATE", True)
    test["MIGRATE"] = False
    # What the connection goes back to afterwards (destroy_test_db takes the original name).
    name = connection.settings_dict["NAME"]
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    finally:
        # Only this database is made without migrations: the benchmarks after this one need
        # theirs (the page tree, the roles).
        test["MIGRATE"] = migrating
    from search.backends.database import FULL_TEXT_MIGRATION

    module = importlib.import_module(FULL_TEXT_MIGRATION)
    statements = getattr(module, f"{connection.vendor.upper()}_CREATE", [])
    with connection.schema_editor() as editor:
        for statement in statements:
            editor.execute(statement)
        if connection.vendor == "postgresql":
            editor.execute("ANALYZE portal_search_searchentry")
    return connection, name


def _answer(backend, parsed, filters, sort):
    from search.highlight import snippet

    raw = backend.search(parsed, filters, sort, 0, 20)
    terms = parsed.terms()
    for key in raw.keys:
        document = raw.documents[key]
        snippet(document.get("text_bn") or "", terms, raw.fuzzy_words)
    return raw


def _naive(text, filters, sort):
    """The obvious way without a search engine: icontains on every field, counted by facet."""
    from django.db.models import Count, Q

    from search.models import SearchEntry
    from search.results import FACETS

    rows = SearchEntry.objects.all()
    for word in text.split():
        rows = rows.filter(
            Q(title_bn__icontains=word)
            | Q(title_en__icontains=word)
            | Q(text_bn__icontains=word)
            | Q(text_en__icontains=word)
        )
    for facet, values in filters.items():
        if facet == "best_practice":
            values = [value == "true" for value in values]
        rows = rows.filter(**{f"{facet}__in": values})
    rows.count()
    list(rows.order_by("-date" if sort == "date" else "-boost")[:20].values("key", "text_bn"))
    for facet in FACETS:
        list(rows.values(facet).annotate(n=Count("pk")))


def _query_latency(**overrides):
    """The same queries through `search.query()`, as the search page asks them: parsing and
    the glossary, the backend, snippets, suggestions and did-you-mean."""
    from django.test.utils import override_settings

    import search

    samples = []
    with override_settings(**overrides):
        for text, filters, sort in QUERIES[:3]:
            search.query(text, filters=filters, sort=sort)  # warm the caches once
        for _round in range(ROUNDS):
            for text, filters, sort in QUERIES:
                started = time.perf_counter()
                results = search.query(text, filters=filters, sort=sort)
                samples.append(time.perf_counter() - started)
                if results.message and not results.hits and text:
                    raise RuntimeError(f"search.query({text!r}) failed: {results.message}")
    return samples


def _query_rows(benchmark, samples, baseline, target):
    p50, p95 = _percentiles(samples)
    return [
        {
            "benchmark": benchmark,
            "metric": f"search.query() {metric} (ms)",
            "value": _ms(value),
            "baseline": _ms(base),
            "ratio": base / value,
            "note": "the whole query: parsing, glossary, backend, snippets, suggestions, "
            "did-you-mean"
            if metric == "p50"
            else f"baseline: the same icontains scan; target p95 < {target}",
        }
        for metric, value, base in (("p50", p50, baseline[0]), ("p95", p95, baseline[1]))
    ]


def _latency(backend, parsed_queries):
    samples = []
    for _round in range(ROUNDS):
        for parsed, filters, sort in parsed_queries:
            started = time.perf_counter()
            _answer(backend, parsed, filters, sort)
            samples.append(time.perf_counter() - started)
    return samples


def run():
    from django.conf import settings

    from bangla import build_glossary
    from search.backends.database import DatabaseBackend
    from search.documents import normalise
    from search.models import SearchEntry
    from search.parsing import parse

    rows = [
        {
            "benchmark": "search",
            "metric": "machine load average, 1 min",
            "value": os.getloadavg()[0],
            "note": f"{os.cpu_count()} cores; the figures below scale with this load",
        }
    ]
    glossary_groups = importlib.import_module("search.migrations.0003_seed_glossary").GROUPS
    glossary = build_glossary(glossary_groups)
    parsed_queries = [(parse(text, glossary), filters, sort) for text, filters, sort in QUERIES]

    raw = list(generate(DOCUMENTS))
    started = time.perf_counter()
    with _phase(f"analysing {len(raw):,} documents"):
        documents = [normalise(kind, number, plain) for kind, number, plain in raw]
    analysis_rate = len(documents) / (time.perf_counter() - started)
    rows.append(
        {
            "benchmark": "search",
            "metric": f"analysis of {len(documents):,} documents (docs/s)",
            "value": analysis_rate,
            "note": "Bangla/English normalising, stemming, hashing; shared by both backends",
        }
    )

    with _phase("creating a scratch database"):
        connection, name = _scratch_database()
    try:
        db = DatabaseBackend()
        sample = documents[:1000]
        started = time.perf_counter()
        with _phase("saving 1,000 documents one by one"):
            for document in sample:
                fields = {k: v for k, v in document.items() if k != "key"}
                SearchEntry.objects.create(key=document["key"], **fields)
        one_by_one = len(sample) / (time.perf_counter() - started)
        started = time.perf_counter()
        with _phase("bulk indexing in the database"):
            db.replace_all(documents)
        bulk = len(documents) / (time.perf_counter() - started)
        rows.append(
            {
                "benchmark": f"search database ({connection.vendor})",
                "metric": "bulk indexing (docs/s)",
                "value": bulk,
                "baseline": one_by_one,
                "ratio": bulk / one_by_one,
                "note": "baseline: one save per document (1,000 documents); target > 2,000",
            }
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE portal_search_searchentry")
        with _phase("querying the database backend"):
            samples = _latency(db, parsed_queries)
        baseline = []
        with _phase("the same queries as icontains scans"):
            for text, filters, sort in QUERIES:
                started = time.perf_counter()
                _naive(text, filters, sort)
                baseline.append(time.perf_counter() - started)
        p50, p95 = _percentiles(samples)
        b50, b95 = _percentiles(baseline)
        for metric, value, base in (("p50", p50, b50), ("p95", p95, b95)):
            rows.append(
                {
                    "benchmark": f"search database ({connection.vendor})",
                    "metric": f"query latency {metric} (ms)",
                    "value": _ms(value),
                    "baseline": _ms(base),
                    "ratio": base / value,
                    "note": "baseline: icontains scan + GROUP BY per facet"
                    + ("; target p95 < 150" if metric == "p95" else ""),
                }
            )
        with _phase("the same queries through search.query() on the database"):
            whole = _query_latency(ELASTICSEARCH_URL="")
        rows += _query_rows(
            f"search database ({connection.vendor})", whole, _percentiles(baseline), 150
        )
        rows += _elasticsearch_rows(settings, documents, parsed_queries, _percentiles(baseline))
    finally:
        connection.creation.destroy_test_db(name, verbosity=0)
    return rows


def _elasticsearch_rows(settings, documents, parsed_queries, baseline):
    url = settings.ELASTICSEARCH_URL or os.environ.get("ES_URL", "")
    if not url:
        print("search: Elasticsearch skipped: ELASTICSEARCH_URL (or ES_URL) is not set")
        return []
    from search.backends import BackendUnavailable
    from search.backends.elasticsearch import ElasticsearchBackend

    backend = ElasticsearchBackend(url=url, prefix=f"hlp-bench-{uuid.uuid4().hex[:8]}")
    try:
        try:
            backend.client.cluster.health()
        except Exception as exc:  # the benchmark reports any failure to reach the cluster
            print(f"search: Elasticsearch skipped: {url} does not answer ({exc})")
            return []
        rows = []
        sample = documents[:500]
        backend.ensure_index()
        index = backend.indices()[0]
        started = time.perf_counter()
        with _phase("indexing 500 documents one request each in Elasticsearch"):
            for document in sample:
                action = backend._action(document, index)
                backend.client.index(index=index, id=action["_id"], document=action["_source"])
        one_by_one = len(sample) / (time.perf_counter() - started)
        started = time.perf_counter()
        with _phase("bulk indexing in Elasticsearch"):
            backend.rebuild(documents)
        bulk = len(documents) / (time.perf_counter() - started)
        rows.append(
            {
                "benchmark": "search elasticsearch",
                "metric": "bulk indexing (docs/s)",
                "value": bulk,
                "baseline": one_by_one,
                "ratio": bulk / one_by_one,
                "note": "new index + alias swap; baseline: one request per document (500)",
            }
        )
        for parsed, filters, sort in parsed_queries[:3]:
            _answer(backend, parsed, filters, sort)  # warm the caches once
        with _phase("querying Elasticsearch"):
            p50, p95 = _percentiles(_latency(backend, parsed_queries))
        with _phase("the same queries through search.query() on Elasticsearch"):
            whole = _query_latency(ELASTICSEARCH_URL=url, SEARCH_INDEX_PREFIX=backend.prefix)
        rows += _query_rows("search elasticsearch", whole, baseline, 30)
        for metric, value, base in (("p50", p50, baseline[0]), ("p95", p95, baseline[1])):
            rows.append(
                {
                    "benchmark": "search elasticsearch",
                    "metric": f"query latency {metric} (ms)",
                    "value": _ms(value),
                    "baseline": _ms(base),
                    "ratio": base / value,
                    "note": "baseline: the same icontains scan"
                    + ("; target p95 < 30" if metric == "p95" else ""),
                }
            )
        return rows
    except BackendUnavailable as exc:
        print(f"search: Elasticsearch skipped: {exc}")
        return []
    finally:
        backend.drop()
