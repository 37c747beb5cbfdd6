"""The embedded backend's own full text keeps Bangla words whole, on SQLite and PostgreSQL."""

from django.db import connection
from django.db.models import Q

import pytest

import search
from search.models import SearchEntry

from .conftest import keys

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.parametrize("backend", ["database"], indirect=True),
]


@pytest.mark.sqlite
def test_fts5_tokenchars_keep_bangla_words_whole(corpus):
    def matching(table, word):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [f'"{word}"'])
            return {row[0] for row in cursor.fetchall()}

    with connection.cursor() as cursor:
        # What FTS5's unicode61 does without the Bengali marks as token characters.
        cursor.execute("CREATE VIRTUAL TABLE temp.plain_fts USING fts5(body, tokenize='unicode61')")
        cursor.execute(
            "INSERT INTO temp.plain_fts(rowid, body) "
            "SELECT id, about_terms || ' ' || body_terms FROM portal_search_searchentry"
        )
    workshops = set(
        SearchEntry.objects.filter(
            Q(about_terms__contains="কর্মশালা") | Q(body_terms__contains="কর্মশালা")
        ).values_list("pk", flat=True)
    )
    tax = set(SearchEntry.objects.filter(title_bn="কর আদায়ে স্বচ্ছতা").values_list("pk", flat=True))

    assert workshops and tax
    assert matching("portal_search_fts", "কর") == tax
    assert matching("portal_search_fts", "কর্মশালা") == workshops
    assert matching("plain_fts", "কর") >= tax | workshops  # the split-word mismatch


@pytest.mark.sqlite
def test_a_rebuild_leaves_the_full_text_index_in_step_with_later_writes(corpus):
    search.rebuild()
    page = corpus.add_practice("after-rebuild", title="মৎস্য চাষে নারী", summary_bn="পুকুর")

    search.index(page)
    search.remove(corpus.pages["open-budget"])

    assert keys(search.query("পুকুর")) == {f"practice:{page.pk}"}
    assert search.query("উন্মুক্ত").total == 0


@pytest.mark.postgres
def test_postgresql_simple_configuration_keeps_bangla_words_whole(corpus):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('simple', 'কর্মশালা') @@ to_tsquery('simple', 'কর')")
        assert cursor.fetchone()[0] is False
    assert keys(search.query("কর")) == {corpus.key("tax-collection")}
