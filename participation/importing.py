"""A workshop's comments in bulk, from a CSV or XLSX file.

The file's first row names the columns (Finnish, Swedish or English):

    osio / avsnitt / section        the section's number (1, 2, …) or its title
    kommentti / kommentar / comment the comment's text
    kunta / kommun / municipality   optional: a municipality's name or number; the
                                    workshop's municipality when empty
    kieli / språk / language        optional: fi, sv or en (fi when empty)
    nimi / namn / name              optional: the commenter's name

``comments_import(dry_run=True)`` reads every row and reports every row's problems, and
saves nothing; the real run saves every row or, when any row has a problem, none."""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from core.uploads import TEXT, XLSX, sniff_content_type
from organisations.models import Municipality

from .errors import ParticipationError
from .models import COMMENT_MAX_LENGTH, NAME_MAX_LENGTH, Comment, Workshop
from .services import LANGUAGES, _require_staff, plain_text

MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024

COLUMNS = {
    "section": ("osio", "avsnitt", "section"),
    "text": ("kommentti", "kommentar", "comment"),
    "municipality": ("kunta", "kommun", "municipality"),
    "language": ("kieli", "språk", "language"),
    "name": ("nimi", "namn", "name"),
}


@dataclass
class ImportRow:
    number: int  # the row's number in the file (the header is row 1)
    text: str = ""
    section: object = None
    municipality: object = None
    language: str = "fi"
    name: str = ""
    problems: list = field(default_factory=list)


@dataclass
class ImportResult:
    rows: list
    saved: int = 0

    @property
    def problems(self) -> list:
        return [row for row in self.rows if row.problems]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.problems


def _read_rows(upload) -> list[list[str]]:
    kind = sniff_content_type(upload)
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ParticipationError(_("The file is too large (at most 5 MB)."), field="file")
    if kind == XLSX:
        return _read_xlsx(data)
    if upload.size == 0:
        raise ParticipationError(_("The file is empty."), field="file")
    if kind != TEXT:
        raise ParticipationError(
            _("Save the file as CSV (UTF-8) or as an Excel workbook (XLSX)."), field="file"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ParticipationError(
            _("Save the file as CSV (UTF-8) or as an Excel workbook (XLSX)."), field="file"
        ) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def _read_xlsx(data: bytes) -> list[list[str]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable workbook is the same error for people
        raise ParticipationError(
            _("The workbook cannot be read. Save it again as XLSX."), field="file"
        ) from None
    sheet = book.worksheets[0]
    rows = []
    for values in sheet.iter_rows(values_only=True):
        rows.append(["" if v is None else str(v) for v in values])
    book.close()
    return rows


def _header_map(header: list[str]) -> dict[str, int]:
    names = [h.strip().lower() for h in header]
    found = {}
    for key, aliases in COLUMNS.items():
        for index, name in enumerate(names):
            if name in aliases:
                found[key] = index
                break
    missing = [COLUMNS[k][0] for k in ("section", "text") if k not in found]
    if missing:
        raise ParticipationError(
            _("The first row must name the columns; missing: %(columns)s."),
            field="file",
            params={"columns": ", ".join(missing)},
        )
    return found


def _municipality_lookup():
    by_key = {}
    for m in Municipality.objects.all():
        by_key[m.code] = m
        for value in (m.name_fi, m.name_sv, m.name_en):
            if value:
                by_key[value.strip().lower()] = m
    return by_key


def comments_read(*, workshop: Workshop, upload) -> ImportResult:
    """Read and check every row of the file; save nothing."""
    rows = _read_rows(upload)
    # Each row with its number in the file; blank rows are skipped but keep the count.
    rows = [(n, r) for n, r in enumerate(rows, start=1) if any((c or "").strip() for c in r)]
    if not rows:
        raise ParticipationError(_("The file is empty."), field="file")
    columns = _header_map(rows[0][1])
    if len(rows) - 1 > MAX_ROWS:
        raise ParticipationError(
            _("A file can have at most %(max)d comments."), field="file", params={"max": MAX_ROWS}
        )
    sections = list(workshop.consultation.sections.all())
    by_number = {str(i): s for i, s in enumerate(sections, start=1)}
    by_title = {}
    for s in sections:
        for value in (s.title_fi, s.title_sv, s.title_en):
            if value:
                by_title[value.strip().lower()] = s
    municipalities = _municipality_lookup()

    def cell(values, key):
        index = columns.get(key)
        if index is None or index >= len(values):
            return ""
        return (values[index] or "").strip()

    result = []
    for number, values in rows[1:]:
        row = ImportRow(number=number)
        section = cell(values, "section")
        row.section = by_number.get(section.removesuffix(".0")) or by_title.get(section.lower())
        if not section:
            row.problems.append(_("The section is missing."))
        elif row.section is None:
            row.problems.append(
                _("No section “%(section)s” in this consultation.") % {"section": section}
            )
        row.text = plain_text(cell(values, "text"))
        if not row.text:
            row.problems.append(_("The comment is empty."))
        elif len(row.text) > COMMENT_MAX_LENGTH:
            row.problems.append(
                _("The comment is too long (%(length)d characters; at most %(max)d).")
                % {"length": len(row.text), "max": COMMENT_MAX_LENGTH}
            )
        municipality = cell(values, "municipality")
        if municipality:
            row.municipality = municipalities.get(municipality.removesuffix(".0").lower()) or (
                municipalities.get(municipality.zfill(3)) if municipality.isdigit() else None
            )
            if row.municipality is None:
                row.problems.append(
                    _("Unknown municipality “%(municipality)s”.") % {"municipality": municipality}
                )
        else:
            row.municipality = workshop.municipality
        language = cell(values, "language").lower() or "fi"
        if language not in LANGUAGES:
            row.problems.append(
                _("The language must be fi, sv or en, not “%(language)s”.") % {"language": language}
            )
        row.language = language
        row.name = plain_text(cell(values, "name"))
        if len(row.name) > NAME_MAX_LENGTH:
            row.problems.append(
                _("The name is too long (at most %(max)d characters).") % {"max": NAME_MAX_LENGTH}
            )
        result.append(row)
    if not result:
        raise ParticipationError(_("The file has no comments under its first row."), field="file")
    return ImportResult(rows=result)


@transaction.atomic
def comments_import(*, actor, workshop: Workshop, upload, dry_run: bool) -> ImportResult:
    """Read the file; unless it is a dry run, save every comment tagged with the workshop,
    or nothing when any row has a problem."""
    _require_staff(actor)
    result = comments_read(workshop=workshop, upload=upload)
    if dry_run:
        return result
    if result.problems:
        raise ParticipationError(
            _("%(count)d rows have problems; nothing was saved. Run the check to see them.")
            % {"count": len(result.problems)},
            field="file",
        )
    Comment.objects.bulk_create(
        [
            Comment(
                section=row.section,
                text=row.text,
                name=row.name,
                municipality=row.municipality,
                language=row.language,
                workshop=workshop,
                author_key=f"w{workshop.pk}",
            )
            for row in result.rows
        ]
    )
    result.saved = len(result.rows)
    return result
