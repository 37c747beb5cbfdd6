"""Shared Hypothesis settings: thousands of generated cases, each bounded in time.

The example database is off so runs are reproducible from the seed Hypothesis prints on a
failure, and no state is shared between developers' machines and CI."""

from datetime import timedelta

from hypothesis import HealthCheck, settings

MANY = settings(
    max_examples=2000,
    deadline=timedelta(milliseconds=500),
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
SOME = settings(MANY, max_examples=600)
FEW = settings(MANY, max_examples=150, deadline=timedelta(seconds=3))
