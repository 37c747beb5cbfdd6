"""The dashboard with a scaled registry: page time per filtered view, beside the naive way of
answering the same headline figures straight from the raw rows.

In a scratch database (the one DATABASE_URL selects) with the geography, the practices demo
(≈174 practices, ≈7,000 replications, ≈15,000 budget lines) and BENEFITS synthetic registry
benefits (default 1,000,000; BENCH_BENEFITS changes it) of persons in the unions that replicated
a practice, the registry's aggregates and the dashboard's own are built once. Then, through the
full middleware stack (Django's test client), the dashboard is asked for VIEWS filtered views:

| metric | what it is |
|---|---|
| cold p95 | every request a cache miss: figures from the aggregates, page rendered |
| warm p95 | the same views again, answered from the cached fragments |
| naive p95 | the headline figures alone, counted from replications, budget lines and benefits |

The ratio is naive ÷ dashboard. Run alone with `python -m benchmarks.dashboard_bench`.
"""

import hashlib
import os
import random
import statistics
import time

BENEFITS = int(os.environ.get("BENCH_BENEFITS", "1000000"))
# `make bench` runs it at each of these sizes (benchmarks/__main__.py); with BENCH_BENEFITS
# set and no sizes, at that one.
SIZE = (
    "BENEFITS",
    "benefits",
    "BENCH_BENEFITS_SIZES",
    os.environ.get("BENCH_BENEFITS") or "500000,1000000,5000000",
)
BENEFITS_PER_PERSON = 4
PERSONS_PER_HOUSEHOLD = 4
ROUNDS = 5
CHUNK = 20_000


def _percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _views():
    """Filtered views a policymaker would open: the country, each division, some districts,
    each theme, fiscal-year ranges and combinations."""
    from places.models import Area
    from practices.models import Theme

    divisions = list(Area.objects.of_level("division").values_list("key", flat=True))
    districts = list(
        Area.objects.of_level("district").order_by("pk").values_list("key", flat=True)[:6]
    )
    themes = list(Theme.objects.values_list("slug", flat=True)[:4])
    views = [{}]
    views += [{"division": key} for key in divisions]
    views += [{"district": key} for key in districts]
    views += [{"theme": slug} for slug in themes]
    views += [
        {"year_from": "2015-16", "year_to": "2019-20"},
        {"year_from": "2020-21"},
        {"division": divisions[0], "theme": themes[0], "year_from": "2016-17"},
        {"district": districts[0], "year_to": "2018-19"},
    ]
    return views


def _insert(model, columns, rows):
    """Insert plain tuples into a model's table in chunks (no model instances: millions of
    rows in seconds rather than minutes)."""
    from django.db import connection

    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(model._meta.get_field(c).column) for c in columns)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
    batch = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(row)
            if len(batch) >= CHUNK:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def _next_id(model):
    from django.db.models import Max

    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def _registry(benefits):
    """Synthetic households, persons and benefits in the unions that replicated a practice:
    each benefit is one practice's service to one person in one fiscal year."""
    from django.db import transaction
    from django.utils import timezone

    from practices.models import Replication, ReplicationStatus
    from registry.models import Benefit, Household, Person

    rng = random.Random(2026)
    pairs = list(
        Replication.objects.filter(
            status__in=(ReplicationStatus.COMPLETED, ReplicationStatus.ONGOING)
        ).values_list("practice_id", "lgi_id")
    )
    by_lgi = {}
    for practice_id, lgi_id in pairs:
        by_lgi.setdefault(lgi_id, []).append(practice_id)
    lgis = sorted(by_lgi)
    persons = max(1, benefits // BENEFITS_PER_PERSON)
    households = max(1, persons // PERSONS_PER_HOUSEHOLD)
    now = timezone.now()
    years = [f"{start}-{(start + 1) % 100:02d}" for start in range(2016, 2024)]
    first_household, first_person = _next_id(Household), _next_id(Person)
    household_lgi = [lgis[index % len(lgis)] for index in range(households)]
    with transaction.atomic():
        _insert(
            Household,
            [
                "id",
                "lgi",
                "ward",
                "village",
                "code",
                "female_headed",
                "member_with_disability",
                "elderly_member",
                "landless",
                "created_at",
                "updated_at",
            ],
            (
                (
                    first_household + index,
                    lgi,
                    1 + index % 9,
                    "",
                    f"B-{index}",
                    False,
                    False,
                    False,
                    False,
                    now,
                    now,
                )
                for index, lgi in enumerate(household_lgi)
            ),
        )
        _insert(
            Person,
            [
                "id",
                "household",
                "lgi",
                "name_bn",
                "name_en",
                "name_key",
                "sex",
                "relation",
                "disability",
                "id_type",
                "id_hash",
                "id_ciphertext",
                "id_last3",
                "created_at",
                "updated_at",
            ],
            (
                (
                    first_person + index,
                    first_household + index % households,
                    household_lgi[index % households],
                    "নমুনা",
                    "Sample",
                    "নমুনা",
                    "female" if index % 2 else "male",
                    "other",
                    "",
                    "",
                    "",
                    "",
                    "",
                    now,
                    now,
                )
                for index in range(persons)
            ),
        )

        def rows():
            for index in range(benefits):
                person = index % persons
                household = person % households
                lgi = household_lgi[household]
                practice = rng.choice(by_lgi[lgi])
                year = years[rng.randrange(len(years))]
                fingerprint = hashlib.md5(f"{index}".encode(), usedforsecurity=False).hexdigest()
                yield (
                    first_person + person,
                    first_household + household,
                    lgi,
                    practice,
                    year,
                    "সেবা",
                    fingerprint,
                    now,
                )

        _insert(
            Benefit,
            [
                "person",
                "household",
                "lgi",
                "practice",
                "fiscal_year",
                "in_kind",
                "fingerprint",
                "created_at",
            ],
            rows(),
        )
    return persons, households


def _prepare():
    import io

    from django.core.management import call_command

    from dashboards import aggregates as dashboard_aggregates
    from dashboards import demo as dashboards_demo
    from practices import demo as practices_demo
    from registry import aggregates as registry_aggregates

    quiet = {"verbosity": 0, "stdout": io.StringIO()}
    call_command("load_geography", **quiet)
    call_command("sync_roles", **quiet)
    practices_demo.load()
    dashboards_demo.load()
    started = time.monotonic()
    persons, households = _registry(BENEFITS)
    written = time.monotonic() - started
    started = time.monotonic()
    figures = registry_aggregates.rebuild()
    rebuilt = time.monotonic() - started
    dashboard_aggregates.refresh(None)
    print(
        f"  {BENEFITS:,} benefits of {persons:,} persons in {households:,} households written "
        f"in {written:.0f} s; {figures:,} registry figures built in {rebuilt:.0f} s",
        flush=True,
    )
    return figures


def _naive(params):
    """The headline figures of a view counted from the raw rows, as a page would without the
    aggregates."""
    from django.db.models import Count, Q, Sum

    from practices import fiscal
    from practices.budget import effective_lines
    from practices.models import BudgetAllocation, CircularPage, PracticePage, Replication
    from registry.models import Benefit

    area = Q()
    if params.get("district"):
        area = Q(lgi__district__key=params["district"])
    elif params.get("division"):
        area = Q(lgi__division__key=params["division"])
    theme = Q(practice__theme__slug=params["theme"]) if params.get("theme") else Q()
    years = Q()
    if params.get("year_from"):
        years &= Q(fiscal_year__gte=params["year_from"])
    if params.get("year_to"):
        years &= Q(fiscal_year__lte=params["year_to"])
    replications = Replication.objects.filter(area, theme, years, practice__live=True)
    completed = replications.filter(status="completed")
    figures = completed.aggregate(n=Count("pk"), lgis=Count("lgi", distinct=True))
    figures["budget"] = effective_lines(
        BudgetAllocation.objects.filter(area, theme, years, practice__live=True)
    ).aggregate(spent=Sum("spent"))["spent"]
    benefits = Benefit.objects.filter(area, theme, years, practice__isnull=False)
    figures["beneficiaries"] = sum(
        row["n"]
        for row in benefits.values("practice", "lgi")
        .annotate(n=Count("person", distinct=True))
        .order_by()
    )
    origin = Q(lgi__district__key=params["district"]) if params.get("district") else Q()
    if params.get("division"):
        origin &= Q(lgi__division__key=params["division"])
    practices = PracticePage.objects.live().filter(origin)
    if params.get("theme"):
        practices = practices.filter(theme__slug=params["theme"])
    figures["practices"] = practices.count()
    figures["best"] = practices.filter(is_best_practice=True).count()
    circulars = CircularPage.objects.live()
    if params.get("year_from"):
        circulars = circulars.filter(date_issued__gte=fiscal.parse(params["year_from"]).first_day)
    figures["circulars"] = circulars.count()
    return figures


def _time(call):
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def run():
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from hlp_site.models import HomePage

    rows = []
    original_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        with override_settings(ELASTICSEARCH_URL="", ALLOWED_HOSTS=["*"]):
            figures = _prepare()
            assert HomePage.objects.exists()
            client = Client()
            views = _views()
            paths = [
                "/dashboard/?" + "&".join(f"{k}={v}" for k, v in params.items()) for params in views
            ]
            for path in paths[:3]:
                if client.get(path).status_code != 200:
                    raise RuntimeError(f"{path} did not answer 200")
            cold, warm, naive = [], [], []
            for _round in range(ROUNDS):
                for path in paths:
                    cache.clear()
                    cold.append(_time(lambda path=path: client.get(path)))
                    warm.append(_time(lambda path=path: client.get(path)))
                for params in views:
                    naive.append(_time(lambda params=params: _naive(params)))
            vendor = connection.vendor
            note = (
                f"{len(views)} views × {ROUNDS} rounds; {BENEFITS:,} benefits, "
                f"{figures:,} registry figures"
            )
            naive_p95 = _percentile(naive, 0.95)
            for label, samples in (("cold (cache miss)", cold), ("warm (cached)", warm)):
                p95 = _percentile(samples, 0.95)
                rows.append(
                    {
                        "benchmark": f"dashboard ({vendor})",
                        "metric": f"p95 ms, {label}",
                        "value": p95,
                        "baseline": naive_p95,
                        "ratio": naive_p95 / p95 if p95 else None,
                        "note": f"baseline: naive headline counts, p95; {note}"
                        if label.startswith("cold")
                        else f"p50 {statistics.median(samples):.1f} ms",
                    }
                )
            rows.append(
                {
                    "benchmark": f"dashboard ({vendor})",
                    "metric": "p50 ms, cold / naive",
                    "value": statistics.median(cold),
                    "baseline": statistics.median(naive),
                    "ratio": statistics.median(naive) / statistics.median(cold),
                    "note": "naive counts only the headline; the page also draws charts and a map",
                }
            )
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)
    return rows


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlp_site.settings.test")
    import django

    django.setup()
    from benchmarks.__main__ import _table

    _table(run())
