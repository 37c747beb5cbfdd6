"""The full-text structures of the database backend, which only the database's own SQL can make.

SQLite: an FTS5 table over the analysed terms of `SearchEntry`, kept in step by triggers. Its
unicode61 tokenizer would split Bangla words at every vowel sign and hasanta (আর্সেনিক → আর · স ·
ন · ক, so that "কর" matched কর্মশালা); listing the Bengali combining marks as token characters
keeps words whole. PostgreSQL: pg_trgm, a stored generated column with the weighted tsvector of
the same terms and its GIN index, and a trigram index for the typo fallback. The model does not
declare the column (it exists on PostgreSQL only); search/backends/database.py reads it by name.

On SQLite, a later migration that alters a column of portal_search_searchentry rebuilds the
table and drops these triggers with the old one: such a migration must create them again.
"""

from django.db import migrations

# Candrabindu, anusvara, visarga; nukta; vowel signs to hasanta; au length mark; vocalic vowel signs.
BENGALI_MARKS = (
    [0x0981, 0x0982, 0x0983, 0x09BC]
    + list(range(0x09BE, 0x09CE))
    + [0x09D7, 0x09E2, 0x09E3]
)
TOKENCHARS = "".join(chr(code) for code in BENGALI_MARKS)

SQLITE_CREATE = [
    f"""CREATE VIRTUAL TABLE portal_search_fts USING fts5(
        title_terms, body_terms,
        content='portal_search_searchentry', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0 tokenchars '{TOKENCHARS}'"
    )""",
    "CREATE VIRTUAL TABLE portal_search_fts_vocab USING fts5vocab('portal_search_fts', 'row')",
    """CREATE TRIGGER portal_search_fts_insert AFTER INSERT ON portal_search_searchentry BEGIN
        INSERT INTO portal_search_fts(rowid, title_terms, body_terms)
        VALUES (new.id, new.title_terms, new.body_terms);
    END""",
    """CREATE TRIGGER portal_search_fts_delete AFTER DELETE ON portal_search_searchentry BEGIN
        INSERT INTO portal_search_fts(portal_search_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms);
    END""",
    """CREATE TRIGGER portal_search_fts_update AFTER UPDATE ON portal_search_searchentry BEGIN
        INSERT INTO portal_search_fts(portal_search_fts, rowid, title_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.body_terms);
        INSERT INTO portal_search_fts(rowid, title_terms, body_terms)
        VALUES (new.id, new.title_terms, new.body_terms);
    END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS portal_search_fts_update",
    "DROP TRIGGER IF EXISTS portal_search_fts_delete",
    "DROP TRIGGER IF EXISTS portal_search_fts_insert",
    "DROP TABLE IF EXISTS portal_search_fts_vocab",
    "DROP TABLE IF EXISTS portal_search_fts",
]

POSTGRESQL_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # Stored, so ranking reads each match's vector instead of analysing its text again.
    """ALTER TABLE portal_search_searchentry ADD COLUMN search_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('simple'::regconfig, title_terms), 'A') ||
            setweight(to_tsvector('simple'::regconfig, body_terms), 'B')
        ) STORED""",
    """CREATE INDEX portal_search_entry_terms ON portal_search_searchentry
        USING gin (search_vector)""",
    """CREATE INDEX portal_search_entry_trigram ON portal_search_searchentry
        USING gin ((title_terms || ' ' || body_terms) gin_trgm_ops)""",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS portal_search_entry_trigram",
    "DROP INDEX IF EXISTS portal_search_entry_terms",
    "ALTER TABLE portal_search_searchentry DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}),
        )
    ]
