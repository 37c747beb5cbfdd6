"""One row of a file as both passes read it: each cell parsed by its column's parser, then the
importer's row checks; errors in the form the report keeps them."""

from django.utils.translation import gettext_lazy as _

from .base import CellError, Message, Row, RowError, SkipCell
from .headers import filled_width

# Distinct texts kept per column. A column whose texts are all different (names, household
# codes) fills it and starts afresh: what repeats is found again, and memory stays bounded.
MEMO_LIMIT = 4096


def error_record(number, column_header, column, message):
    """An error as the report keeps it: the row's number as in the file, the column (its header
    as in the file, else its label in both languages) and the message in both languages."""
    if column_header:
        where = column_header
    elif column is not None:
        where = Message(column.label).as_dict()
    else:
        where = ""
    return {"row": number, "column": where, "message": message.as_dict()}


def column_letters(index):
    """A column's name as a spreadsheet shows it: 0 → A, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def extra_cells_message(plan, number, width):
    """Why a row with a value right of the header's last column is refused: nothing of a
    row may be dropped unread."""
    if plan.kind == "csv" and plan.delimiter == ",":
        return Message(
            _(
                "Row %(row)s has %(cells)s cells, but the header row has %(columns)s. A number "
                "written with commas and without quotes (12,34,567) is split into a cell at "
                'each comma: write it without commas (1234567) or in quotes ("12,34,567").'
            ),
            {"row": number, "cells": width, "columns": plan.width},
        )
    return Message(
        _(
            "Row %(row)s has a value in column %(column)s, right of the last column with a "
            "header (%(last)s). Give that column a header, or move the value into its column."
        ),
        {
            "row": number,
            "column": column_letters(width - 1),
            "last": column_letters(plan.width - 1),
        },
    )


def _parse(parser, read, value, row, context):
    """`parser.parse`, or what it made of the same text before in this pass: `read` keeps its
    answers (a value, or a refusal's message) per text, None when nothing is to be kept."""
    if read is None:
        return parser.parse(value, row, context)
    try:
        answer = read[value]
    except KeyError:
        try:
            answer = parser.parse(value, row, context)
        except CellError as exc:
            answer = exc.message
        if len(read) >= MEMO_LIMIT:
            read.clear()
        read[value] = answer
    if isinstance(answer, Message):
        raise CellError(answer)
    return answer


def parse_row(importer, plan, number, cells, context):
    """Parse and validate one row; return (row, errors)."""
    row = Row(number)
    width = len(cells)
    if width > plan.width:
        # Empty cells past the header are fine (Excel leaves them); a value there is not.
        width = filled_width(cells)
        if width > plan.width:
            message = extra_cells_message(plan, number, width)
            return row, [error_record(number, "", None, message)]
    errors = []
    # Lists repeat the same few words, numbers and dates on every row: a pure parser's answer
    # (or refusal) is kept per text of the cell, up to a bound per column, for the whole pass.
    memo = context.parsed
    for column, index, header in plan.slots:
        value = cells[index] if index is not None and index < width else None
        if value is None or value == "":
            if column.required:
                errors.append(
                    error_record(
                        number,
                        header,
                        column,
                        Message(
                            _("The cell is empty, but “%(column)s” is required."),
                            {"column": header or column.label},
                        ),
                    )
                )
                row.failed.add(column.name)
            row[column.name] = column.default
            continue
        parser = column.parser
        read = memo[column.name] if parser.pure and type(value) is str else None
        try:
            row[column.name] = _parse(parser, read, value, row, context)
        except SkipCell:
            row.failed.add(column.name)
            row[column.name] = None
        except CellError as exc:
            errors.append(error_record(number, header, column, exc.message))
            row.failed.add(column.name)
            row[column.name] = None
    if not errors:
        try:
            importer.validate(row, context)
        except RowError as exc:
            column = importer.column(exc.column)
            header = plan.headers().get(exc.column) if exc.column else None
            errors.append(error_record(number, header, column, exc.message))
    return row, errors
