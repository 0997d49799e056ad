"""Staff upload the centre's own or other organisations' indicator values (a survey of
the city, say) as a CSV or XLSX file, with a dry run that names every bad row, like the
workshop comments' import of participation.

The file's first row names the columns (Finnish, Swedish or English):

    indikaattori / indikator / indicator   the code of an indicator of source "own"
                                          (made in the admin) or its Finnish title
    kunta / kommun / municipality          a municipality's number or name
    vuosi / år / year                      the year
    arvo / värde / value                   a number (a decimal comma is fine)

``values_import(dry_run=True)`` reads and checks every row and saves nothing; the real
run saves every row (a value already stored for the indicator, municipality and year
is replaced) or, when any row has a problem, none."""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.access import is_staff
from core.clock import now, today
from core.spreadsheets import read_table
from organisations.models import Municipality

from .importers import InsightsError
from .models import Indicator, Observation, Source

MAX_ROWS = 10000
FIRST_YEAR = 1900

COLUMNS = {
    "indicator": ("indikaattori", "indikator", "indicator"),
    "municipality": ("kunta", "kommun", "municipality"),
    "year": ("vuosi", "år", "year"),
    "value": ("arvo", "värde", "value"),
}


@dataclass
class UploadRow:
    number: int  # the row's number in the file (the header is row 1)
    indicator: Indicator | None = None
    municipality: Municipality | None = None
    year: int | None = None
    value: Decimal | None = None
    problems: list = field(default_factory=list)


@dataclass
class UploadResult:
    rows: list
    created: int = 0
    updated: int = 0

    @property
    def problems(self) -> list:
        return [row for row in self.rows if row.problems]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.problems

    @property
    def saved(self) -> int:
        return self.created + self.updated


def _columns(header):
    names = [(h or "").strip().lower() for h in header]
    found = {}
    for key, aliases in COLUMNS.items():
        for index, name in enumerate(names):
            if name in aliases:
                found[key] = index
                break
    missing = [aliases[0] for key, aliases in COLUMNS.items() if key not in found]
    if missing:
        raise InsightsError(
            _("The first row must name the columns; missing: %(columns)s."),
            field="file",
            params={"columns": ", ".join(missing)},
        )
    return found


def _lookups():
    indicators = {}
    for indicator in Indicator.objects.filter(source=Source.OWN):
        indicators[indicator.source_id.strip().lower()] = indicator
        indicators.setdefault(indicator.title_fi.strip().lower(), indicator)
    municipalities = {}
    for m in Municipality.objects.all():
        municipalities[m.code] = m
        for name in (m.name_fi, m.name_sv, m.name_en):
            if name:
                municipalities[name.strip().lower()] = m
    return indicators, municipalities


def values_read(upload) -> UploadResult:
    """Read and check every row of the file; save nothing."""
    rows = read_table(upload)  # a DomainError on "file" when the file is unreadable
    if not rows:
        raise InsightsError(_("The file is empty."), field="file")
    columns = _columns(rows[0][1])
    if len(rows) - 1 > MAX_ROWS:
        raise InsightsError(
            _("A file can have at most %(max)d rows."), field="file", params={"max": MAX_ROWS}
        )
    indicators, municipalities = _lookups()
    last_year = today().year + 1

    def cell(values, key):
        index = columns[key]
        return (values[index] if index < len(values) else "").strip()

    result, seen = [], {}
    for number, values in rows[1:]:
        row = UploadRow(number=number)
        name = cell(values, "indicator")
        row.indicator = indicators.get(name.lower())
        if not name:
            row.problems.append(_("The indicator is missing."))
        elif row.indicator is None:
            row.problems.append(
                _("Unknown indicator “%(indicator)s”: give the code of an own indicator.")
                % {"indicator": name}
            )
        place = cell(values, "municipality").removesuffix(".0")
        row.municipality = municipalities.get(place.lower()) or (
            municipalities.get(place.zfill(3)) if place.isdigit() else None
        )
        if not place:
            row.problems.append(_("The municipality is missing."))
        elif row.municipality is None:
            row.problems.append(
                _("Unknown municipality “%(municipality)s”.") % {"municipality": place}
            )
        year = cell(values, "year").removesuffix(".0")
        if year.isdigit() and FIRST_YEAR <= int(year) <= last_year:
            row.year = int(year)
        else:
            row.problems.append(
                _("The year must be a year between %(first)d and %(last)d, not “%(year)s”.")
                % {"first": FIRST_YEAR, "last": last_year, "year": year}
            )
        value = cell(values, "value").replace(" ", "").replace("\u00a0", "").replace(",", ".")
        try:
            row.value = Decimal(value)
            if not row.value.is_finite() or abs(row.value) >= Decimal("1e16"):
                raise InvalidOperation
        except InvalidOperation:
            row.value = None
            row.problems.append(
                _("The value must be a number, not “%(value)s”.") % {"value": cell(values, "value")}
            )
        if row.indicator and row.municipality and row.year:
            key = (row.indicator.pk, row.municipality.pk, row.year)
            if key in seen:
                row.problems.append(
                    _("The same indicator, municipality and year as row %(row)d.")
                    % {"row": seen[key]}
                )
            seen.setdefault(key, number)
        result.append(row)
    if not result:
        raise InsightsError(_("The file has no values under its first row."), field="file")
    return UploadResult(rows=result)


@transaction.atomic
def values_import(*, actor, upload, dry_run: bool) -> UploadResult:
    """Read the file; unless it is a dry run, store every value, or none when any row
    has a problem (staff only)."""
    if not is_staff(actor):
        raise PermissionDenied
    result = values_read(upload)
    if dry_run:
        return result
    if result.problems:
        raise InsightsError(
            _("%(count)d rows have problems; nothing was saved. Check the file to see them.")
            % {"count": len(result.problems)},
            field="file",
        )
    existing = {
        (o.indicator_id, o.municipality_id, o.year): o
        for o in Observation.objects.select_for_update()
        .filter(
            indicator__in={r.indicator.pk for r in result.rows},
            year__in={r.year for r in result.rows},
            gender="total",
        )
        .order_by()
    }
    read_at = now()
    new, changed = [], []
    for row in result.rows:
        current = existing.get((row.indicator.pk, row.municipality.pk, row.year))
        if current is None:
            new.append(
                Observation(
                    indicator=row.indicator,
                    municipality=row.municipality,
                    year=row.year,
                    value=row.value,
                    source=Source.OWN,
                    source_id=row.indicator.source_id,
                    source_region=row.municipality.code,
                    read_at=read_at,
                )
            )
        elif current.value != row.value or current.withheld:
            current.value, current.withheld, current.read_at = row.value, False, read_at
            changed.append(current)
    try:
        with transaction.atomic():
            Observation.objects.bulk_create(new)
    except IntegrityError:
        # Another upload stored one of these values after this one looked: the unique
        # constraint refuses the second, and nothing of this upload is kept.
        raise InsightsError(
            _("Another upload saved values at the same time. Send the file again."),
            field="file",
        ) from None
    Observation.objects.bulk_update(changed, ["value", "withheld", "read_at"])
    result.created, result.updated = len(new), len(changed)
    return result
