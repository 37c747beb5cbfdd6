"""With Redis unreachable, the shared cache behaves as an empty cache instead of failing."""

import socket

import pytest

from hlp_site.cache import ResilientRedisCache


@pytest.fixture
def unreachable_cache():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again before the cache tries it
    return ResilientRedisCache(
        f"redis://127.0.0.1:{port}/0", {"OPTIONS": {"socket_connect_timeout": 0.2}}
    )


def test_reads_miss_and_writes_are_dropped(unreachable_cache):
    cache = unreachable_cache
    cache.set("figures", 42)
    assert cache.get("figures") is None
    assert cache.get("figures", "from the database") == "from the database"
    assert cache.get_or_set("figures", lambda: "made again") == "made again"
    assert cache.add("figures", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    cache.delete_many(["a", "b"])
    assert cache.delete("figures") is False
    assert cache.has_key("figures") is False


def test_a_counter_reads_as_missing(unreachable_cache):
    # What the login throttle expects of a counter that is not there.
    with pytest.raises(ValueError, match="not found"):
        unreachable_cache.incr("login-failures")
