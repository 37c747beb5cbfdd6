"""Benchmarks: each `benchmarks/<name>_bench.py` has a `run()` returning rows for one table.

`python -m benchmarks` (or `make bench`) runs them all; `python -m benchmarks search` runs the
ones whose name contains "search". Benchmarks measure, they do not assert: compare the figures
with the targets and with the baseline measured beside them in the same run.
"""
