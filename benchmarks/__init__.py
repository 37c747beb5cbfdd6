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


_TEMPLATES = {}
# The migrated template of this process, named for the processes it starts.
_INHERITED = "BENCH_MIGRATED_TEMPLATE"


def create_scratch_database(connection, fill=None):
    """`connection.creation.create_test_db()`, then `fill()` if given, but on PostgreSQL each
    is done once a process: the first scratch database is copied, as it leaves the migrations,
    to a template, and later ones are made from it (`CREATE DATABASE … TEMPLATE`: a second, not
    half a minute); a database filled by the same `fill` is kept as a template of its own too.
    Returns the scratch database's name; `destroy_test_db` removes it as usual."""
    if connection.vendor != "postgresql":
        name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        if fill is not None:
            fill()
        return name
    import atexit
    import os

    from django.conf import settings

    source = connection.settings_dict["NAME"]
    key = (source, fill and f"{fill.__module__}.{fill.__qualname__}")
    name = connection.creation._get_test_db_name()
    quote = connection.ops.quote_name
    template = _TEMPLATES.get(key)
    if template is None and fill is None and os.environ.get(_INHERITED):
        # A benchmark's own process (the relevance benchmark's) copies its parent's template.
        template = _TEMPLATES[key] = os.environ[_INHERITED]
    if template is None:
        if fill is None:
            name = connection.creation.create_test_db(
                verbosity=0, autoclobber=True, serialize=False
            )
        else:
            name = create_scratch_database(connection)
            fill()
        template = f"{name}_template" + (f"_{fill.__name__.strip('_')}" if fill else "")
        connection.close()  # a template is copied only while nobody is connected to it
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(template)}")
            cursor.execute(f"CREATE DATABASE {quote(template)} TEMPLATE {quote(name)}")
        _TEMPLATES[key] = template
        atexit.register(_drop_database, connection, template)
        if fill is None:
            os.environ[_INHERITED] = template
        connection.ensure_connection()
        return name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
        cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name
    connection.ensure_connection()
    return name


def load_practices_demo():
    """The geography, the roles, the practices demo and the budgets demo with their
    aggregates: the content the page, dashboard and download benchmarks measure on."""
    import io

    from django.core.management import call_command

    from dashboards import aggregates as dashboard_aggregates
    from dashboards import demo as dashboards_demo
    from practices import demo as practices_demo

    quiet = {"verbosity": 0, "stdout": io.StringIO()}
    call_command("load_geography", **quiet)
    call_command("sync_roles", **quiet)
    practices_demo.load()
    dashboards_demo.load()
    dashboard_aggregates.refresh(None)


def _drop_database(connection, name):
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")
