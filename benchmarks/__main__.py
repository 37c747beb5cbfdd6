"""Run every benchmarks/*_bench.py module's run() and print one table of their rows.

A row is a dict with `benchmark`, `metric`, `value`, and optionally `baseline`, `ratio` and
`note`. A module may print lines of its own (a skipped part and why) while it runs.

A module whose cost grows with the size of its work names that size in `SIZE`: (the module
global run() reads, what it counts, the environment variable of the sizes to run, the default
sizes). It then runs once per size, its rows are labelled with the size, and every figure
measured at two sizes or more is drawn as a chart, value and baseline against the size, in
benchmarks/out/ (BENCH_OUT names another folder).
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


def _sizes(module):
    """The sizes a module runs at: [None] when it has no size."""
    size = getattr(module, "SIZE", None)
    if size is None:
        return [None]
    _global, _label, variable, default = size
    raw = os.environ.get(variable) or default
    return [int(part.replace("_", "")) for part in raw.split(",") if part.strip()]


def _run_sized(module, size):
    """The module's rows at one size, each labelled with it."""
    if size is None:
        return module.run()
    name, label, _variable, _default = module.SIZE
    kept = getattr(module, name)
    setattr(module, name, size)
    try:
        rows = module.run()
    finally:
        setattr(module, name, kept)
    seen = {}
    for row in rows:
        key = (row["benchmark"], row["metric"])
        row["series"], row["size"], row["size_label"] = row["benchmark"], size, label
        row["occurrence"] = seen[key] = seen.get(key, -1) + 1
        row["benchmark"] = f"{row['benchmark']} @ {size:,} {label}"
    return rows


def main(argv):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlp_site.settings.test")
    import django

    from .charts import write_series

    django.setup()
    rows = []
    for name, module in _modules(argv):
        for size in _sizes(module):
            started = time.monotonic()
            at = f" at {size:,}" if size else ""
            print(f"running {name}{at} …", flush=True)
            rows += _run_sized(module, size)
            print(f"{name}{at} done in {time.monotonic() - started:.0f} s", flush=True)
    print()
    _table(rows)
    folder = os.environ.get("BENCH_OUT") or Path(__file__).resolve().parent / "out"
    charts = write_series(rows, folder)
    if charts:
        print(f"\n{len(charts)} charts of figures against size in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
