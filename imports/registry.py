"""The importers the portal knows, by kind. Apps register theirs in `<app>/importers.py`."""

import re

from .base import Importer

_importers: dict[str, type[Importer]] = {}
_KIND_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def register(importer):
    """Class decorator: make an importer available at /imports/<kind>/new/."""
    if not (isinstance(importer, type) and issubclass(importer, Importer)):
        raise TypeError(f"{importer!r} is not an Importer subclass")
    if not _KIND_RE.fullmatch(importer.kind or ""):
        raise ValueError(f"{importer.__name__}.kind must be a slug, not {importer.kind!r}")
    current = _importers.get(importer.kind)
    if current is not None and current.__qualname__ != importer.__qualname__:
        raise ValueError(f"Two importers of kind {importer.kind!r}: {current} and {importer}")
    names = [column.name for column in importer.columns]
    if len(set(names)) != len(names):
        raise ValueError(f"{importer.__name__} has two columns with the same name")
    unknown = {
        name for names in [importer.key_columns, *importer.unique_columns] for name in names
    } - set(names)
    if unknown:
        raise ValueError(f"{importer.__name__}.key_columns names unknown columns {unknown}")
    claimed = {}
    for column in importer.columns:
        for key in column.header_keys():
            other = claimed.setdefault(key, column.name)
            if other != column.name:
                raise ValueError(
                    f"{importer.__name__}: a header {key!r} would match both {other!r} and "
                    f"{column.name!r}"
                )
    _importers[importer.kind] = importer
    return importer


def unregister(kind):
    _importers.pop(kind, None)


def get(kind):
    """The importer class of a kind; LookupError if there is none."""
    try:
        return _importers[kind]
    except KeyError:
        raise LookupError(f"No importer of kind {kind!r}") from None


def all():
    return sorted(_importers.values(), key=lambda importer: str(importer.kind))


def usable_by(user):
    """The importers a user may upload with."""
    if not user.is_authenticated:
        return []
    return [importer for importer in all() if importer.can_use(user)]
