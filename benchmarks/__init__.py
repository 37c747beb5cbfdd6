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


def create_scratch_database(connection):
    """`connection.creation.create_test_db()`, but on PostgreSQL the migrations run once a
    process: the first scratch database is copied, as it leaves the migrations, to a template,
    and later ones are made from it (`CREATE DATABASE … TEMPLATE`: a second, not half a minute).
    Returns the scratch database's name; `destroy_test_db` removes it as usual."""
    if connection.vendor != "postgresql":
        return connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    import atexit

    from django.conf import settings

    source = connection.settings_dict["NAME"]
    name = connection.creation._get_test_db_name()
    quote = connection.ops.quote_name
    template = _TEMPLATES.get(source)
    if template is None:
        name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        template = f"{name}_template"
        connection.close()  # a template is copied only while nobody is connected to it
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(template)}")
            cursor.execute(f"CREATE DATABASE {quote(template)} TEMPLATE {quote(name)}")
        _TEMPLATES[source] = template
        atexit.register(_drop_database, connection, template)
        return name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
        cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name
    connection.ensure_connection()
    return name


def _drop_database(connection, name):
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")
