"""What public pages show, and the data version that says when any of it last changed.

The page cache (in the project shell) keeps whole public pages per data version. It cannot
know every app's models, so each app declares here, when it starts, which of its rows a public
page may show (`shows`); a change to any of them raises the data version once its transaction
commits, once per transaction. An app whose public output changes without a model row being
saved (a search index) calls `content_changed()` itself.

Where the version is stored is registered too (`keep_version_in`): the dashboards keep it in a
row of their own, beside the figures they cache under it.
"""

import logging
import threading

from django.db import DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.models import Page
from wagtail.signals import post_page_move

logger = logging.getLogger(__name__)

_shown_apps: set[str] = set()
_shown_models: set[str] = set()
_unshown_models: set[str] = set()
_version_store = None
_pending = threading.local()


def shows(*, apps=(), models=(), except_models=()):
    """Declare what public pages show: every row of `apps` (app labels) and of `models`
    ("app_label.Model"), except `except_models`, rows that change without changing what a
    visitor sees (a rendition made by a page view, a user's profile). Pages always count."""
    _shown_apps.update(apps)
    _shown_models.update(models)
    _unshown_models.update(except_models)


def shows_publicly(model):
    label = model._meta.label
    if label in _unshown_models:
        return False
    return issubclass(model, Page) or label in _shown_models or model._meta.app_label in _shown_apps


def keep_version_in(store):
    """Register where the data version lives: an object with `stamp()` (the current version as a
    string naming one state of the data) and `bump()` (raise it)."""
    global _version_store
    _version_store = store


def version():
    """The current data version, or None when there is none to read (no store registered, or
    its table not there yet): a cache must then neither serve nor keep anything."""
    if _version_store is None:
        return None
    try:
        return _version_store.stamp()
    except DatabaseError:
        return None


def kept(name, make, seconds):
    """`make()`, kept in the cache under `name` for the current data version for `seconds`; made
    afresh each time when there is no version to key on or `seconds` is 0."""
    from django.core.cache import cache

    current = version() if seconds else None
    if current is None:
        return make()
    key = f"{name}:{current}"
    value = cache.get(key)
    if value is None:
        value = make()
        cache.set(key, value, seconds)
    return value


def content_changed():
    """Raise the data version after the current transaction commits (at once outside one)."""
    _pending.dirty = True
    transaction.on_commit(_bump, robust=True)


def _bump():
    # Many changes in one transaction register many callbacks; the first raises the version.
    if not getattr(_pending, "dirty", False) or _version_store is None:
        return
    _pending.dirty = False
    try:
        _version_store.bump()
    except DatabaseError as exc:
        # Before the version's table exists (while migrating) there is nothing cached yet.
        logger.debug("data version not raised: %s", exc)


def _row_changed(sender, **kwargs):
    if kwargs.get("raw") or not shows_publicly(sender):
        return
    if str(kwargs.get("action", "")).startswith("pre_"):
        return
    content_changed()


def changed(sender, **kwargs):
    """A receiver for any signal that says public content changed (a page moved, the search
    index updated): raises the data version as `content_changed` does."""
    content_changed()


def connect():
    post_save.connect(_row_changed, dispatch_uid="public-content-save")
    post_delete.connect(_row_changed, dispatch_uid="public-content-delete")
    m2m_changed.connect(_row_changed, dispatch_uid="public-content-m2m")
    post_page_move.connect(changed, dispatch_uid="public-content-move")
