"""Search relevance: judged questions about the demo content, scored per kind and per backend.

The questions live in `benchmarks/relevance/judged.json` (the set the search is tuned on) and
`benchmarks/relevance/heldout.json` (a fair held-out set written the same way, never used for
tuning). Each names the documents a reasonable user would accept in the top results, judged by
reading the demo content, not by looking at what any search returns.

For each backend available in the run, in a scratch database (never the developer's) holding
the demo content (`manage.py load_demo`) and a freshly built index, every question goes through
`search.service.query(text, language=…, per_page=10)`:

- recall@5: share of questions with at least one relevant document in the first five hits;
- MRR@10: mean of 1 / rank of the first relevant hit in the first ten (0 when none);
- empty: share of questions with no hit at all;
- p50 / p95 latency of one question.

Backends: the database backend on SQLite always, on PostgreSQL when DATABASE_URL points at it,
and Elasticsearch when ELASTICSEARCH_URL is set (a scratch index prefix, dropped afterwards).
Baselines on the same questions and content: Wagtail's own stock search (its default database
backend, that class explicitly) over the same live pages, and a plain `icontains` of every
word over the indexed titles and bodies. Targets: recall@5 ≥ 0.90 and empty ≤ 3 %.

`python -m benchmarks relevance` runs this alone. Each database engine is measured in a
process of its own (`python -m benchmarks.relevance_bench --engine sqlite|configured`), since
one process talks to one database engine.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from . import create_scratch_database

HERE = Path(__file__).resolve().parent / "relevance"
JUDGED = HERE / "judged.json"
HELDOUT = HERE / "heldout.json"
FLOOR = HERE / "floor.json"

KINDS = ("circular", "spelling", "typo", "date", "extra_word", "synonym", "type", "plain")
LANGUAGES = ("bn", "en")
TOP = 10
RECALL_AT = 5
TARGET_RECALL = 0.90
TARGET_EMPTY = 0.03
# The apps whose demo content the search indexes, in load_demo's order; the registry's
# personal data is never a search document and is left out where time matters (the tests).
SEARCHED_DEMO_APPS = ("portal", "hlp_site", "practices", "workshops", "dashboards", "search")


# --- the questions ----------------------------------------------------------------------


class QuestionError(ValueError):
    """A judged-set file that cannot be scored, with the file and question named."""


def load_questions(path=JUDGED):
    """The questions of a judged-set file, checked: every field present and well formed."""
    path = Path(path)
    try:
        questions = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise QuestionError(f"{path}: cannot be read as JSON ({exc})") from exc
    if not isinstance(questions, list):
        raise QuestionError(f"{path}: expected a list of questions")
    seen = set()
    for number, question in enumerate(questions, 1):
        where = f"{path.name}, question {number} ({question.get('id', 'no id')})"
        for name in ("id", "query", "language", "kind", "relevant"):
            if not question.get(name):
                raise QuestionError(f"{where}: '{name}' is missing or empty")
        if question["id"] in seen:
            raise QuestionError(f"{where}: the id is used twice")
        seen.add(question["id"])
        if question["language"] not in LANGUAGES:
            raise QuestionError(f"{where}: language must be one of {LANGUAGES}")
        if question["kind"] not in KINDS:
            raise QuestionError(f"{where}: kind must be one of {KINDS}")
        for url in question["relevant"]:
            if not isinstance(url, str) or not url.startswith("/") or "://" in url:
                raise QuestionError(f"{where}: {url!r} is not a URL path such as /practices/x/")
    return questions


def canonical(url):
    """A document's address in one form whatever the language: the Bangla path (no /en)."""
    path = urlsplit(str(url or "")).path or "/"
    if path == "/en" or path.startswith("/en/"):
        path = path[3:] or "/"
    return path if path.endswith("/") else path + "/"


def rank_of_first_relevant(urls, relevant):
    """1-based rank of the first hit among `relevant` paths (globs allowed), or None."""
    patterns = [canonical(url) for url in relevant]
    for rank, url in enumerate(urls[:TOP], 1):
        path = canonical(url)
        if any(fnmatch.fnmatchcase(path, pattern) for pattern in patterns):
            return rank
    return None


# --- scoring ------------------------------------------------------------------------------


@dataclass
class Outcome:
    question: dict
    urls: list
    seconds: float
    rank: int | None = None


@dataclass
class Score:
    """The figures of one system on one set of questions."""

    system: str
    outcomes: list = field(default_factory=list)

    def _of(self, kind=None):
        return [o for o in self.outcomes if kind is None or o.question["kind"] == kind]

    def figures(self, kind=None):
        outcomes = self._of(kind)
        n = len(outcomes)
        if not n:
            return {"n": 0, "recall_at_5": 0.0, "mrr_at_10": 0.0, "empty": 0.0}
        return {
            "n": n,
            "recall_at_5": sum(1 for o in outcomes if o.rank and o.rank <= RECALL_AT) / n,
            "mrr_at_10": sum(1 / o.rank for o in outcomes if o.rank) / n,
            "empty": sum(1 for o in outcomes if not o.urls) / n,
        }

    def latency_ms(self):
        samples = sorted(o.seconds * 1000 for o in self.outcomes)
        if not samples:
            return 0.0, 0.0
        p95 = samples[min(len(samples) - 1, math.ceil(0.95 * len(samples)) - 1)]
        return statistics.median(samples), p95

    def meets_targets(self):
        overall = self.figures()
        return overall["recall_at_5"] >= TARGET_RECALL and overall["empty"] <= TARGET_EMPTY

    def failures(self):
        return [o for o in self.outcomes if not (o.rank and o.rank <= RECALL_AT)]


def score(system, questions, ask):
    """Ask every question with `ask(text, language) -> [url, …]` (best first) and score it."""
    result = Score(system)
    for question in questions:
        started = time.perf_counter()
        urls = list(ask(question["query"], question["language"]))
        seconds = time.perf_counter() - started
        outcome = Outcome(question, urls, seconds)
        outcome.rank = rank_of_first_relevant(urls, question["relevant"])
        result.outcomes.append(outcome)
    return result


def portal_search(text, language):
    """The portal's search as the search page asks it, on whichever backend settings choose."""
    from search import service

    results = service.query(text, language=language, per_page=TOP)
    return [hit.url for hit in results.hits]


def portal_search_on(backend_name):
    """`portal_search`, checking each answer came from `backend_name` (not a fallback)."""
    from search import service

    def ask(text, language):
        results = service.query(text, language=language, per_page=TOP)
        if results.hits and results.backend != backend_name:
            raise RuntimeError(f"{text!r} was answered by {results.backend}, not {backend_name}")
        return [hit.url for hit in results.hits]

    return ask


def wagtail_stock_search():
    """Wagtail's own database search backend (that class, whatever WAGTAILSEARCH_BACKENDS
    says, on Wagtail's own SQLite table) indexed afresh over the live public pages of every
    searchable page type. Call it only in a scratch database: it replaces the index."""
    from django.utils import translation

    from wagtail.models import Page
    from wagtail.search.backends.database import SearchBackend

    from search.documents import document_types

    _stock_sqlite_table()
    backend = SearchBackend({})
    backend.reset_indexes()
    models = [spec.model for spec in document_types().values() if issubclass(spec.model, Page)]
    for model in models:
        backend.add_bulk(model, list(model.objects.live().public()))
    pages = Page.objects.live().public().type(*models)

    def ask(text, language):
        with translation.override(language):
            found = backend.search(text, pages)[:TOP]
            return [page.specific.get_url() or "" for page in found]

    return ask


# Wagtail's own SQLite full-text table and triggers, as its migration 0006 creates them (FTS5's
# default tokenizer); the portal's migration gives the table a Bangla tokenizer instead.
STOCK_FTS = [
    "DROP TRIGGER IF EXISTS insert_wagtailsearch_indexentry_fts",
    "DROP TRIGGER IF EXISTS update_wagtailsearch_indexentry_fts",
    "DROP TRIGGER IF EXISTS delete_wagtailsearch_indexentry_fts",
    "DROP TABLE IF EXISTS wagtailsearch_indexentry_fts",
    "CREATE VIRTUAL TABLE wagtailsearch_indexentry_fts USING fts5(autocomplete, body, title)",
    "CREATE TRIGGER insert_wagtailsearch_indexentry_fts AFTER INSERT ON wagtailsearch_indexentry "
    "BEGIN INSERT INTO wagtailsearch_indexentry_fts(title, body, autocomplete, rowid) "
    "VALUES (NEW.title, NEW.body, NEW.autocomplete, NEW.id); END",
    "CREATE TRIGGER update_wagtailsearch_indexentry_fts AFTER UPDATE ON wagtailsearch_indexentry "
    "BEGIN UPDATE wagtailsearch_indexentry_fts SET title=NEW.title, body=NEW.body, "
    "autocomplete=NEW.autocomplete WHERE rowid=NEW.id; END",
    "CREATE TRIGGER delete_wagtailsearch_indexentry_fts AFTER DELETE ON wagtailsearch_indexentry "
    "BEGIN DELETE FROM wagtailsearch_indexentry_fts WHERE rowid=OLD.id; END",
]


def _stock_sqlite_table():
    """On SQLite, put Wagtail's own full-text table back in the scratch database, so that the
    baseline is Wagtail as it comes."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s",
            ["wagtailsearch_indexentry_fts"],
        )
        if cursor.fetchone() is None:
            return
        for statement in STOCK_FTS:
            cursor.execute(statement)


def icontains_search(text, language):
    """The obvious way without a search engine: every word `icontains` in a title or body of
    the indexed documents, ordered by the documents' own boost."""
    from django.db.models import Q

    from search.models import SearchEntry

    rows = SearchEntry.objects.all()
    words = text.split()
    if not words:
        return []
    for word in words:
        rows = rows.filter(
            Q(title_bn__icontains=word)
            | Q(title_en__icontains=word)
            | Q(text_bn__icontains=word)
            | Q(text_en__icontains=word)
        )
    return [
        (row["url_en"] if language == "en" and row["url_en"] else row["url_bn"])
        for row in rows.order_by("-boost", "key").values("url_bn", "url_en")[:TOP]
    ]


# --- demo content in a scratch database ---------------------------------------------------


def load_demo_content(apps=None, exclude=(), stdout=None):
    """Load the demo content into the current database as `manage.py load_demo` does
    (geography, roles, then each app's demo, the last of which builds the search index);
    `apps` limits the apps whose demo is loaded, `exclude` leaves some out. Returns the seconds
    each step took."""
    import io
    from importlib import import_module
    from importlib.util import find_spec

    from django.core.management import call_command

    from hlp_site.management.commands.load_demo import DEMO_APPS

    quiet = stdout or io.StringIO()
    timings = {}
    started = time.perf_counter()
    call_command("load_geography", stdout=quiet)
    call_command("sync_roles", stdout=quiet)
    timings["geography and roles"] = time.perf_counter() - started
    for app in DEMO_APPS:
        if (apps is not None and app not in apps) or app in exclude:
            continue
        if find_spec(f"{app}.demo") is None:
            continue
        started = time.perf_counter()
        import_module(f"{app}.demo").load()
        timings[app] = time.perf_counter() - started
    return timings


def _scratch_database():
    """A fresh, migrated database of the configured engine, never the developer's own:
    in memory on SQLite, a database of its own name on PostgreSQL."""
    from django.db import connection

    test = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor != "sqlite":
        test["NAME"] = f"{connection.settings_dict['NAME']}_relevance_bench"
    name = create_scratch_database(connection)
    return connection, name


# --- printing -----------------------------------------------------------------------------


def _pct(value):
    return f"{value * 100:5.1f} %"


def print_table(title, score_):
    """One table: the kinds as rows, recall@5, MRR@10 and empty, then overall and latency."""
    print()
    print(title)
    header = f"  {'kind':<11} {'n':>4}  {'recall@5':>8}  {'MRR@10':>6}  {'empty':>7}"
    print(header)
    print("  " + "-" * (len(header) - 2))
    for kind in (*KINDS, None):
        figures = score_.figures(kind)
        if not figures["n"]:
            continue
        print(
            f"  {kind or 'overall':<11} {figures['n']:>4}  {figures['recall_at_5']:>8.2f}  "
            f"{figures['mrr_at_10']:>6.2f}  {_pct(figures['empty']):>7}"
        )
    p50, p95 = score_.latency_ms()
    held = "hold" if score_.meets_targets() else "do NOT hold"
    print(
        f"  latency per question p50 {p50:.1f} ms, p95 {p95:.1f} ms; targets recall@5 ≥ "
        f"{TARGET_RECALL:.2f}, empty ≤ {TARGET_EMPTY:.0%}: {held}"
    )


def _rows(benchmark, score_, baselines=()):
    overall = score_.figures()
    p50, p95 = score_.latency_ms()
    rows = []
    for metric, key, scale, target in (
        ("recall@5", "recall_at_5", 1, f"target ≥ {TARGET_RECALL:.2f}"),
        ("MRR@10", "mrr_at_10", 1, ""),
        ("found nothing (% of questions)", "empty", 100, f"target ≤ {TARGET_EMPTY:.0%}"),
    ):
        row = {"benchmark": benchmark, "metric": metric, "value": overall[key] * scale}
        if baselines:
            name, base = baselines[0]
            baseline = base.figures()[key] * scale
            if key == "empty":
                # Fewer is better and none is the aim: the baseline is said, not divided by.
                row["note"] = f"{name}: {baseline:.1f} %" + (f"; {target}" if target else "")
                rows.append(row)
                continue
            row["baseline"] = baseline
            # How many times the baseline's share of questions answered well.
            row["ratio"] = row["value"] / baseline if baseline else None
            row["note"] = f"baseline: {name}" + (f"; {target}" if target else "")
        elif target:
            row["note"] = target
        rows.append(row)
    rows.append(
        {
            "benchmark": benchmark,
            "metric": "latency per question p95 (ms)",
            "value": p95,
            "note": f"p50 {p50:.1f} ms",
        }
    )
    return rows


# --- one engine, in its own process -------------------------------------------------------


def _elasticsearch(settings):
    url = settings.ELASTICSEARCH_URL or os.environ.get("ES_URL", "")
    if not url:
        print("relevance: Elasticsearch skipped: ELASTICSEARCH_URL is not set")
        return None
    from elasticsearch import Elasticsearch

    try:
        Elasticsearch(url, request_timeout=5, max_retries=0).cluster.health()
    except Exception as exc:  # any failure to reach the cluster means "skip it"
        print(f"relevance: Elasticsearch skipped: {url} does not answer ({exc})")
        return None
    return url


def _sample(questions):
    """The questions to ask: all of them, or with BENCH_RELEVANCE_PER_KIND=n the first n of
    each kind (a quick run that proves the benchmark works; its figures are not the measure)."""
    per_kind = int(os.environ.get("BENCH_RELEVANCE_PER_KIND") or 0)
    if per_kind <= 0:
        return questions
    taken = {}
    kept = []
    for question in questions:
        taken[question["kind"]] = taken.get(question["kind"], 0) + 1
        if taken[question["kind"]] <= per_kind:
            kept.append(question)
    return kept


def measure_engine(with_elasticsearch):
    """Scratch database, demo content, index; score every system; return rows and figures."""
    from django.conf import settings
    from django.test.utils import override_settings

    import search

    every = load_questions(JUDGED)
    judged, heldout = _sample(every), _sample(load_questions(HELDOUT))
    if len(judged) < len(every):
        print(
            f"relevance: a sample of {len(judged)} judged and {len(heldout)} held-out questions "
            "(BENCH_RELEVANCE_PER_KIND), not the measure",
            flush=True,
        )
    rows, figures = [], {}
    prefix = f"hlp-relevance-{uuid.uuid4().hex[:8]}"
    es_url = _elasticsearch(settings) if with_elasticsearch else None
    connection, name = _scratch_database()
    vendor = connection.vendor
    try:
        with override_settings(ELASTICSEARCH_URL="", SEARCH_INDEX_PREFIX=prefix):
            started = time.perf_counter()
            # The registry's personal data is never searched: its demo is left out.
            timings = load_demo_content(exclude=("search", "registry"))
            print(
                f"relevance ({vendor}): demo content loaded in "
                f"{time.perf_counter() - started:.0f} s ("
                + ", ".join(f"{step} {seconds:.1f} s" for step, seconds in timings.items())
                + ")",
                flush=True,
            )
            started = time.perf_counter()
            search.rebuild()
            print(f"relevance ({vendor}): index built in {time.perf_counter() - started:.1f} s")
            systems = [(f"portal search, database backend ({vendor})", portal_search)]
        systems_es = []
        if es_url:
            with override_settings(ELASTICSEARCH_URL=es_url, SEARCH_INDEX_PREFIX=prefix):
                search.rebuild()
            systems_es = [("portal search, Elasticsearch", portal_search_on("elasticsearch"))]
        baselines = [
            (f"Wagtail's stock database search ({vendor})", wagtail_stock_search()),
            ("icontains over titles and bodies", icontains_search),
        ]
        for label, questions in (("judged", judged), ("held-out", heldout)):
            scored_baselines = []
            for system, ask in baselines:
                with override_settings(ELASTICSEARCH_URL="", SEARCH_INDEX_PREFIX=prefix):
                    scored_baselines.append((system, score(system, questions, ask)))
            for system, ask in systems + systems_es:
                url = es_url if "Elasticsearch" in system else ""
                with override_settings(ELASTICSEARCH_URL=url, SEARCH_INDEX_PREFIX=prefix):
                    ask(judged[0]["query"], judged[0]["language"])  # warm the caches once
                    result = score(system, questions, ask)
                print_table(f"{system} — {label} set ({len(questions)} questions)", result)
                figures[f"{system} / {label}"] = _summary(result)
                if label == "judged":
                    _print_failures(result)
                rows += _rows(f"relevance {label}: {system}", result, scored_baselines[:1])
            for system, result in scored_baselines:
                print_table(f"baseline: {system} — {label} set", result)
                figures[f"{system} / {label}"] = _summary(result)
                rows += _rows(f"relevance {label}: baseline {system}", result)
    finally:
        if es_url:
            from search.backends.elasticsearch import ElasticsearchBackend

            ElasticsearchBackend(url=es_url, prefix=prefix).drop()
        connection.creation.destroy_test_db(name, verbosity=0)
    return rows, figures


def _summary(result):
    p50, p95 = result.latency_ms()
    return {
        "overall": result.figures(),
        "kinds": {kind: result.figures(kind) for kind in KINDS},
        "p50_ms": p50,
        "p95_ms": p95,
        "targets_hold": result.meets_targets(),
    }


def _print_failures(result):
    missed = result.failures()
    if not missed or os.environ.get("RELEVANCE_SHOW_MISSES", "") != "1":
        return
    print(f"  questions without a relevant document in the first {RECALL_AT}:")
    for outcome in missed:
        q = outcome.question
        print(f"    {q['id']} [{q['kind']}] {q['query']!r}: {len(outcome.urls)} hit(s)")


def _worker(engine, output):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlp_site.settings.test")
    import django

    django.setup()
    rows, figures = measure_engine(with_elasticsearch=(engine == "configured"))
    Path(output).write_text(json.dumps({"rows": rows, "figures": figures}), encoding="utf-8")


def _engines():
    """(name, environment) of each database engine to measure: SQLite always, and the
    configured PostgreSQL when DATABASE_URL points at it (Elasticsearch is measured there)."""
    url = os.environ.get("DATABASE_URL", "")
    sqlite_env = {**os.environ, "DATABASE_URL": ""}
    if not url.startswith(("postgres", "pgsql")):
        return [("configured", sqlite_env)]
    if os.environ.get("BENCH_RELEVANCE_CONFIGURED_ONLY") == "1":
        # A quick run: the configured engine alone (the SQLite engine runs the same code).
        return [("configured", dict(os.environ))]
    return [("sqlite", sqlite_env), ("configured", dict(os.environ))]


def run():
    rows, verdicts = [], []
    for engine, env in _engines():
        with tempfile.TemporaryDirectory() as folder:
            output = Path(folder) / "relevance.json"
            command = [sys.executable, "-m", "benchmarks.relevance_bench", "--engine", engine]
            completed = subprocess.run([*command, "--output", str(output)], env=env, check=False)
            if completed.returncode != 0 or not output.exists():
                print(f"relevance: the {engine} run failed (exit code {completed.returncode})")
                continue
            data = json.loads(output.read_text(encoding="utf-8"))
        rows += data["rows"]
        for system, summary in data["figures"].items():
            if system.startswith("portal search"):
                verdicts.append((system, summary["targets_hold"]))
    print()
    for system, holds in verdicts:
        state = "HOLD" if holds else "DO NOT HOLD"
        print(
            f"relevance targets (recall@5 ≥ {TARGET_RECALL:.2f}, empty ≤ {TARGET_EMPTY:.0%}) "
            f"{state} for {system}"
        )
    every = verdicts and all(holds for _system, holds in verdicts)
    print(
        "relevance: the targets hold on every backend and set"
        if every
        else "relevance: the targets do NOT hold on every backend and set"
    )
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=("sqlite", "configured"), required=True)
    parser.add_argument("--output", required=True)
    arguments = parser.parse_args()
    _worker(arguments.engine, arguments.output)
