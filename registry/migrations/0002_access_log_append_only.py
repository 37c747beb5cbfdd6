"""The database itself refuses to change or delete access-log rows.

PostgreSQL refuses UPDATE and DELETE (a test database's flush uses TRUNCATE, which is not
refused). SQLite refuses UPDATE only: Django's flush on SQLite deletes rows one table at a time.
"""

from django.db import migrations

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION registry_accesslog_refuse() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The registry access log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER registry_accesslog_append_only
    BEFORE UPDATE OR DELETE ON registry_accesslog
    FOR EACH ROW EXECUTE FUNCTION registry_accesslog_refuse();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS registry_accesslog_append_only ON registry_accesslog;
DROP FUNCTION IF EXISTS registry_accesslog_refuse();
"""
SQLITE_UP = """
CREATE TRIGGER registry_accesslog_append_only BEFORE UPDATE ON registry_accesslog
BEGIN
    SELECT RAISE(ABORT, 'The registry access log is append-only');
END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS registry_accesslog_append_only;"


def _run(statements):
    def run(apps, schema_editor):
        sql = statements.get(schema_editor.connection.vendor)
        if sql:
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_UP, "sqlite": SQLITE_UP}),
            _run({"postgresql": POSTGRES_DOWN, "sqlite": SQLITE_DOWN}),
        )
    ]
