"""`make bench` at a small size: every benchmark runs and prints its figures beside baselines.

The full sizes take many minutes and belong to a person measuring; this run proves in CI that
the command works and that each figure it prints comes with the baseline it is compared with.
"""

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from xml.etree import ElementTree

from django.db import connection

import pytest

ROOT = Path(__file__).resolve().parents[2]
SMALL = {
    "SEARCH_BENCH_SIZES": "150,300",
    "BENCH_REGISTRY_ROWS": "3000",
    "BENCH_REGISTRY_NAIVE": "300",
    "BENCH_BENEFITS": "5000",
    "BENCH_PAGE_REPLICATIONS": "60",
    "BENCH_PAGE_ROUNDS": "3",
    "BENCH_DOWNLOAD_ROUNDS": "1",
    "BENCH_DOWNLOAD_TABLES": "replications",
    "BENCH_DASHBOARD_ROUNDS": "1",
    "BENCH_FIGURES_ROUNDS": "5",
    "BENCH_RELEVANCE_PER_KIND": "3",
    "BENCH_RELEVANCE_CONFIGURED_ONLY": "1",
    # One journey: the suite runs them all, in both sizes and languages; here the benchmark
    # shows it reads a journey's count from its browser test.
    "BENCH_JOURNEYS_SELECT": "records_a_replication_on_a_phone",
    "BENCH_DIGEST_FOLLOWERS": "300",
}
MODULES = ("dashboard", "digest", "pages", "registry", "search")
ON_CI = os.environ.get("CI", "").lower() == "true"


def _environment(charts):
    env = dict(
        os.environ, **SMALL, DJANGO_SETTINGS_MODULE="hlp_site.settings.test", BENCH_OUT=str(charts)
    )
    url = env.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        # The benchmarks make their scratch databases from this name: never the suite's own.
        env["DATABASE_URL"] = urlunsplit(urlsplit(url)._replace(path="/hlp_bench_smoke"))
    if env.get("ELASTICSEARCH_URL"):
        env["SEARCH_INDEX_PREFIX"] = "hlp-bench-smoke"
    return env


def _table(output):
    lines = output.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("benchmark "))
    columns = lines[header]
    names = ("benchmark", "metric", "value", "baseline", "ratio", "load", "note")
    starts = [columns.index(name) for name in names]
    rows = []
    for line in lines[header + 2 :]:
        if not line.strip():
            break  # the table ends; what follows (the charts' folder) is not a row
        cells = [
            line[start:end].strip() for start, end in zip(starts, [*starts[1:], None], strict=True)
        ]
        rows.append(dict(zip(names, cells, strict=True)))
    return rows


@pytest.mark.django_db
def test_every_benchmark_prints_its_figures_beside_a_baseline(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks"],
        cwd=ROOT,
        env=_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for module in MODULES:
        assert re.search(rf"^{module}_bench( at [\d,]+)? done", result.stdout, re.M), module
    skipped = [line for line in result.stdout.splitlines() if "skipped" in line]
    if ON_CI:
        # CI starts every service: a part of a benchmark that could not reach one is a failure.
        assert skipped == [], skipped
    # The run names its commit and machine, and each row the load average it was measured at.
    assert re.search(
        r"^Figures at \S+, .* on \d+ cores.*; load average [\d.]+$", result.stdout, re.M
    )
    rows = _table(result.stdout)
    assert all(re.fullmatch(r"[\d.]+ → [\d.]+", row["load"]) for row in rows), rows[:3]
    benchmarks = {row["benchmark"].split(" ")[0].rstrip(",") for row in rows}
    assert {"digest", "pages", "search"} <= benchmarks
    if ON_CI:
        # CI has Chromium: the journeys' action counts are read from their browser tests.
        assert "journeys" in benchmarks, result.stdout[-2000:]
    if connection.vendor == "postgresql":
        # The registry and dashboard benchmarks measure PostgreSQL only.
        assert {"registry", "dashboard"} <= benchmarks, sorted(benchmarks)
    compared = [row for row in rows if row["baseline"]]
    assert len(compared) >= 10
    for row in compared:
        assert row["value"] and row["ratio"], row
        float(row["ratio"].replace(",", ""))
    # The search benchmark ran at both sizes, and each of its figures is drawn against them.
    assert any(row["benchmark"].startswith("search @ 150 documents") for row in rows)
    assert any(row["benchmark"].startswith("search @ 300 documents") for row in rows)
    charts = sorted(tmp_path.glob("search*.svg"))
    assert charts, result.stdout[-2000:]
    for chart in charts:
        svg = ElementTree.parse(chart).getroot()
        assert (
            svg.tag.endswith("svg") and svg.find("{http://www.w3.org/2000/svg}polyline") is not None
        )
