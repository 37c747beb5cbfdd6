"""Run every benchmarks/*_bench.py module's run() and print one table of their rows.

A row is a dict with `benchmark`, `metric`, `value`, and optionally `baseline`, `ratio` and
`note`. A module may print lines of its own (a skipped part and why) while it runs.
"""

import importlib
import os
import sys
import time
from pathlib import Path

COLUMNS = ("benchmark", "metric", "value", "baseline", "ratio", "note")


def _modules(selected):
    for path in sorted(Path(__file__).resolve().parent.glob("*_bench.py")):
        name = path.stem
        if not selected or any(word in name for word in selected):
            yield name, importlib.import_module(f"benchmarks.{name}")


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:,.1f}" if value >= 10 else f"{value:.2f}"
    return str(value)


def _table(rows):
    cells = [[_cell(row.get(column)) for column in COLUMNS] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(COLUMNS)]
    line = "  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths, strict=True))
    print(line)
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlp_site.settings.test")
    import django

    django.setup()
    rows = []
    for name, module in _modules(argv):
        started = time.monotonic()
        print(f"running {name} …", flush=True)
        rows += module.run()
        print(f"{name} done in {time.monotonic() - started:.0f} s", flush=True)
    print()
    _table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
