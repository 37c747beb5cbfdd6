"""The open data downloads at demo size: a table's CSV and Excel file made the first time, and
the same download again, beside the way they were made before (one API serializer per row,
field names for headers, no names beside the codes) measured in the same run.

In a scratch database (the one DATABASE_URL selects) with the geography and the practices demo
(≈174 practices, ≈7,000 replications, ≈15,000 budget lines), each download is asked for through
the full middleware stack (Django's test client) ROUNDS times:

| metric | what it is |
|---|---|
| first | the cache emptied before each request: rows read, names looked up, file written |
| repeat | the same download again, from the cache (kept per data version) |
| baseline | the file made the old way: a serializer per row, then CSV or openpyxl |

The targets: a first CSV of 15,000 rows under 1 s, its Excel file under 3 s, a repeat instant.
Run alone with `python -m benchmarks.downloads_bench`.
"""

import csv
import io
import os
import statistics
import time

from . import create_scratch_database, load_practices_demo

ROUNDS = int(os.environ.get("BENCH_DOWNLOAD_ROUNDS", "3"))
TABLES = tuple(
    (os.environ.get("BENCH_DOWNLOAD_TABLES") or "budget-allocations,replications").split(",")
)
TARGETS = {"csv": 1.0, "xlsx": 3.0}


def _old_rows(table, rows):
    """Each row as the API publishes it, one serializer per row: how the downloads read their
    rows before."""
    for row in rows.iterator(chunk_size=2000):
        yield table.serializer(row).data


def _old_csv(table, rows):
    names = [name for name, *_rest in table.fields()]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(names)
    for row in _old_rows(table, rows):
        writer.writerow([row.get(name) for name in names])
    return buffer.getvalue().encode("utf-8-sig")


def _old_xlsx(table, rows):
    from openpyxl import Workbook

    names = [name for name, *_rest in table.fields()]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(table.slug)
    sheet.append(names)
    for row in _old_rows(table, rows):
        sheet.append([_plain(row.get(name)) for name in names])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _plain(value):
    return ";".join(map(str, value)) if isinstance(value, list) else value


def _seconds(call, cpu=None):
    started, used = time.perf_counter(), time.process_time()
    call()
    if cpu is not None:
        cpu.append(time.process_time() - used)
    return time.perf_counter() - started


def _download(client, path):
    response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code}")
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return response, data


def run():
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings
    from django.utils import translation

    from dashboards.opendata import TABLES_BY_SLUG

    rows = []
    original_name = connection.settings_dict["NAME"]
    try:
        with override_settings(ELASTICSEARCH_URL="", ALLOWED_HOSTS=["*"]):
            create_scratch_database(connection, fill=load_practices_demo)
            client = Client()
            vendor = connection.vendor
            for slug in TABLES:
                table = TABLES_BY_SLUG[slug]
                count = table.rows({})[1].count()
                for fmt, old in (("csv", _old_csv), ("xlsx", _old_xlsx)):
                    path = f"/data/{slug}.{fmt}"
                    first, repeat, baseline, cpu, old_cpu = [], [], [], [], []
                    for _round in range(ROUNDS):
                        cache.clear()
                        first.append(_seconds(lambda path=path: _download(client, path), cpu))
                        response, _data = _download(client, path)
                        assert response.get("X-Download-Cache") == "hit", path
                        repeat.append(_seconds(lambda path=path: _download(client, path)))
                        with translation.override("bn"):
                            _form, queryset = table.rows({})
                            baseline.append(
                                _seconds(lambda t=table, q=queryset, o=old: o(t, q), old_cpu)
                            )
                    new, was = statistics.median(first), statistics.median(baseline)
                    again = statistics.median(repeat)
                    target = TARGETS[fmt]
                    rows.append(
                        {
                            "benchmark": f"download {slug}.{fmt} ({vendor})",
                            "metric": "s, first (median)",
                            "value": new,
                            "baseline": was,
                            "ratio": was / new if new else None,
                            "note": f"{count:,} rows; target < {target:g} s "
                            + ("✓" if new < target else "✗")
                            + f"; CPU {statistics.median(cpu):.2f} s, baseline's "
                            + f"{statistics.median(old_cpu):.2f} s; baseline: a serializer per "
                            + "row, codes only",
                        }
                    )
                    rows.append(
                        {
                            "benchmark": f"download {slug}.{fmt} ({vendor})",
                            "metric": "ms, repeat (cached)",
                            "value": again * 1000,
                            "baseline": new * 1000,
                            "ratio": new / again if again else None,
                            "note": f"{ROUNDS} rounds; baseline: the first download",
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
