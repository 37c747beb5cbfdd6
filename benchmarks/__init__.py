"""Benchmarks: each `benchmarks/<name>_bench.py` has a `run()` returning rows for one table.

`python -m benchmarks` (or `make bench`) runs them all; `python -m benchmarks search` runs the
ones whose name contains "search". Benchmarks measure, they do not assert: compare the figures
with the targets and with the baseline measured beside them in the same run.
"""


def percentile(values, fraction):
    """The value at `fraction` (0.95 for p95) of the sorted values, the nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def milliseconds(call, rounds=1):
    """How long `call()` takes, in milliseconds, once per round."""
    import time

    times = []
    for _round in range(rounds):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times
