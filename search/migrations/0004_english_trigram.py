"""PostgreSQL: the typo fallback's trigram index covers the English words only.

The fallback compares English query words (ASCII letters) with the documents' words. Trigrams of
the Bangla text can never be near them, yet they made the index several times larger and every
indexed document several times slower to write. The index is now over the analysed terms with
everything but a–z turned into spaces; search/backends/database.py queries the same expression.
"""

from django.db import migrations

ENGLISH_TERMS = r"regexp_replace(title_terms || ' ' || body_terms, '[^a-z]+', ' ', 'g')"

POSTGRESQL_CREATE = [
    "DROP INDEX IF EXISTS portal_search_entry_trigram",
    f"""CREATE INDEX portal_search_entry_english_trigram ON portal_search_searchentry
        USING gin (({ENGLISH_TERMS}) gin_trgm_ops)""",
]
POSTGRESQL_DROP = [
    "DROP INDEX IF EXISTS portal_search_entry_english_trigram",
    """CREATE INDEX portal_search_entry_trigram ON portal_search_searchentry
        USING gin ((title_terms || ' ' || body_terms) gin_trgm_ops)""",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0003_seed_glossary")]

    operations = [migrations.RunPython(_run(POSTGRESQL_CREATE), _run(POSTGRESQL_DROP))]
