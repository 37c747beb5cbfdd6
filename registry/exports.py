"""CSV and Excel downloads of registry lists, streamed so a district's list fits in memory.

Cells go through the portal's spreadsheet rule (`portal.spreadsheets`): nothing a spreadsheet
could run as a formula. Identity numbers are never written: at most their last three digits.
"""

import csv
import tempfile

from django.http import FileResponse, StreamingHttpResponse

from openpyxl import Workbook

from portal.spreadsheets import csv_cell, xlsx_row


class _Echo:
    def write(self, value):
        return value


def csv_response(filename, header, rows):
    """A streamed CSV download (UTF-8 with BOM, which Excel needs to read Bangla)."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow(header)
        for row in rows:
            yield writer.writerow([csv_cell(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response["Cache-Control"] = "no-store"
    return response


def xlsx_response(filename, header, rows):
    """An Excel download written row by row (openpyxl's write-only mode) to a temporary file."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(xlsx_row(sheet, [str(title) for title in header]))
    for row in rows:
        sheet.append(xlsx_row(sheet, row))
    # FileResponse closes (and so deletes) the file once it has been sent.
    handle = tempfile.TemporaryFile()  # noqa: SIM115
    workbook.save(handle)
    handle.seek(0)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Cache-Control"] = "no-store"
    return response
