"""The pieces an importer is made of: columns, rows, messages, outcomes and the Importer class.

Messages and the exceptions that carry them (``CellError``, ``RowError``, ``SkipCell``) are
defined in ``imports.messages``, below the parsers, and can be imported from here as well."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone, translation

from bangla import normalize

from .messages import LANGUAGES, CellError, Message, RowError, SkipCell
from .parsers import text

__all__ = [
    "LANGUAGES",
    "CellError",
    "Column",
    "ImportContext",
    "Importer",
    "Message",
    "Outcome",
    "Row",
    "RowError",
    "SkipCell",
    "header_key",
    "key_part",
]

# Characters people put in headers that carry no meaning: "Name (EN)", "name_en", "নামঃ".
_HEADER_NOISE_RE = re.compile(r"[\s_\-.:;*()\[\]{}'\"’‘“”#ঃ।]+")


def header_key(text: Any) -> str:
    """The form in which a file's header cell is compared with a column's names."""
    return _HEADER_NOISE_RE.sub("", normalize(str(text)))


class Column:
    """One column an importer reads: where to find it in the file and how to parse it."""

    def __init__(
        self,
        name,
        label,
        parser=None,
        *,
        aliases=(),
        required=False,
        default=None,
        help="",
    ):
        self.name = name
        self.label = label
        self.parser = parser if parser is not None else text()
        self.aliases = tuple(aliases)
        self.required = required
        self.default = default
        self.help = help

    def __repr__(self):
        return f"Column({self.name!r})"

    def header_keys(self) -> set[str]:
        names = {self.name, *self.aliases}
        for language in LANGUAGES:
            with translation.override(language):
                names.add(str(self.label))
        return {header_key(name) for name in names} - {""}

    @property
    def guidance(self):
        """What to write in this column, for the import guide: the column's own help, else
        what its parser accepts (made from the same definitions the check uses)."""
        return str(self.help) if self.help else self.parser.describe()

    def label_in(self, language):
        with translation.override(language):
            return str(self.label)


class Row(dict):
    """A parsed row: column name → value, and the row's number as the user sees it."""

    __slots__ = ("failed", "number")

    def __init__(self, number):
        super().__init__()
        self.number = number
        self.failed = set()


@dataclass
class Outcome:
    """What a batch (or a whole import) did to the database."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __add__(self, other):
        if other is None:
            return self
        return Outcome(
            self.created + other.created,
            self.updated + other.updated,
            self.unchanged + other.unchanged,
        )

    @property
    def total(self):
        return self.created + self.updated + self.unchanged


@dataclass
class ImportContext:
    """What a hook knows about the run it is part of."""

    importer: Importer
    job: Any = None
    user: Any = None
    scope: Any = None
    options: dict = field(default_factory=dict)
    committing: bool = False
    cache: dict = field(default_factory=dict)
    #: Per column name, what its pure parser made of each text of a cell (`imports.rows`).
    parsed: dict = field(default_factory=lambda: defaultdict(dict))
    #: The local date the run started on: "today" for every row's checks, read once.
    today: datetime.date = field(default_factory=timezone.localdate)

    def key(self, row):
        return self.importer.natural_key(row)


def key_part(value):
    """A value as part of a natural key: model instances by primary key, text normalised."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, str):
        return normalize(value)
    return value


class Importer:
    """Base class of every importer; see the package docstring for the whole contract."""

    kind: str = ""
    label: Any = ""
    description: Any = ""
    columns: list[Column] = []
    key_columns: list[str] = []
    unique_columns: list[list[str]] = []
    batch_size = 1000
    scoped = False
    options_form = None
    # Uploaded files may hold personal data. If so, the file is removed as soon as it is no
    # longer needed: once its rows are written, once the check refuses it (the report keeps the
    # reasons, a corrected file is a new upload), and by `purge_stale_uploads` when it was
    # neither imported nor refused within STALE_UPLOAD_DAYS.
    file_holds_personal_data = False

    def __init__(self):
        self._columns_by_name = {column.name: column for column in self.columns}

    @classmethod
    def can_use(cls, user):
        from portal.roles import is_curator

        return is_curator(user)

    @classmethod
    def visible_jobs(cls, user):
        from portal.roles import is_curator

        if user.is_superuser or is_curator(user):
            return Q()
        return Q(uploaded_by=user)

    @classmethod
    def scope_queryset(cls, user):
        from portal.roles import user_lgis

        return user_lgis(user)

    @classmethod
    def job_viewed(cls, request, job, what):
        """Called when a user sees a job's rows ("preview", "errors") or downloads its errors."""

    def column(self, name):
        """The column of this name, or None."""
        return self._columns_by_name.get(name)

    def start(self, context):
        """Prepare for a pass (context.committing tells which)."""

    def validate(self, row, context):
        """Raise RowError if the row breaks a rule that involves more than one cell."""

    def natural_key(self, row):
        if not self.key_columns:
            return None
        return tuple(key_part(row.get(name)) for name in self.key_columns)

    def commit_batch(self, rows, context):
        raise NotImplementedError(f"{type(self).__name__} must write its rows in commit_batch()")

    def finish(self, context):
        """After the last batch, inside the commit's transaction."""
