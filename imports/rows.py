"""One row of a file as both passes read it: each cell parsed by its column's parser, then the
importer's row checks; errors in the form the report keeps them."""

from django.utils.translation import gettext_lazy as _

from .base import CellError, Message, Row, RowError, SkipCell


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


def parse_row(importer, plan, number, cells, context):
    """Parse and validate one row; return (row, errors)."""
    row = Row(number)
    errors = []
    width = len(cells)
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
        try:
            row[column.name] = column.parser.parse(value, row, context)
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
