"""CSV import of organisations: every bad row is reported by line and field, and
nothing is imported until all rows are valid."""

import csv
import io
import logging
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from organisations.errors import RegisterError
from organisations.models import FieldOfActivity, Municipality, Organisation
from organisations.validators import normalise_business_id, validate_business_id

from . import (
    DUPLICATE_BUSINESS_ID,
    _clean_organisation_data,
    _require_staff,
    organisation_create,
)

logger = logging.getLogger(__name__)

IMPORT_COLUMNS = (
    "name_fi",
    "name_sv",
    "name_en",
    "kind",
    "business_id",
    "register_number",
    "municipality_code",
    "fields",
    "email",
    "phone",
    "website",
    "is_public",
)
OPTIONAL_IMPORT_COLUMNS = (
    "description_fi",
    "description_sv",
    "description_en",
    "street_address",
    "postal_code",
    "post_office",
)
_TRUE = {"1", "true", "yes", "y", "kyllä", "k", "ja", "x"}
_FALSE = {"0", "false", "no", "n", "ei", "e", "nej"}


@dataclass(frozen=True)
class RowError:
    line: int  # line of the file, the header being line 1
    field: str
    message: str


@dataclass
class ImportResult:
    dry_run: bool
    rows: int = 0
    errors: list[RowError] = dataclass_field(default_factory=list)
    created: list[Organisation] = dataclass_field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def imported(self) -> int:
        return len(self.created)


def _read_text(file) -> str:
    data = file.read()
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    return data.decode("utf-8-sig")


def _sniff_delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=";,").delimiter
    except csv.Error:
        return ";" if header.count(";") > header.count(",") else ","


def _parse_bool(value: str):
    value = value.strip().lower()
    if value == "":
        return True
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    return None


@transaction.atomic
def organisation_import_csv(*, file, dry_run: bool = False, actor=None) -> ImportResult:
    """Import organisations from CSV (UTF-8 with or without BOM, ';' or ',' separated,
    header row with at least the IMPORT_COLUMNS). Every bad row is reported by line and
    column; nothing is imported unless every row is valid. A dry run only validates."""
    if actor is not None:
        _require_staff(actor)
    result = ImportResult(dry_run=dry_run)
    try:
        text = _read_text(file)
    except UnicodeDecodeError:
        result.errors.append(
            RowError(0, "file", str(_("The file is not UTF-8 text. Save it as CSV UTF-8.")))
        )
        return result
    if not text.strip():
        result.errors.append(RowError(0, "file", str(_("The file is empty."))))
        return result

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    try:
        header = [column.strip().lower() for column in next(reader)]
    except csv.Error as exc:
        result.errors.append(
            RowError(1, "file", str(_("The file is not valid CSV: %(error)s") % {"error": exc}))
        )
        return result
    missing = [column for column in IMPORT_COLUMNS if column not in header]
    for column in missing:
        result.errors.append(
            RowError(1, column, str(_("The column %(column)s is missing.") % {"column": column}))
        )
    known = set(IMPORT_COLUMNS) | set(OPTIONAL_IMPORT_COLUMNS)
    for column in header:
        if column not in known:
            result.errors.append(
                RowError(1, column, str(_("Unknown column %(column)s.") % {"column": column}))
            )
    if len(set(header)) != len(header):
        result.errors.append(RowError(1, "file", str(_("A column appears twice in the header."))))
    if result.errors:
        return result

    municipalities = {m.code: m for m in Municipality.objects.all()}
    fields_of_activity = {f.code: f for f in FieldOfActivity.objects.all()}
    rows = []  # (line, data, fields)
    seen_business_ids: dict[str, int] = {}
    line = 1
    while True:
        start = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.errors.append(
                RowError(
                    start, "file", str(_("The row is not valid CSV: %(error)s") % {"error": exc})
                )
            )
            break
        line = start
        if not any(value.strip() for value in values):
            continue
        result.rows += 1
        errors = []

        def error(column, message, errors=errors, line=line):
            row_error = RowError(line, column, str(message))
            if row_error not in errors:
                errors.append(row_error)

        if len(values) != len(header):
            error(
                "file",
                _("The row has %(count)d columns; the header has %(expected)d.")
                % {"count": len(values), "expected": len(header)},
            )
            result.errors.extend(errors)
            continue
        raw = {column: value.strip() for column, value in zip(header, values, strict=True)}
        data = {
            key: raw.get(key, "")
            for key in (
                "name_fi",
                "name_sv",
                "name_en",
                "register_number",
                "email",
                "phone",
                "website",
                *OPTIONAL_IMPORT_COLUMNS,
            )
        }
        data["kind"] = raw["kind"] or Organisation.Kind.ASSOCIATION
        if data["kind"] not in Organisation.Kind.values:
            error(
                "kind",
                _("Unknown kind %(value)s; use one of: %(choices)s.")
                % {"value": data["kind"], "choices": ", ".join(Organisation.Kind.values)},
            )
        business_id = normalise_business_id(raw["business_id"]) or None
        data["business_id"] = business_id
        if business_id:
            try:
                validate_business_id(business_id)
            except ValidationError as exc:
                error("business_id", exc.messages[0])
            else:
                if business_id in seen_business_ids:
                    error(
                        "business_id",
                        _("The Business ID %(business_id)s is also on line %(line)d.")
                        % {"business_id": business_id, "line": seen_business_ids[business_id]},
                    )
                else:
                    seen_business_ids[business_id] = line
        code = raw["municipality_code"]
        data["municipality"] = None
        if code:
            padded = code.zfill(3) if code.isdigit() else code
            data["municipality"] = municipalities.get(padded)
            if data["municipality"] is None:
                error(
                    "municipality_code",
                    _("Unknown municipality code %(code)s.") % {"code": code},
                )
        chosen = []
        for field_code in filter(None, (part.strip() for part in raw["fields"].split("|"))):
            if field_code in fields_of_activity:
                chosen.append(fields_of_activity[field_code])
            else:
                error(
                    "fields",
                    _("Unknown field of activity %(code)s.") % {"code": field_code},
                )
        is_public = _parse_bool(raw["is_public"])
        if is_public is None:
            error("is_public", _("Write is_public as 1 or 0 (yes or no)."))
        data["is_public"] = bool(is_public)
        if data["postal_code"] and not (
            len(data["postal_code"]) == 5 and data["postal_code"].isdigit()
        ):
            error("postal_code", _("A postal code has five digits."))
        # Lengths, formats of email and website, the required Finnish name: the model's own
        # validation, with Django's translated messages. Business ID was checked above.
        data = _clean_organisation_data(data)
        candidate = Organisation(**data)
        try:
            candidate.full_clean(
                exclude=["business_id", "municipality", "kind", "postal_code"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            for field_name, messages in exc.message_dict.items():
                column = field_name if field_name in header else "name_fi"
                if field_name == "name":
                    column = "name_fi"
                for message in messages:
                    error(column, message)
        result.errors.extend(errors)
        rows.append((line, data, chosen))

    if not result.rows and not result.errors:
        result.errors.append(RowError(2, "file", str(_("The file has no rows to import."))))
    # Business IDs already in the register, in one query.
    if seen_business_ids:
        for business_id in Organisation.objects.filter(
            business_id__in=list(seen_business_ids)
        ).values_list("business_id", flat=True):
            result.errors.append(
                RowError(
                    seen_business_ids[business_id],
                    "business_id",
                    str(DUPLICATE_BUSINESS_ID % {"business_id": business_id}),
                )
            )
    result.errors.sort(key=lambda e: (e.line, e.field))
    if result.errors or dry_run:
        return result

    for line, data, chosen in rows:
        try:
            result.created.append(
                organisation_create(actor=actor, fields_of_activity=chosen, **data)
            )
        except RegisterError as exc:  # a concurrent change since the checks above
            for field, messages in exc.errors_by_field.items():
                for message in messages:
                    result.errors.append(RowError(line, field or "file", str(message)))
    if result.errors:
        transaction.set_rollback(True)
        result.created = []
    logger.debug("imported %d organisations", len(result.created))
    return result
