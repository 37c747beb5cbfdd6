from django.core.cache import cache

import pytest


@pytest.fixture
def clean_cache():
    """Sign-in failure counts live in the cache; start and end each throttling test without any."""
    cache.clear()
    yield
    cache.clear()
