import io

from django.core.management import call_command

import pytest


def ensure_base_data():
    """Geography, roles, page tree and root collection, put back if a flush removed them.

    pytest-django flushes a transactional test's database after the fixtures that depend on
    it have finished, so the next transactional test can start on empty tables."""
    from wagtail.models import Collection

    from places.models import Area
    from tests.conftest import ensure_page_tree

    quiet = {"verbosity": 0, "stdout": io.StringIO()}
    if not Area.objects.exists():
        call_command("load_geography", **quiet)
        call_command("sync_roles", **quiet)
    ensure_page_tree()
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture
def base_data(transactional_db, restore_base_data):
    ensure_base_data()
