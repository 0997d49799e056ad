"""Every figure of the municipality page and of the comparison as a CSV file, in the
form of the portal's other CSV downloads: semicolon-separated UTF-8 with a byte order
mark (for Excel), a decimal comma, a translated header, and an RFC 6266 file name. One
row per value: the area (a municipality, its wellbeing services county or the whole
country), the figure or indicator, the year (or the period of the centre's figures),
the value as the page shows it, the unit, the source and a note (a withheld value, demo
data). The sources' attribution and the licence follow the rows."""

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _

from core.clock import today
from core.schema import content_disposition
from core.spreadsheets import spreadsheet_text

from .comparison import rounded
from .models import Source

COUNTRY_CODE = "SSS"  # Statistics Finland's code of the whole country


def _text(value) -> str:
    """A text cell that a spreadsheet will not run as a formula."""
    return spreadsheet_text(str(value or ""))


def _number(value) -> str:
    return "" if value is None else str(value).replace(".", ",")


def header() -> list[str]:
    return [
        _("Code"),
        _("Area"),
        _("Figure"),
        _("Year"),
        _("Value"),
        _("Unit"),
        _("Source"),
        _("Note"),
    ]


def _indicator_row(code, area, indicator, year, point) -> list[str]:
    """A value of an indicator (Observation or AreaObservation); a missing one (None)
    gives no row."""
    note = ""
    if point.withheld:
        note = _("withheld for privacy")
    elif indicator.demo:
        note = _("demo data")
    return [
        code,
        _text(area),
        _text(indicator.title),
        str(year),
        "" if point.withheld else _number(rounded(point.value, indicator.decimals)),
        _text(indicator.unit),
        _text(indicator.attribution),
        note,
    ]


def _county_code(county) -> str:
    return f"HVA{county.code}"


def _figure_rows(municipality, figures, period) -> list[list[str]]:
    span = f"{period.first.isoformat()}–{period.last.isoformat()}"
    source = _("The centre's own figures")
    rows = []
    for figure in figures:
        rows.append(
            [
                municipality.code,
                _text(municipality.name),
                _text(figure.label),
                span,
                _number(figure.value),
                figure.unit,
                source,
                "",
            ]
        )
        for label, value in figure.breakdown:
            rows.append(
                [
                    municipality.code,
                    _text(municipality.name),
                    _text(f"{figure.label}: {label}"),
                    span,
                    _number(value),
                    figure.unit,
                    source,
                    "",
                ]
            )
    return rows


def municipality_rows(page) -> list[list[str]]:
    """The rows of the municipality page (selectors.municipality_page): each followed
    indicator's values of the trend shown, the county's and the country's of the latest
    year, then the centre's figures."""
    municipality = page["municipality"]
    county = municipality.wellbeing_county
    rows = []
    for item in page["series"]:
        indicator = item.indicator
        for point in item.points:
            rows.append(
                _indicator_row(municipality.code, municipality.name, indicator, point.year, point)
            )
        if item.latest is not None:
            year = item.latest.year
            if item.county_latest is not None:
                rows.append(
                    _indicator_row(
                        _county_code(county), county.name, indicator, year, item.county_latest
                    )
                )
            if item.country_latest is not None:
                rows.append(
                    _indicator_row(
                        COUNTRY_CODE, _("Whole country"), indicator, year, item.country_latest
                    )
                )
    rows += _figure_rows(municipality, page["centre_figures"], page["figures_period"])
    return rows


def comparison_rows(comparison) -> list[list[str]]:
    """The rows of the comparison (comparison.compare): per indicator the year compared
    for each municipality, county and the country; then each municipality's figures."""
    rows = []
    for item in comparison.indicators:
        indicator = item.indicator
        for municipality, point in zip(comparison.municipalities, item.values, strict=True):
            if point is not None:
                rows.append(
                    _indicator_row(
                        municipality.code, municipality.name, indicator, item.year, point
                    )
                )
        for county, point in zip(comparison.counties, item.counties, strict=True):
            if point is not None:
                rows.append(
                    _indicator_row(_county_code(county), county.name, indicator, item.year, point)
                )
        if item.country is not None:
            rows.append(
                _indicator_row(COUNTRY_CODE, _("Whole country"), indicator, item.year, item.country)
            )
    for municipality in comparison.municipalities:
        rows += _figure_rows(
            municipality,
            comparison.centre_figures.get(municipality.pk, []),
            comparison.figures_period,
        )
    return rows


def attribution_lines(attributions, sources) -> list[str]:
    lines = [str(a) for a in attributions]
    if set(sources) & {Source.SOTKANET, Source.PXWEB}:
        lines.append(_("Licence of the statistics: CC BY 4.0"))
    return lines


def csv_response(rows, attributions, sources, filename) -> HttpResponse:
    out = io.StringIO()
    out.write("\ufeff")  # Excel reads UTF-8 with the mark
    writer = csv.writer(out, delimiter=";")
    writer.writerow(header())
    writer.writerows(rows)
    lines = attribution_lines(attributions, sources)
    if lines:
        writer.writerow([])
        writer.writerows([line] for line in lines)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition(
        f"{filename}-{today().isoformat()}.csv", attachment=True
    )
    response["Cache-Control"] = "no-store"
    return response
