"""Header binding: find a file's header row (a title above it is skipped) and match its cells
to the importer's columns, by name, label in Bangla or English, or alias."""

import itertools

from django.utils.translation import gettext_lazy as _

from .base import header_key
from .readers import FileProblem

HEADER_SEARCH_ROWS = 10


class HeaderPlan:
    """Which file column feeds which importer column.

    `width` is the number of columns up to the last one with a header: a row with a value
    further right has more cells than the header (see ``imports.rows``). `kind` and
    `delimiter` say what file the header came from ("csv" or "xlsx", and the CSV's separator).
    """

    kind = None
    delimiter = None

    def __init__(self, importer, cells, row_number):
        self.row_number = row_number
        self.width = filled_width(cells)
        self.slots = []  # (column, index in the row or None, header as in the file)
        self.ignored = []
        lookup = {}
        for column in importer.columns:
            for key in column.header_keys():
                lookup.setdefault(key, column)
        found = {}
        self.duplicate = None
        for index, cell in enumerate(cells):
            header = "" if cell is None else " ".join(str(cell).split())
            if not header:
                continue
            column = _match_header(header, lookup)
            if column is None:
                self.ignored.append(header)
            elif column.name in found:
                self.duplicate = self.duplicate or FileProblem(
                    _(
                        "The columns “%(first)s” and “%(second)s” both mean “%(column)s”; "
                        "keep only one of them."
                    ),
                    row=row_number,
                    first=found[column.name][1],
                    second=header,
                    column=column.label,
                )
            else:
                found[column.name] = (index, header)
        self.matched = len(found)
        self.missing = [c for c in importer.columns if c.required and c.name not in found]
        for column in importer.columns:
            index, header = found.get(column.name, (None, None))
            self.slots.append((column, index, header))

    def headers(self):
        return {column.name: header for column, _index, header in self.slots}


def _match_header(header, lookup):
    column = lookup.get(header_key(header))
    if column is None:
        # "জেলা / District": a header written in both languages.
        for part in header.replace("|", "/").split("/"):
            column = lookup.get(header_key(part))
            if column is not None:
                break
    return column


def filled_width(cells):
    """The number of cells up to the last one that is not empty (trailing empty cells, which
    Excel often leaves, do not count)."""
    width = len(cells)
    while width and (cells[width - 1] is None or cells[width - 1] == ""):
        width -= 1
    return width


def is_blank(cells):
    """A row with nothing in any cell; both passes skip such rows, above and below the header."""
    # any() settles almost every row at its first cell; 0 and False are not blank.
    return not any(cells) and all(cell is None or cell == "" for cell in cells)


def bind_header(importer, rows):
    """Find the header row among the first rows (a title above it is skipped); return the
    plan and the rows after it."""
    kind, delimiter = getattr(rows, "kind", None), getattr(rows, "delimiter", None)
    rows = iter(rows)
    buffered = []
    best = None
    looked_at = 0
    for number, cells in rows:
        buffered.append((number, cells))
        if is_blank(cells):
            continue
        looked_at += 1
        plan = HeaderPlan(importer, cells, number)
        if best is None or plan.matched > best.matched:
            best, after_best = plan, len(buffered)
        if looked_at >= HEADER_SEARCH_ROWS or (plan.matched and not plan.missing):
            break
    if best is None:
        raise FileProblem(_("The file is empty."))
    if best.duplicate:
        raise best.duplicate
    if best.missing or not best.matched:
        raise FileProblem(
            _("The file has no column for: %(columns)s. Expected columns: %(expected)s."),
            row=best.row_number,
            columns=[column.label for column in best.missing or importer.columns],
            expected=[column.label for column in importer.columns],
        )
    best.kind, best.delimiter = kind, delimiter
    return best, itertools.chain(buffered[after_best:], rows)
