"""The home page's headline figures, each counted by the app that owns the data.

The home page sits on top of every app and must not reach into them; instead each app, when
it starts, registers a function that returns its figures as a dict (``{"practices": 174}``).
"""

from collections.abc import Callable

_counters: list[Callable[[], dict]] = []


def register(counter):
    """Add an app's headline figures (a function returning a dict) to the home page."""
    if counter not in _counters:
        _counters.append(counter)
    return counter


def figures():
    """Every registered app's headline figures, merged into one dict, counted once per data
    version (they change only with the data)."""
    from . import public

    def count():
        merged = {}
        for counter in _counters:
            merged.update(counter())
        return merged

    return public.kept("portal:headlines", count, 24 * 3600)
