"""Actions a working user takes for a whole task in the browser, beside the count measured by
hand before (about 35 to create and submit a practice, about 45 to record a workshop with three
decisions).

The journeys are the browser tests that print "<journey> (<width>): <n> actions"; they run here
in pytest on the machine's Chromium (SQLite, no service), and each printed count is a row.
Without Chromium the rows say why they are missing. BENCH_JOURNEYS_SELECT, a pytest `-k`
expression, runs some of them only (a quick run).
"""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JOURNEY_TESTS = [
    "tests/practices/test_editor_journey_browser.py",
    "tests/practices/test_we_did_this_browser.py",
    "tests/workshops/test_workshop_journey_browser.py",
    "tests/registry/test_officer_journey_browser.py",
    "tests/dashboards/test_policymaker_journey_browser.py",
]
# Counted by hand in the issue (Chromium, 1366 px and 360 px), before the work.
BEFORE = {
    "UP editor, create and submit a practice": 35,
    "NILG curator, record a workshop with three decisions": 45,
}
TARGET = {
    "UP editor, create and submit a practice": 15,
    "UP editor, record a replication": 6,
    "NILG curator, record a workshop with three decisions": 20,
}
COUNT = re.compile(r"^(?P<journey>.+) \((?P<width>\w+)\): (?P<actions>\d+) actions$", re.M)


def run():
    tests = [path for path in JOURNEY_TESTS if (ROOT / path).exists()]
    environment = {**os.environ, "DATABASE_URL": "", "ELASTICSEARCH_URL": "", "REDIS_URL": ""}
    select = os.environ.get("BENCH_JOURNEYS_SELECT")
    result = subprocess.run(
        [
            *(sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-s"),
            *(("-k", select) if select else ()),
            *tests,
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    rows = []
    for match in COUNT.finditer(result.stdout):
        actions, before = int(match["actions"]), BEFORE.get(match["journey"])
        rows.append(
            {
                "benchmark": "journeys",
                "metric": f"{match['journey']} ({match['width']}): actions",
                "value": actions,
                "baseline": before,
                # As in the other tables: how many times fewer actions than before.
                "ratio": before / actions if before else None,
                "note": f"target ≤ {TARGET[match['journey']]}"
                if match["journey"] in TARGET
                else "",
            }
        )
    if not rows:
        tail = (result.stdout + result.stderr).strip().splitlines()[-3:]
        print("journeys: no counts (" + " / ".join(tail) + ")")
    return rows
