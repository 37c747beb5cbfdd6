"""Page rendering: SQL queries and time per page, each beside a baseline from the same run.

In a scratch database (the one DATABASE_URL selects) with the geography and the practices demo
catalogue, one practice gets 2,000 completed replications. Then, through the full middleware
stack (Django's test client), each page is rendered ROUNDS times:

| page | baseline | what the ratio shows |
|---|---|---|
| home page | /health/ (one `SELECT 1`) | cost of the page over the bare request |
| practice with 2,000 replications | a practice with none | whether the page is bounded |
| search page with a query | the search page without one | cost of answering the query |
| a page from the page cache | the same page made | what a visitor not signed in waits for |

The search page runs on the database backend here (the search benchmark measures
Elasticsearch), so this benchmark never touches the shared cluster.
"""

import datetime
import os
import statistics
import time

ROUNDS = int(os.environ.get("BENCH_PAGE_ROUNDS", "40"))
REPLICATIONS = int(os.environ.get("BENCH_PAGE_REPLICATIONS", "2000"))


def _percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _measure(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    # Read now: every request starts by emptying the connection's query log.
    query_count = len(queries)
    timings = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "queries": query_count,
        "p50": statistics.median(timings),
        "p95": _percentile(timings, 0.95),
        "bytes": len(response.content),
    }


def _scratch_database():
    from django.db import connection

    original = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    return connection, original


def _catalogue():
    """The practices demo plus one practice replicated by 2,000 LGIs and one by none."""
    import io

    from django.core.management import call_command

    from places.models import Area
    from practices import counts
    from practices import demo as practices_demo
    from practices.models import PracticePage, Replication, ReplicationStatus

    call_command("load_geography", verbosity=0, stdout=io.StringIO())
    call_command("sync_roles", verbosity=0, stdout=io.StringIO())
    practices_demo.load()
    practices = PracticePage.objects.live().order_by("pk")
    crowded = practices.first()
    quiet = practices.exclude(pk=crowded.pk).filter(replication_count=0).first()
    if quiet is None:
        quiet = practices.last()
        Replication.objects.filter(practice=quiet).delete()
    taken = set(Replication.objects.filter(practice=crowded).values_list("lgi_id", flat=True))
    lgis = (
        Area.objects.lgis()
        .exclude(pk__in=taken)
        .exclude(pk=crowded.lgi_id)
        .order_by("pk")
        .values_list("pk", flat=True)[: max(0, REPLICATIONS - len(taken))]
    )
    Replication.objects.bulk_create(
        Replication(
            practice=crowded,
            lgi_id=lgi,
            status=ReplicationStatus.COMPLETED,
            end_date=datetime.date(2019, 6, 30),
            fiscal_year="2018-19",
        )
        for lgi in lgis
    )
    counts.recompute([crowded.pk, quiet.pk], notify=False)
    crowded.refresh_from_db()
    return crowded, quiet


def _cached_rows(client, pages):
    """Each page as a visitor who is not signed in gets it once it is in the page cache
    (hlp_site/pagecache.py), beside the same page made afresh (`made`, measured already)."""
    from django.core.cache import cache
    from django.test.utils import override_settings

    rows = []
    for label, url, made in pages:
        with override_settings(PAGE_CACHE_SECONDS=300):
            cache.clear()
            kept = _measure(client, url)
        for metric, key in (("p50 ms", "p50"), ("p95 ms", "p95")):
            rows.append(
                {
                    "benchmark": "pages, from the page cache",
                    "metric": f"{label}: {metric}",
                    "value": kept[key],
                    "baseline": made[key],
                    "ratio": kept[key] / made[key] if made[key] else None,
                    "note": "baseline: the page made afresh" if key == "p50" else "",
                }
            )
    return rows


def run():
    from django.test import Client
    from django.test.utils import override_settings

    import search

    rows = []
    connection, original_name = _scratch_database()
    try:
        with override_settings(ELASTICSEARCH_URL="", ALLOWED_HOSTS=["*"]):
            crowded, quiet = _catalogue()
            search.rebuild()
            client = Client()
            pairs = [
                ("home page", "/", "/health/", "/health/"),
                (
                    f"practice, {crowded.replication_count:,} replications",
                    crowded.url,
                    quiet.url,
                    "practice with none",
                ),
                ("search page", "/search/?q=আর্সেনিক", "/search/", "search page, no query"),
            ]
            made = {}
            for label, url, baseline_url, baseline_name in pairs:
                page = made[url] = _measure(client, url)
                base = _measure(client, baseline_url)
                note = f"baseline: {baseline_name}; {page['bytes'] / 1024:.0f} KiB"
                for metric, key in (
                    ("SQL queries", "queries"),
                    ("p50 ms", "p50"),
                    ("p95 ms", "p95"),
                ):
                    rows.append(
                        {
                            "benchmark": f"pages ({connection.vendor})",
                            "metric": f"{label}: {metric}",
                            "value": page[key],
                            "baseline": base[key],
                            "ratio": page[key] / base[key] if base[key] else None,
                            "note": note if metric == "SQL queries" else "",
                        }
                    )
            cached = [("home page", "/"), ("practice", crowded.url)]
            rows += _cached_rows(client, [(label, url, made[url]) for label, url in cached])
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)
    return rows
