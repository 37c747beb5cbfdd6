"""Keep the index true: after a change is committed, re-index exactly the affected documents.

Pages are indexed when they are published, unpublished, moved, renamed or deleted, or when
their view restrictions change — never on a draft save: the task re-reads the live row, and
only published pages are built into documents. Changes to related rows (replications, budget
allocations, status changes, circulars' practices …) re-index the documents they affect, as
each app's `indexing` module declares.

The handlers only collect keys; the re-indexing runs in `search.tasks`.
"""

import threading

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .documents import (
    change_signals,
    document_types,
    keys_for,
    make_key,
    type_of,
    watched_links,
    watched_models,
)
from .tasks import reindex_documents

_pending = threading.local()


def enqueue(keys):
    """Re-index `keys` once the current transaction commits (at once outside a transaction).

    Keys from the same transaction are sent as one task.
    """
    keys = set(keys)
    if not keys:
        return
    if not hasattr(_pending, "keys"):
        _pending.keys = set()
    _pending.keys |= keys
    transaction.on_commit(_flush, robust=True)


def _flush():
    keys = getattr(_pending, "keys", set())
    if not keys:
        return
    _pending.keys = set()
    reindex_documents.delay(sorted(keys))


def _descendant_keys(page):
    keys = []
    for spec in document_types().values():
        if issubclass(spec.model, Page):
            pks = spec.model.objects.descendant_of(page, inclusive=True).values_list(
                "pk", flat=True
            )
            keys += [make_key(spec.type, pk) for pk in pks]
    return keys


def _page_changed(sender, instance, **kwargs):
    enqueue(keys_for(instance.specific))


def _page_tree_changed(sender, instance, **kwargs):
    # A new address for a page is a new address for everything below it.
    enqueue(_descendant_keys(instance))


def _restriction_changed(sender, instance, **kwargs):
    enqueue(_descendant_keys(instance.page))


def _document_deleted(sender, instance, **kwargs):
    enqueue(keys_for(instance))


def _related_changed(sender, instance, **kwargs):
    enqueue(keys_for(instance))


def _link_changed(sender, instance, action, model, pk_set, **kwargs):
    spec = type_of(model)
    if action == "pre_clear":
        # After a clear the links are gone; remember the other ends now.
        if spec is not None:
            enqueue(make_key(spec.type, pk) for pk in _linked_pks(sender, instance, model))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    keys = keys_for(instance)
    if spec is not None and pk_set:
        keys += [make_key(spec.type, pk) for pk in pk_set]
    enqueue(keys)


def _linked_pks(through, instance, model):
    source = target = None
    for field in through._meta.get_fields():
        if not field.many_to_one:
            continue
        if source is None and isinstance(instance, field.related_model):
            source = field.name
        elif issubclass(model, field.related_model):
            target = field.attname
    if source is None or target is None:
        return []
    return list(through.objects.filter(**{source: instance}).values_list(target, flat=True))


def _forwarder(affected):
    def receive(sender, **kwargs):
        enqueue(make_key(name, pk) for name, pk in affected(sender=sender, **kwargs))

    return receive


def connect():
    """Connect the handlers; called once from the app's ready()."""
    page_published.connect(_page_changed, dispatch_uid="search_page_published")
    page_unpublished.connect(_page_changed, dispatch_uid="search_page_unpublished")
    post_page_move.connect(_page_tree_changed, dispatch_uid="search_page_moved")
    page_slug_changed.connect(_page_tree_changed, dispatch_uid="search_page_renamed")
    for signal in (post_save, post_delete):
        signal.connect(
            _restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"search_restriction_{signal is post_save}",
        )
    for spec in document_types().values():
        post_delete.connect(
            _document_deleted, sender=spec.model, dispatch_uid=f"search_deleted_{spec.type}"
        )
        if not issubclass(spec.model, Page):
            post_save.connect(
                _related_changed, sender=spec.model, dispatch_uid=f"search_saved_{spec.type}"
            )
    for model in watched_models():
        label = model._meta.label_lower
        post_save.connect(_related_changed, sender=model, dispatch_uid=f"search_saved_{label}")
        post_delete.connect(_related_changed, sender=model, dispatch_uid=f"search_deleted_{label}")
    for number, (signal, affected) in enumerate(change_signals()):
        signal.connect(_forwarder(affected), weak=False, dispatch_uid=f"search_signal_{number}")
    for through in watched_links():
        m2m_changed.connect(
            _link_changed, sender=through, dispatch_uid=f"search_link_{through._meta.label_lower}"
        )
