"""Insert-or-update of one batch, matched on a natural key: what makes re-imports idempotent."""

from .base import Outcome


def upsert(model, objects, key_fields, update_fields, reset_on_change=None):
    """Write `objects` (unsaved model instances) matched on `key_fields`.

    An object whose key is new is inserted; one whose key exists updates the stored row if any
    of `update_fields` differs, and is counted unchanged otherwise. Three queries per batch at
    most (one read, one bulk insert, one bulk update); model `save()` and signals are not
    called, so an importer that keeps denormalised totals recomputes them in `finish()`.
    `reset_on_change` ({field: value}) is written into every stored row whose update fields
    change: a mark that vouched for the old values (a verification) does not survive them.
    Returns an Outcome.
    """
    if not objects:
        return Outcome()
    meta = model._meta
    key_attnames = [meta.get_field(name).attname for name in key_fields]
    update_attnames = [meta.get_field(name).attname for name in update_fields]

    def key_of(obj):
        return tuple(getattr(obj, attname) for attname in key_attnames)

    incoming = {}
    for obj in objects:
        key = key_of(obj)
        if key in incoming:
            raise ValueError(f"Two rows of one batch have the same key {key!r}")
        incoming[key] = obj
    # One IN-list per key field rather than an OR of row conditions: SQLite limits expression
    # depth, and the over-fetch for composite keys is filtered out below.
    filters = {
        f"{attname}__in": {key[position] for key in incoming}
        for position, attname in enumerate(key_attnames)
    }
    existing = {
        key_of(obj): obj
        for obj in model._default_manager.filter(**filters).only(
            meta.pk.attname, *key_attnames, *update_attnames
        )
        if key_of(obj) in incoming
    }
    to_create, to_update, unchanged = [], [], 0
    for key, obj in incoming.items():
        stored = existing.get(key)
        if stored is None:
            to_create.append(obj)
            continue
        changed = False
        for attname in update_attnames:
            value = getattr(obj, attname)
            if getattr(stored, attname) != value:
                setattr(stored, attname, value)
                changed = True
        if changed:
            for name, value in (reset_on_change or {}).items():
                setattr(stored, meta.get_field(name).attname, value)
            to_update.append(stored)
        else:
            unchanged += 1
    if to_create:
        model._default_manager.bulk_create(to_create)
    if to_update:
        model._default_manager.bulk_update(to_update, [*update_fields, *(reset_on_change or {})])
    return Outcome(created=len(to_create), updated=len(to_update), unchanged=unchanged)
