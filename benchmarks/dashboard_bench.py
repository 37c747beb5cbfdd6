"""The dashboard with a scaled registry, on PostgreSQL: page time per filtered view, beside the
naive way of answering the same headline figures straight from the raw rows.

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
| figures page p95 | /registry/impact/<practice>/ as NILG's registry officers see it |
| naive figures p95 | the same figures by a naive `GROUP BY` over its benefit rows |

The figures page is the practice's with the most benefits.

The ratio is naive ÷ ours. Above NAIVE_ONCE benefits the naive baselines run one round, and
the dashboard's over every fourth view only (each takes seconds). The national scale, 20
million benefits of 5 million persons: `BENCH_BENEFITS=20000000 python -m benchmarks dashboard`.
Run alone with `python -m benchmarks.dashboard_bench`.
"""

import os
import statistics
import time

from benchmarks import create_scratch_database, load_practices_demo, milliseconds, percentile

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
ROUNDS = int(os.environ.get("BENCH_DASHBOARD_ROUNDS") or 5)
NAIVE_ONCE = 2_000_000
FIGURES_ROUNDS = int(os.environ.get("BENCH_FIGURES_ROUNDS") or 40)


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


def _registry(benefits):
    """Synthetic households, persons and benefits in the unions that replicated a practice:
    each benefit is one practice's service to one person in one fiscal year. Generated inside
    PostgreSQL (generate_series), so that the national scale, 20 million benefits, is written
    in minutes: household h is in union h mod U, person p in household p mod H, benefit b is
    person b mod P's, from a practice that union replicated and in a fiscal year, both drawn by
    a hash of b."""
    from django.db import connection, transaction

    from practices.models import Replication, ReplicationStatus
    from registry.models import Benefit, Household, Person

    pairs = sorted(
        Replication.objects.filter(
            status__in=(ReplicationStatus.COMPLETED, ReplicationStatus.ONGOING)
        ).values_list("lgi_id", "practice_id")
    )
    # A union's practices numbered 0, 1, … within it; a benefit's hash picks one.
    numbered, counts = [], {}
    for lgi, practice in pairs:
        numbered.append((lgi, counts.get(lgi, 0), practice))
        counts[lgi] = counts.get(lgi, 0) + 1
    lgis = sorted(counts)
    persons = max(1, benefits // BENEFITS_PER_PERSON)
    households = max(1, persons // PERSONS_PER_HOUSEHOLD)
    years = [f"{start}-{(start + 1) % 100:02d}" for start in range(2016, 2024)]
    household, person, benefit = (m._meta.db_table for m in (Household, Person, Benefit))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE bench_choice (lgi integer, k integer, practice integer) "
            "ON COMMIT DROP"
        )
        cursor.executemany("INSERT INTO bench_choice VALUES (%s, %s, %s)", numbered)
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {household}")
        first_household = cursor.fetchone()[0] + 1
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {person}")
        first_person = cursor.fetchone()[0] + 1
        params = {
            "lgis": lgis,
            "counts": [counts[lgi] for lgi in lgis],
            "u": len(lgis),
            "h0": first_household,
            "p0": first_person,
            "H": households,
            "P": persons,
            "B": benefits,
            "years": years,
            "y": len(years),
        }
        cursor.execute(
            f"""
            INSERT INTO {household} (id, lgi_id, ward, village, code, female_headed,
                member_with_disability, elderly_member, landless, created_at, updated_at)
            SELECT %(h0)s + h, (%(lgis)s::integer[])[1 + h %% %(u)s], 1 + h %% 9, '',
                'B-' || h, false, false, false, false, now(), now()
            FROM generate_series(0, %(H)s - 1) AS h
            """,
            params,
        )
        cursor.execute(
            f"""
            INSERT INTO {person} (id, household_id, lgi_id, name_bn, name_en, name_key, sex,
                relation, disability, id_type, id_hash, id_ciphertext, id_last3, created_at,
                updated_at)
            SELECT %(p0)s + p, %(h0)s + p %% %(H)s,
                (%(lgis)s::integer[])[1 + (p %% %(H)s) %% %(u)s], 'নমুনা', 'Sample', 'নমুনা',
                CASE WHEN p %% 2 = 1 THEN 'female' ELSE 'male' END, 'other', '', '', '', '', '',
                now(), now()
            FROM generate_series(0, %(P)s - 1) AS p
            """,
            params,
        )
        cursor.execute(
            f"""
            INSERT INTO {benefit} (person_id, household_id, lgi_id, practice_id, fiscal_year,
                in_kind, fingerprint, created_at)
            SELECT %(p0)s + g.p, %(h0)s + g.h, (%(lgis)s::integer[])[g.u], c.practice,
                (%(years)s::text[])[1 + (g.hash / 7) %% %(y)s], 'সেবা', md5(g.b::text), now()
            FROM (
                SELECT b, p, h, 1 + h %% %(u)s AS u, abs(hashtext(b::text)::bigint) AS hash
                FROM generate_series(0, %(B)s - 1) AS b,
                    LATERAL (SELECT b %% %(P)s AS p) AS person,
                    LATERAL (SELECT p %% %(H)s AS h) AS household
            ) AS g
            JOIN bench_choice AS c
                ON c.lgi = (%(lgis)s::integer[])[g.u]
                AND c.k = g.hash %% (%(counts)s::integer[])[g.u]
            """,
            params,
        )
        cursor.execute(f"ANALYZE {household}, {person}, {benefit}")
    return persons, households


def _prepare():
    from dashboards import aggregates as dashboard_aggregates
    from registry import aggregates as registry_aggregates

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


def _figures_page(client, note):
    """The registry figures page of the practice with the most benefits, for a registry
    officer of NILG (national reach), beside a naive GROUP BY over its benefit rows."""
    from django.contrib.auth.models import Group, User
    from django.db.models import Count

    from portal import roles
    from portal.models import UserProfile
    from practices.models import PracticePage
    from registry.models import Benefit

    from .registry_bench import _naive_figures

    top = (
        Benefit.objects.values("practice")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("practice", "n")
        .first()
    )
    practice_id, benefits = top
    practice = PracticePage.objects.get(pk=practice_id)
    reader = User.objects.create_user("bench-national-officer", password="bench-password-123")
    reader.groups.add(Group.objects.get(name=roles.REGISTRY_OFFICER))
    UserProfile.objects.create(user=reader, national_scope=True)
    client.force_login(reader)
    path = f"/en/registry/impact/{practice.pk}/"
    if client.get(path).status_code != 200:
        raise RuntimeError(f"{path} did not answer 200")
    page = milliseconds(lambda: client.get(path), FIGURES_ROUNDS)
    rounds = 1 if BENEFITS > NAIVE_ONCE else ROUNDS
    naive = milliseconds(lambda: _naive_figures(practice), rounds)
    client.logout()
    rows = []
    for name, fraction in (("p50", 0.5), ("p95", 0.95)):
        ours, theirs = percentile(page, fraction), percentile(naive, fraction)
        rows.append(
            {
                "benchmark": "registry figures page (dashboard data)",
                "metric": f"{name} ms",
                "value": ours,
                "baseline": theirs,
                "ratio": theirs / ours,
                "note": (
                    f"the practice with the most benefits ({benefits:,}); naive GROUP BY beside "
                    f"(target p95 < 50); {note}"
                ),
            }
        )
    return rows


def run():
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from hlp_site.models import HomePage

    if connection.vendor != "postgresql":
        print("dashboard_bench skipped: DATABASE_URL does not point at PostgreSQL", flush=True)
        return []
    rows = []
    original_name = connection.settings_dict["NAME"]
    try:
        with override_settings(ELASTICSEARCH_URL="", ALLOWED_HOSTS=["*"]):
            create_scratch_database(connection, fill=load_practices_demo)
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
            for round_ in range(ROUNDS):
                for path in paths:
                    cache.clear()
                    cold += milliseconds(lambda path=path: client.get(path))
                    warm += milliseconds(lambda path=path: client.get(path))
                # Above NAIVE_ONCE, every fourth view once.
                many = BENEFITS <= NAIVE_ONCE
                for params in views if many else views[::4] if round_ == 0 else []:
                    naive += milliseconds(lambda params=params: _naive(params))
            vendor = connection.vendor
            note = (
                f"{len(views)} views × {ROUNDS} rounds; {BENEFITS:,} benefits, "
                f"{figures:,} registry figures"
                + ("" if BENEFITS <= NAIVE_ONCE else f"; naive: {len(naive)} views once")
            )
            naive_p95 = percentile(naive, 0.95)
            for label, samples in (("cold (cache miss)", cold), ("warm (cached)", warm)):
                p95 = percentile(samples, 0.95)
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
            rows += _figures_page(client, note)
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
