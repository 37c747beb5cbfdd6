"""SQLite: Wagtail's full-text table keeps Bangla words whole, as the public search's does.

Wagtail creates `wagtailsearch_indexentry_fts` with FTS5's default unicode61 tokenizer, which
splits a Bangla word at every vowel sign and hasanta. It is made again with the Bengali
combining marks as token characters (the tokenizer of the 0002 migration), with Wagtail's three
triggers, and filled from the index entries. `manage.py update_index` then fills it with the
analysed terms the portal's Wagtail backend (`search.wagtail`) stores.
"""

import importlib

from django.db import migrations

TABLE = "wagtailsearch_indexentry"
TRIGGERS = [
    f"""CREATE TRIGGER insert_wagtailsearch_indexentry_fts AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {TABLE}_fts(title, body, autocomplete, rowid)
        VALUES (NEW.title, NEW.body, NEW.autocomplete, NEW.id);
    END""",
    f"""CREATE TRIGGER update_wagtailsearch_indexentry_fts AFTER UPDATE ON {TABLE} BEGIN
        UPDATE {TABLE}_fts SET title=NEW.title, body=NEW.body, autocomplete=NEW.autocomplete
        WHERE rowid=NEW.id;
    END""",
    f"""CREATE TRIGGER delete_wagtailsearch_indexentry_fts AFTER DELETE ON {TABLE} BEGIN
        DELETE FROM {TABLE}_fts WHERE rowid=OLD.id;
    END""",
]
DROP = [
    "DROP TRIGGER IF EXISTS insert_wagtailsearch_indexentry_fts",
    "DROP TRIGGER IF EXISTS update_wagtailsearch_indexentry_fts",
    "DROP TRIGGER IF EXISTS delete_wagtailsearch_indexentry_fts",
    f"DROP TABLE IF EXISTS {TABLE}_fts",
]
TOKENCHARS = importlib.import_module("search.migrations.0002_full_text").TOKENCHARS
BANGLA_TOKENIZER = f", tokenize=\"unicode61 remove_diacritics 0 tokenchars '{TOKENCHARS}'\""
FILL = (
    f"INSERT INTO {TABLE}_fts(rowid, title, body, autocomplete) "
    f"SELECT id, title, body, autocomplete FROM {TABLE}"
)


def _fts_table_exists(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = %s", [f"{TABLE}_fts"]
        )
        return cursor.fetchone() is not None


def _make(tokenize):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite" or not _fts_table_exists(schema_editor):
            return
        for statement in DROP:
            schema_editor.execute(statement)
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {TABLE}_fts USING fts5(autocomplete, body, title{tokenize})"
        )
        for statement in [*TRIGGERS, FILL]:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("portal_search", "0004_english_trigram"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(_make(BANGLA_TOKENIZER), _make(""))]
