"""The registry at scale, on PostgreSQL: importing a union's list, and a practice's figures.

In a scratch database (a test database beside the one DATABASE_URL names):

* import rows/s — a CSV of ROWS person + benefit rows through the import framework, the commit
  (pass 2: every row parsed again and written); beside it the same rows parsed the same way and
  saved with ``bulk_create`` in batches of 1,000 (what a developer would write next), the floor
  of any import into this schema (the very rows the import wrote, loaded again by COPY into the
  registry's own tables, with their indexes and constraints, and committed), PostgreSQL's COPY
  of the file into a plain table, and, for reference, a ``save()`` loop over a 10,000-row
  sample. The dry run (pass 1) is printed too. Every ratio is "times better than the baseline"
  (the import's rows/s over the baseline's).
* figures page p50/p95 — /registry/impact/<practice>/ through the full middleware stack, over
  5 × ROWS benefits of the practice; beside it the same figures by a naive GROUP BY over the
  benefit rows.

Targets: the import within 2× of the floor (ratio ≥ 0.5); page p95 under 50 ms.

``python -m benchmarks.registry_bench --rows 100000`` runs it smaller (ROWS defaults to
1,000,000, or BENCH_REGISTRY_ROWS); without PostgreSQL it says so and skips.
"""

import argparse
import csv
import datetime
import os
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from unittest import mock

from benchmarks import create_scratch_database, milliseconds, percentile

DEFAULT_ROWS = int(os.environ.get("BENCH_REGISTRY_ROWS", "1000000"))
# `make bench` runs it at each of these sizes (benchmarks/__main__.py); with BENCH_REGISTRY_ROWS
# set and no sizes, at that one.
SIZE = (
    "DEFAULT_ROWS",
    "rows",
    "BENCH_REGISTRY_SIZES",
    os.environ.get("BENCH_REGISTRY_ROWS") or "10000,100000,1000000",
)
# The save() loop runs at tens of rows a second: a sample of the rows is enough.
NAIVE_SAMPLE = int(os.environ.get("BENCH_REGISTRY_NAIVE", "10000"))
EXTRA_YEARS = ("2019-20", "2020-21", "2021-22", "2022-23")
PAGE_ROUNDS = 40
NAIVE_ROUNDS = 5
HEADER = [
    "Household code",
    "Ward",
    "Village or para",
    "Name (Bangla)",
    "Sex",
    "Date of birth",
    "Relation to the head",
    "Identity number",
    "Fiscal year",
    "Amount (BDT)",
]
MEMBERS = [
    ("head", "male", 1960),
    ("spouse", "female", 1965),
    ("son", "male", 1990),
    ("daughter", "female", 1995),
]


def write_list(path, rows, first_household=0):
    """A union's list: four persons a household, each with a benefit; heads and spouses have
    an NID. Written row by row."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for index in range(rows):
            household, member = divmod(index, len(MEMBERS))
            household += first_household
            relation, sex, year = MEMBERS[member]
            born = datetime.date(year, 1 + household % 12, 1 + household % 28)
            writer.writerow(
                [
                    f"H{household:07d}",
                    1 + household % 9,
                    "উত্তরপাড়া",
                    f"সদস্য {household} {member}",
                    sex,
                    born.strftime("%d/%m/%Y"),
                    relation,
                    f"{year}{household:013d}" if member < 2 else "",
                    "2023-24",
                    "7200",
                ]
            )
    return path


def _prepare():
    """Geography, roles, one practice replicated in one union, and the users."""
    import io

    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from hlp_site.models import HomePage
    from places.models import Area
    from portal import roles
    from portal.models import UserProfile
    from practices.models import PracticeIndexPage, PracticePage, Replication, Theme
    from registry.models import ensure_standard_programmes

    quiet = {"verbosity": 0, "stdout": io.StringIO()}
    call_command("load_geography", **quiet)
    call_command("sync_roles", **quiet)
    ensure_standard_programmes()
    union, naive_union = Area.objects.lgis().order_by("pk")[:2]
    home = HomePage.objects.first()
    index = home.add_child(instance=PracticeIndexPage(title="ভালো শিখন", slug="practices"))
    theme = Theme.objects.create(name_bn="থিম", name_en="Theme", slug="bench")
    practice = index.add_child(
        instance=PracticePage(
            title="পরিমাপের ভালো শিখন",
            slug="bench",
            summary_bn="সারসংক্ষেপ",
            theme=theme,
            lgi=union,
            year_identified=2015,
        )
    )
    Replication.objects.create(practice=practice, lgi=naive_union, status="completed")
    officer = User.objects.create_user("bench-officer", password="bench-password-123")
    officer.groups.add(Group.objects.get(name=roles.REGISTRY_OFFICER))
    UserProfile.objects.create(user=officer).lgis.set([union, naive_union])
    # The figures page by fiscal year and district is NILG's registry officers'.
    reader = User.objects.create_user("bench-reader", password="bench-password-123")
    reader.groups.add(Group.objects.get(name=roles.REGISTRY_OFFICER))
    UserProfile.objects.create(user=reader, national_scope=True)
    return union, naive_union, practice, officer, reader


def _import(path, union, practice, officer):
    from django.core.files import File

    from imports import runner
    from imports.models import ImportJob
    from registry.importers import KIND
    from registry.tasks import detect_duplicates

    job = ImportJob(
        kind=KIND,
        original_name=path.name,
        file_size=path.stat().st_size,
        uploaded_by=officer,
        scope=union,
        options={"practice": practice.pk},
    )
    with open(path, "rb") as handle:
        job.file.save(path.name, File(handle), save=False)
    job.save()
    started = time.monotonic()
    status = runner.check(job.pk)
    checked = time.monotonic() - started
    if status != ImportJob.Status.VALID:
        raise RuntimeError(f"the benchmark's file did not pass the check: {status}")
    # The duplicate check the commit queues runs in a worker of its own once the commit is
    # done, as in production: here it is queued to a list and timed after the commit.
    queued = []
    started = time.monotonic()
    with mock.patch.object(detect_duplicates, "delay", lambda *args: queued.append(args)):
        status = runner.commit(job.pk)
    committed = time.monotonic() - started
    if status != ImportJob.Status.COMMITTED:
        job.refresh_from_db()
        raise RuntimeError(f"the commit failed: {status} {job.error_message}")
    started = time.monotonic()
    for args in queued:
        detect_duplicates(*args)
    return job.pk, checked, committed, time.monotonic() - started


def _copy(path):
    """PostgreSQL's COPY of the same file into a plain table with the same columns."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_registry_copy")
        cursor.execute(
            "CREATE TABLE bench_registry_copy (household_code text, ward integer, village text, "
            "name text, sex text, date_of_birth text, relation text, identity_number text, "
            "fiscal_year text, amount numeric)"
        )
        started = time.monotonic()
        with (
            open(path, "rb") as handle,
            cursor.copy(
                "COPY bench_registry_copy FROM STDIN WITH (FORMAT csv, HEADER true)"
            ) as copy,
        ):
            while chunk := handle.read(1 << 20):
                copy.write(chunk)
        elapsed = time.monotonic() - started
        cursor.execute("DROP TABLE bench_registry_copy")
    return elapsed


def _floor(job_pk):
    """The rows the import wrote, copied out, removed and loaded again with COPY into the same
    tables in one transaction (the deferred foreign-key checks run at its commit); returns the
    seconds the load and commit took. The registry holds nothing else at this point, so the
    tables are emptied with TRUNCATE and end as the import left them."""
    import io

    from django.db import connection, transaction

    from registry.models import Benefit, DuplicateFlag, Household, Merge, Person

    tables = [model._meta.db_table for model in (Household, Person, Benefit)]
    copied = {}
    with connection.cursor() as cursor:
        for table in tables:
            buffer = io.BytesIO()
            with cursor.copy(f"COPY (SELECT * FROM {table} WHERE source_import = %s) TO STDOUT",
                             [job_pk]) as copy:  # fmt: skip
                for chunk in copy:
                    buffer.write(chunk)
            copied[table] = buffer.getvalue()
        flags = [model._meta.db_table for model in (Merge, DuplicateFlag)]
        cursor.execute(f"TRUNCATE {', '.join(flags + tables)}")
    started = time.monotonic()
    with transaction.atomic(), connection.cursor() as cursor:
        for table in tables:
            with cursor.copy(f"COPY {table} FROM STDIN") as copy:
                copy.write(copied[table])
    return time.monotonic() - started


def _naive(path, union, practice):
    """The same rows saved one model at a time, the way a first version would."""
    from django.db import transaction

    from practices.models import Replication
    from registry.identity import parse_identity
    from registry.models import Benefit, Household, Person

    replication = Replication.objects.get(practice=practice, lgi=union)
    started = time.monotonic()
    # One transaction, as a first version's view would run it: the portal's figures are then
    # recounted once at the commit, not after every row.
    with transaction.atomic(), open(path, encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        for code, ward, village, name, sex, born, relation, number, year, amount in reader:
            household, _created = Household.objects.get_or_create(
                lgi=union, code=code, defaults={"ward": int(ward), "village": village}
            )
            born = datetime.datetime.strptime(born, "%d/%m/%Y").date()
            person = Person(
                household=household, name_bn=name, sex=sex, date_of_birth=born, relation=relation
            )
            person.set_identity(parse_identity(number, None, born))
            person.save()
            Benefit(
                person=person, replication=replication, fiscal_year=year, amount=Decimal(amount)
            ).save()
    return time.monotonic() - started


def _bulk(path, union, practice, batch=1000):
    """The same rows written the way a developer would write an import next: parsed and checked
    as the import does (dates, identity numbers, the household found or made), then saved with
    `bulk_create` in batches of 1,000, in one transaction."""
    from django.db import transaction

    from bangla import name_key
    from practices.models import Replication
    from registry.identity import parse_identity
    from registry.models import Benefit, Household, Person
    from registry.models.benefits import BenefitRow, benefit_fingerprint, prepare

    replication = Replication.objects.get(practice=practice, lgi=union)
    started = time.monotonic()

    def write(rows):
        codes = {row[0] for row in rows}
        households = {h.code: h for h in Household.objects.filter(lgi=union, code__in=codes)}
        new = [
            Household(lgi=union, code=code, ward=int(ward), village=village)
            for code, ward, village, *_rest in {row[0]: row for row in rows}.values()
            if code not in households
        ]
        for household in Household.objects.bulk_create(new):
            households[household.code] = household
        people, amounts = [], []
        for code, _ward, _village, name, sex, born, relation, number, year, amount in rows:
            born = datetime.datetime.strptime(born, "%d/%m/%Y").date()
            household = households[code]
            person = Person(
                household=household,
                lgi_id=household.lgi_id,
                name_bn=name,
                name_key=name_key(name),
                sex=sex,
                date_of_birth=born,
                relation=relation,
            )
            person.set_identity(parse_identity(number, None, born))
            people.append(person)
            amounts.append((year, Decimal(amount)))
        Person.objects.bulk_create(people)
        benefits = []
        for person, (year, amount) in zip(people, amounts, strict=True):
            benefit = Benefit(
                person=person,
                household_id=person.household_id,
                lgi_id=person.lgi_id,
                replication=replication,
                practice_id=replication.practice_id,
                fiscal_year=year,
                amount=amount,
            )
            benefit.fingerprint = benefit_fingerprint(
                benefit.practice_id, None, year, None, amount, ""
            )
            benefits.append(benefit)
        # The registry's figures counted as every benefit's save() counts them.
        counted = [BenefitRow.of(benefit) for benefit in benefits]
        pending = prepare(counted)
        Benefit.objects.bulk_create(benefits)
        pending.apply(counted)

    with transaction.atomic(), open(path, encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        rows = []
        for row in reader:
            rows.append(row)
            if len(rows) == batch:
                write(rows)
                rows = []
        if rows:
            write(rows)
    return time.monotonic() - started


def _more_benefits(practice):
    """Four more fiscal years of the practice's benefits for every person, in SQL."""
    from django.db import connection

    from registry import aggregates

    years = ", ".join(f"('{year}')" for year in EXTRA_YEARS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO registry_benefit (person_id, household_id, lgi_id, practice_id,
                replication_id, programme_id, date, fiscal_year, amount, in_kind, fingerprint,
                source_import, created_at)
            SELECT b.person_id, b.household_id, b.lgi_id, b.practice_id, b.replication_id,
                NULL, NULL, y.year, b.amount, '', md5(b.fingerprint || y.year), NULL, now()
            FROM registry_benefit b CROSS JOIN (VALUES {years}) AS y(year)
            WHERE b.practice_id = %s
            """,
            [practice.pk],
        )
        cursor.execute("ANALYZE registry_benefit")
    started = time.monotonic()
    aggregates.rebuild()
    return time.monotonic() - started


def _naive_figures(practice):
    from django.db.models import Count

    from registry.models import Benefit

    rows = Benefit.objects.filter(practice=practice)
    list(
        rows.values("fiscal_year")
        .annotate(p=Count("person", distinct=True), h=Count("household", distinct=True))
        .order_by()
    )
    list(
        rows.values("lgi__district")
        .annotate(p=Count("person", distinct=True), h=Count("household", distinct=True))
        .order_by()
    )
    rows.aggregate(p=Count("person", distinct=True), h=Count("household", distinct=True))


def run(rows=None):
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from registry.models import Benefit

    rows = rows or DEFAULT_ROWS
    if connection.vendor != "postgresql":
        print("registry_bench skipped: DATABASE_URL does not point at PostgreSQL", flush=True)
        return []
    results = []
    original_name = connection.settings_dict["NAME"]
    create_scratch_database(connection)
    try:
        with (
            tempfile.TemporaryDirectory() as folder,
            override_settings(
                ALLOWED_HOSTS=["*"],
                MEDIA_ROOT=Path(folder) / "media",
                CELERY_TASK_ALWAYS_EAGER=True,
            ),
        ):
            union, naive_union, practice, officer, reader = _prepare()
            path = write_list(Path(folder) / "list.csv", rows)
            print(f"  {rows:,} rows written to {path.stat().st_size / 1e6:.0f} MB", flush=True)

            copy_seconds = _copy(path)
            job_pk, checked, committed, duplicates = _import(path, union, practice, officer)
            copy_rate, import_rate = rows / copy_seconds, rows / committed
            floor_rate = rows / _floor(job_pk)
            print(
                f"  dry run {rows / checked:,.0f} rows/s; commit {import_rate:,.0f} rows/s; "
                f"COPY {copy_rate:,.0f} rows/s; its rows COPY'd into the registry "
                f"{floor_rate:,.0f} rows/s",
                flush=True,
            )
            sample = min(NAIVE_SAMPLE, rows)
            sample_path = write_list(Path(folder) / "sample.csv", sample, first_household=10**6)
            naive_rate = sample / _naive(sample_path, naive_union, practice)
            bulk_path = write_list(Path(folder) / "bulk.csv", rows, first_household=2 * 10**6)
            bulk_rate = rows / _bulk(bulk_path, naive_union, practice)
            results += [
                {
                    "benchmark": "registry import",
                    "metric": "commit rows/s",
                    "value": import_rate,
                    "baseline": bulk_rate,
                    "ratio": import_rate / bulk_rate,
                    "note": f"bulk_create in batches of 1,000, same parsing, {rows:,} rows",
                },
                {
                    "benchmark": "registry import",
                    "metric": "commit rows/s",
                    "value": import_rate,
                    "baseline": floor_rate,
                    "ratio": import_rate / floor_rate,
                    "note": (
                        "floor: its rows COPY'd into the registry's tables, "
                        f"{copy_rate / floor_rate:.1f}× below plain COPY (target ratio ≥ 0.5)"
                    ),
                },
                {
                    "benchmark": "registry import",
                    "metric": "commit rows/s",
                    "value": import_rate,
                    "baseline": copy_rate,
                    "ratio": import_rate / copy_rate,
                    "note": "COPY into a plain table: no import into this schema gets near it",
                },
                {
                    "benchmark": "registry import",
                    "metric": "commit rows/s",
                    "value": import_rate,
                    "baseline": naive_rate,
                    "ratio": import_rate / naive_rate,
                    "note": f"for reference: a save() loop on {sample:,} rows, one transaction",
                },
                {
                    "benchmark": "registry import",
                    "metric": "duplicate check rows/s",
                    "value": rows / duplicates,
                    "note": "queued by the commit; runs in a worker once it is done",
                },
                {
                    "benchmark": "registry import",
                    "metric": "dry run rows/s",
                    "value": rows / checked,
                    "note": f"{rows:,} rows",
                },
            ]

            rebuilt = _more_benefits(practice)
            benefits = Benefit.objects.filter(practice=practice).count()
            print(f"  {benefits:,} benefits; figures rebuilt in {rebuilt:.1f} s", flush=True)
            client = Client()
            client.force_login(reader)
            path_of_page = f"/en/registry/impact/{practice.pk}/"
            if client.get(path_of_page).status_code != 200:
                raise RuntimeError(f"{path_of_page} did not answer 200")
            page = milliseconds(lambda: client.get(path_of_page), PAGE_ROUNDS)
            naive = milliseconds(lambda: _naive_figures(practice), NAIVE_ROUNDS)
            for name, fraction in (("p50", 0.5), ("p95", 0.95)):
                results.append(
                    {
                        "benchmark": "registry figures page",
                        "metric": f"{name} ms",
                        "value": percentile(page, fraction),
                        "baseline": percentile(naive, fraction),
                        "ratio": percentile(naive, fraction) / percentile(page, fraction),
                        "note": f"{benefits:,} benefits; naive GROUP BY beside (target p95 < 50)",
                    }
                )
            results.append(
                {
                    "benchmark": "registry figures page",
                    "metric": "mean ms",
                    "value": statistics.mean(page),
                    "note": "through the full middleware stack",
                }
            )
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="rows in the list")
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlp_site.settings.test")
    import django

    django.setup()
    from benchmarks.__main__ import _table

    _table(run(options.rows))


if __name__ == "__main__":
    main()
