"""Tables in and out for any app.

In: the rows of an uploaded table for an import, a CSV file (UTF-8, separated by
semicolons, commas or tabs, as the file's first lines show) or an Excel workbook (XLSX,
its first sheet). The type is read from the file's first bytes (core.uploads), never
its name. Problems with the file as a whole raise a DomainError on the field "file"
with a translated message; what the rows mean is the importing app's business.

Out: a header and rows as an XLSX workbook of one sheet (``xlsx_bytes``), or as a
download (``xlsx_response``), or as a CSV download the way Excel in Finland reads it
(``csv_response``: UTF-8 with its mark, semicolons). Text is always written as text: a
cell that begins with "=" (a comment, a name) never becomes a formula in the reader's
spreadsheet (``spreadsheet_text`` for CSV)."""

import csv
import io
from copy import copy
from datetime import datetime

from django.http import HttpResponse
from django.utils.translation import gettext as _

from .errors import DomainError
from .schema import content_disposition
from .uploads import TEXT, XLSX, sniff_content_type

# What a spreadsheet reads as the start of a formula in a CSV cell.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

MAX_BYTES = 5 * 1024 * 1024


def read_table(upload, *, max_bytes: int = MAX_BYTES) -> list[tuple[int, list[str]]]:
    """[(row number in the file, [cell text, …])] of the non-blank rows; the first row
    (usually the header) is number 1."""
    kind = sniff_content_type(upload)
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise DomainError(
            _("The file is too large (at most %(size)s MB)."),
            field="file",
            params={"size": max_bytes // (1024 * 1024)},
        )
    if not data:
        raise DomainError(_("The file is empty."), field="file")
    if kind == XLSX:
        rows = _xlsx_rows(data)
    elif kind == TEXT:
        rows = _csv_rows(data)
    else:
        raise DomainError(
            _("Save the file as CSV (UTF-8) or as an Excel workbook (XLSX)."), field="file"
        )
    return [(n, r) for n, r in enumerate(rows, start=1) if any((c or "").strip() for c in r)]


def _csv_rows(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError(
            _("Save the file as CSV (UTF-8) or as an Excel workbook (XLSX)."), field="file"
        ) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_rows(data: bytes) -> list[list[str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable workbook is the same error for people
        raise DomainError(
            _("The workbook cannot be read. Save it again as XLSX."), field="file"
        ) from None
    try:
        return [
            [_cell(v) for v in values] for values in book.worksheets[0].iter_rows(values_only=True)
        ]
    finally:
        book.close()


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel's limit on a sheet's name.
MAX_SHEET_TITLE = 31


def xlsx_bytes(
    header: list,
    rows: list[list],
    *,
    sheet_title: str,
    emphasise_header: bool = False,
    datetime_format: str | None = None,
) -> bytes:
    """A workbook of one sheet: the header row, then the rows. ``emphasise_header``
    sets the header in bold and keeps it in view when scrolling; ``datetime_format``
    (e.g. "d.m.yyyy h:mm") is the number format of every cell holding a datetime
    (spreadsheets keep no time zones: give local, naive datetimes)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title[:MAX_SHEET_TITLE]
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows():
        for cell in cells:
            if cell.data_type == "f":  # openpyxl reads a leading "=" as a formula
                cell.data_type = "s"
            elif datetime_format and isinstance(cell.value, datetime):
                cell.number_format = datetime_format
    if emphasise_header:
        sheet.freeze_panes = "A2"
        for cell in sheet[1]:
            font = copy(cell.font)
            font.bold = True
            cell.font = font
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, header: list, rows: list[list], **options) -> HttpResponse:
    """The workbook of ``xlsx_bytes(header, rows, **options)`` as a download named
    ``filename``."""
    response = HttpResponse(xlsx_bytes(header, rows, **options), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename, attachment=True)
    return response


def spreadsheet_text(value) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula; numbers (not
    text) are written as they are, so a negative amount stays a number."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return str(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def csv_response(filename: str, header: list, rows, *, footer=()) -> HttpResponse:
    """A CSV download named ``filename``: the header, the rows (text cells through
    ``spreadsheet_text``) and the ``footer`` lines after an empty row."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition(filename, attachment=True)
    response.write("\ufeff")  # Excel reads UTF-8 with the mark
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    writer.writerows([spreadsheet_text(cell) for cell in row] for row in rows)
    if footer:
        writer.writerow([])
        writer.writerows([line] for line in footer)
    return response
