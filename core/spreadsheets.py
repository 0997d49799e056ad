"""Rows of an uploaded table for any app's import: a CSV file (UTF-8, separated by
semicolons, commas or tabs, as the file's first lines show) or an Excel workbook (XLSX,
its first sheet). The type is read from the file's first bytes (core.uploads), never
its name. Problems with the file as a whole raise a DomainError on the field "file"
with a translated message; what the rows mean is the importing app's business."""

import csv
import io

from django.utils.translation import gettext as _

from .errors import DomainError
from .uploads import TEXT, XLSX, sniff_content_type

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
