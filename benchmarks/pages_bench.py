"""Page rendering: SQL queries and time per page, each beside a baseline from the same run,
every ratio "times better than the baseline" (baseline ÷ value).

In a scratch database (the one DATABASE_URL selects) with the geography, the practices demo
catalogue and its budgets, one practice gets 2,000 completed replications. Then, through the
full middleware stack (Django's test client), each page is rendered ROUNDS times, made afresh as
it is for everyone signed in (the page cache off):

| page | value | baseline |
|---|---|---|
| home; practice (a visitor, UP editor, curator); catalogue; search | parts kept (1) | none kept |
| a page from the page cache | served to a visitor who is not signed in | the same page made |

(1) the parts that change only with the data version, kept in the fragment cache.

The practice page's targets: at most 15 queries and p95 under 40 ms whoever reads it. A practice
with no replications is measured beside it, to show the page does not grow with its data.

The search page runs on the database backend here (the search benchmark measures
Elasticsearch), so this benchmark never touches the shared cluster.
"""

import datetime
import os
import statistics
import time

from benchmarks import create_scratch_database, load_practices_demo, percentile

ROUNDS = int(os.environ.get("BENCH_PAGE_ROUNDS", "40"))
REPLICATIONS = int(os.environ.get("BENCH_PAGE_REPLICATIONS", "2000"))


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
        "p95": percentile(timings, 0.95),
        "bytes": len(response.content),
    }


def _catalogue():
    """The demo (`load_practices_demo`) plus one practice replicated by 2,000 LGIs and one by
    none."""
    from places.models import Area
    from practices import counts
    from practices.models import PracticePage, Replication, ReplicationStatus

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
                    "ratio": made[key] / kept[key] if kept[key] else None,
                    "note": "baseline: the page made afresh" if key == "p50" else "",
                }
            )
    return rows


def _readers(crowded):
    """A client per reader: a visitor (pages made afresh, as with the page cache off), an UP
    editor whose union has not recorded the crowded practice (the form to record it is on the
    page) and a NILG curator (the replications waiting for verification are)."""
    from django.contrib.auth.models import Group
    from django.test import Client

    from places.models import Area
    from portal import roles
    from portal.models import UserProfile
    from practices.models import Replication

    clients = {"visitor": Client()}
    taken = Replication.objects.filter(practice=crowded).values("lgi")
    spare = Area.objects.lgis().exclude(pk__in=taken).exclude(pk=crowded.lgi_id).first()
    for name, role in (("UP editor", roles.UP_EDITOR), ("NILG curator", roles.NILG_CURATOR)):
        user = Group.objects.get(name=role).user_set.model.objects.create_user(
            username=f"bench-{role}".replace(" ", "-").lower(), password="bench-pass-12345"
        )
        user.groups.add(Group.objects.get(name=role))
        profile, _created = UserProfile.objects.get_or_create(user=user)
        if role == roles.UP_EDITOR:
            profile.lgis.set([spare])
        client = Client()
        client.force_login(user)
        clients[name] = client
    return clients


def run():
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import override_settings

    import search

    rows = []
    original_name = connection.settings_dict["NAME"]
    try:
        with override_settings(ELASTICSEARCH_URL="", ALLOWED_HOSTS=["*"], PAGE_CACHE_SECONDS=0):
            create_scratch_database(connection, fill=load_practices_demo)
            crowded, quiet = _catalogue()
            search.rebuild()
            clients = _readers(crowded)
            pages = [
                ("home page", "/", "visitor"),
                *(
                    (
                        f"practice, {crowded.replication_count:,} replications, {reader}",
                        crowded.url,
                        reader,
                    )
                    for reader in clients
                ),
                ("catalogue", "/practices/", "NILG curator"),
                ("search page", "/search/?q=আর্সেনিক", "visitor"),
            ]
            made = {}
            for label, url, reader in pages:
                client = clients[reader]
                with override_settings(FRAGMENT_CACHE_SECONDS=0):
                    afresh = _measure(client, url)
                with override_settings(FRAGMENT_CACHE_SECONDS=3600):
                    cache.clear()
                    page = _measure(client, url)
                made.setdefault(url, afresh)
                note = f"baseline: the same page, no part kept; {page['bytes'] / 1024:.0f} KiB"
                if "practice" in label:
                    note += "; targets ≤ 15 queries, p95 < 40 ms"
                for metric, key in (
                    ("SQL queries", "queries"),
                    ("p50 ms", "p50"),
                    ("p95 ms", "p95"),
                ):
                    rows.append(
                        {
                            "benchmark": f"pages, made afresh ({connection.vendor})",
                            "metric": f"{label}: {metric}",
                            "value": page[key],
                            "baseline": afresh[key],
                            "ratio": afresh[key] / page[key] if page[key] else None,
                            "note": note if metric == "SQL queries" else "",
                        }
                    )
            with override_settings(FRAGMENT_CACHE_SECONDS=3600):
                none = _measure(clients["visitor"], quiet.url)
            rows.append(
                {
                    "benchmark": f"pages, made afresh ({connection.vendor})",
                    "metric": "practice with no replications: p95 ms",
                    "value": none["p95"],
                    "note": "beside the crowded practice's: the page's cost does not grow with it",
                }
            )
            cached = [("home page", "/"), ("practice", crowded.url)]
            rows += _cached_rows(
                clients["visitor"], [(label, url, made[url]) for label, url in cached]
            )
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)
    return rows
