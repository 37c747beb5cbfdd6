"""A third indexed field between the title and the body: what a document is, where and when.

`about_terms` holds a document's kind in both languages (পরিপত্র/circular, কর্মশালা/workshop
…), its best-practice words, its dates and its places with their phonetic keys. Matches there
weigh less than in the title and more than in the body, on every backend: FTS5's bm25 column
weights, PostgreSQL's tsvector weights (title A, about B, body C, ranked with the weights of
`search.backends.database.PG_WEIGHTS`), Elasticsearch field boosts.

The full-text structures of the 0002 migration are made again with the new column (this module's
CREATE lists are now the current ones: the database backend and the search benchmark use them).
PostgreSQL's two trigram indexes (0002, 0004) go: no query has read them since typo candidates
come from the index's vocabulary. Every entry's content hash is cleared, so the hourly reconcile
(or `manage.py search_index reconcile`) writes every document again with its new field;
Elasticsearch's mapping gains the field with `manage.py search_index rebuild`.
"""

import importlib

from django.db import migrations, models

full_text = importlib.import_module("search.migrations.0002_full_text")

TABLE = "portal_search_searchentry"
COLUMNS = "title_terms, about_terms, body_terms"
NEW_COLUMNS = "new.title_terms, new.about_terms, new.body_terms"
OLD_COLUMNS = "old.title_terms, old.about_terms, old.body_terms"

SQLITE_CREATE = [
    f"""CREATE VIRTUAL TABLE portal_search_fts USING fts5(
        {COLUMNS},
        content='{TABLE}', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0 tokenchars '{full_text.TOKENCHARS}'"
    )""",
    "CREATE VIRTUAL TABLE portal_search_fts_vocab USING fts5vocab('portal_search_fts', 'row')",
    f"""CREATE TRIGGER portal_search_fts_insert AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO portal_search_fts(rowid, {COLUMNS}) VALUES (new.id, {NEW_COLUMNS});
    END""",
    f"""CREATE TRIGGER portal_search_fts_delete AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO portal_search_fts(portal_search_fts, rowid, {COLUMNS})
        VALUES ('delete', old.id, {OLD_COLUMNS});
    END""",
    f"""CREATE TRIGGER portal_search_fts_update AFTER UPDATE ON {TABLE} BEGIN
        INSERT INTO portal_search_fts(portal_search_fts, rowid, {COLUMNS})
        VALUES ('delete', old.id, {OLD_COLUMNS});
        INSERT INTO portal_search_fts(rowid, {COLUMNS}) VALUES (new.id, {NEW_COLUMNS});
    END""",
    "INSERT INTO portal_search_fts(portal_search_fts) VALUES ('rebuild')",
]
SQLITE_DROP = full_text.SQLITE_DROP

VECTOR = """tsvector {compression} GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, title_terms), 'A') ||
    setweight(to_tsvector('simple'::regconfig, about_terms), 'B') ||
    setweight(to_tsvector('simple'::regconfig, body_terms), 'C')
) STORED"""
POSTGRESQL_CREATE = [
    # lz4 where the server has it: ranking reads every match's vector, and lz4 gives it back
    # much faster than the default pglz (a third of 20,000 documents ranked: 100 → 60 ms).
    f"""DO $do$ BEGIN
        EXECUTE $sql$ALTER TABLE {TABLE} ADD COLUMN search_vector
            {VECTOR.format(compression="COMPRESSION lz4")}$sql$;
    EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
        EXECUTE $sql$ALTER TABLE {TABLE} ADD COLUMN search_vector
            {VECTOR.format(compression="")}$sql$;
    END $do$""",
    f"CREATE INDEX portal_search_entry_terms ON {TABLE} USING gin (search_vector)",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS portal_search_entry_english_trigram",
    "DROP INDEX IF EXISTS portal_search_entry_trigram",
    "DROP INDEX IF EXISTS portal_search_entry_terms",
    f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_vector",
]


def _remake(create, drop):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in [*drop.get(vendor, []), *create.get(vendor, [])]:
            schema_editor.execute(statement)
        schema_editor.execute(f"UPDATE {TABLE} SET content_hash = ''")

    return run


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0006_glossary_of_the_field")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="about_terms",
            field=models.TextField(blank=True, default=""),
            preserve_default=False,
        ),
        migrations.RunPython(
            _remake(
                {"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE},
                {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP},
            ),
            _remake(
                {
                    "sqlite": [*full_text.SQLITE_CREATE, SQLITE_CREATE[-1]],
                    "postgresql": full_text.POSTGRESQL_CREATE[1:3],
                },
                {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP},
            ),
        ),
    ]
