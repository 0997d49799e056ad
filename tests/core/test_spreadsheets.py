"""core.spreadsheets writes exports too: a header and rows as one XLSX sheet, read back
with openpyxl; text that looks like a formula stays text."""

import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook

from core.spreadsheets import XLSX_CONTENT_TYPE, xlsx_bytes, xlsx_response


def test_a_sheet_of_the_header_and_rows_as_a_download():
    when = datetime.datetime(2026, 3, 4, 17, 5)
    response = xlsx_response(
        "kommentit-1.xlsx",
        ["Numero", "Kommentti", "Luotu", "Summa"],
        [[1, '=HYPERLINK("http://example.com")', when, Decimal("12.50")], [2, "Hyvä", "", 3]],
        sheet_title="Kommentit ja niiden käsittely kuntien kanssa",
        emphasise_header=True,
        datetime_format="d.m.yyyy h:mm",
    )
    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="kommentit-1.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Kommentit ja niiden käsittely k"  # Excel's 31 characters
    assert list(sheet.values) == [
        ("Numero", "Kommentti", "Luotu", "Summa"),
        (1, '=HYPERLINK("http://example.com")', when, 12.5),
        (2, "Hyvä", None, 3),
    ]
    assert sheet["B2"].data_type == "s"  # written as text, never run as a formula
    assert sheet["C2"].number_format == "d.m.yyyy h:mm"
    assert sheet["A1"].font.bold and not sheet["A2"].font.bold
    assert sheet.freeze_panes == "A2"


def test_plain_sheet_by_default():
    sheet = load_workbook(io.BytesIO(xlsx_bytes(["a"], [[1]], sheet_title="Hakemukset"))).active
    assert (sheet.title, list(sheet.values)) == ("Hakemukset", [("a",), (1,)])
    assert not sheet["A1"].font.bold and sheet.freeze_panes is None


def test_a_csv_download_keeps_text_as_text_and_numbers_as_numbers():
    from decimal import Decimal

    from core.spreadsheets import csv_response

    response = csv_response(
        "maksut-Pöri.csv",
        ["name", "amount"],
        [['=HYPERLINK("x")', Decimal("-12.50")], ["Kuoro", 3]],
        footer=["Lähde: THL"],
    )
    body = response.content.decode()
    assert body.startswith("\ufeffname;amount\r\n")
    assert "'=HYPERLINK" in body and ";-12.50\r\n" in body and "Kuoro;3\r\n" in body
    assert body.endswith("\r\nLähde: THL\r\n")
    assert "filename*=UTF-8''maksut-P%C3%B6ri.csv" in response["Content-Disposition"]
