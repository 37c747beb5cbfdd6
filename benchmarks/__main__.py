"""Run every benchmarks/*_bench.py module's run() and print one table of their rows.

A row is a dict with `benchmark`, `metric`, `value`, and optionally `baseline`, `ratio` and
`note`. A module may print lines of its own (a skipped part and why) while it runs.

A module whose cost grows with the size of its work names that size in `SIZE`: (the module
global run() reads, what it counts, the environment variable of the sizes to run, the default
sizes). It then runs once per size, its rows are labelled with the size, and every figure
measured at two sizes or more is drawn as a chart, value and baseline against the size, in
benchmarks/out/ (BENCH_OUT names another folder).

The run names itself first (the commit, the date, the machine's cores and memory), and every row
says the machine's load average (one minute) before and after the part it came from: a figure
measured on a busy machine shows it.
"""

import datetime
import importlib
import os
import subprocess
import sys
import time
from pathlib import Path

COLUMNS = ("benchmark", "metric", "value", "baseline", "ratio", "load", "note")


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


def _load():
    return os.getloadavg()[0]


def describe_run():
    """The commit, the date and the machine a run's figures come from."""
    root = Path(__file__).resolve().parent.parent
    try:
        commit = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "(not a git checkout)"
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB"
    except (ValueError, OSError, AttributeError):
        memory = ""
    today = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    return f"at {commit}, {today}, on {os.cpu_count()} cores{memory}; load average {_load():.1f}"


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
    run = describe_run()
    print(f"Benchmarks {run}", flush=True)
    rows = []
    for name, module in _modules(argv):
        for size in _sizes(module):
            started = time.monotonic()
            at = f" at {size:,}" if size else ""
            print(f"running {name}{at} …", flush=True)
            before = _load()
            measured = _run_sized(module, size)
            load = f"{before:.1f} → {_load():.1f}"
            for row in measured:
                row["load"] = load
            rows += measured
            print(f"{name}{at} done in {time.monotonic() - started:.0f} s", flush=True)
    print()
    print(f"Figures {run}")
    _table(rows)
    folder = os.environ.get("BENCH_OUT") or Path(__file__).resolve().parent / "out"
    charts = write_series(rows, folder)
    if charts:
        print(f"\n{len(charts)} charts of figures against size in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
