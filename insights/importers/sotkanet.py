"""THL Sotkanet's REST API (1.1): the indicator list, one indicator's metadata, the
region list and the values as CSV. Municipalities, wellbeing services counties
(category HYVINVOINTIALUE) and the whole country (MAA) are mapped from Sotkanet's own
region ids to the register's codes through Sotkanet's region list."""

import csv
import io
import re

from django.db import transaction
from django.utils.translation import gettext as _

from core.clock import now
from insights.models import Indicator, Source

from .base import (
    LANGUAGES,
    SOTKANET_URL,
    AreaRow,
    ImportReport,
    InsightsError,
    Row,
    _date,
    _decimal,
    _get,
    _json,
    _malformed,
    _store,
    _text,
)


def _trilingual(data, key):
    value = data.get(key) or {}
    if isinstance(value, str):
        return {language: _text(value) for language in LANGUAGES}
    return {language: _text(value.get(language)) for language in LANGUAGES}


def sotkanet_catalogue_import(*, base_url=SOTKANET_URL) -> ImportReport:
    """The list of every Sotkanet indicator (GET /indicators): ids, titles and the
    organisation responsible. Existing indicators keep their theme and following."""
    data = _json(_get(f"{base_url}/indicators"))
    if not isinstance(data, list):
        raise _malformed(_("the indicator list is not a list"))
    read_at = now()
    found = []
    for item in data:
        if not isinstance(item, dict) or "id" not in item:
            raise _malformed(_("an indicator without an id"))
        title = _trilingual(item, "title")
        if not title["fi"]:
            raise _malformed(_("indicator %(id)s has no Finnish title") % {"id": item["id"]})
        organisation = _trilingual(item.get("organization") or {}, "title")
        found.append(
            Indicator(
                source=Source.SOTKANET,
                source_id=str(item["id"]),
                content_code="",
                title_fi=title["fi"][:500],
                title_sv=title["sv"][:500],
                title_en=title["en"][:500],
                organisation=organisation["fi"][:300],
                read_at=read_at,
            )
        )
    before = Indicator.objects.filter(source=Source.SOTKANET).count()
    with transaction.atomic():
        Indicator.objects.bulk_create(
            found,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["source", "source_id", "content_code"],
            update_fields=["title_fi", "title_sv", "title_en", "organisation", "read_at"],
        )
    after = Indicator.objects.filter(source=Source.SOTKANET).count()
    return ImportReport(created=after - before, updated=len(found) - (after - before))


def sotkanet_indicator_import(indicator_id, *, base_url=SOTKANET_URL) -> Indicator:
    """One indicator's metadata (GET /indicators/<id>)."""
    return sotkanet_indicator_load(
        indicator_id, _json(_get(f"{base_url}/indicators/{int(indicator_id)}"))
    )


def sotkanet_indicator_load(indicator_id, data) -> Indicator:
    if not isinstance(data, dict) or str(data.get("id")) != str(int(indicator_id)):
        raise _malformed(_("the answer is not indicator %(id)s") % {"id": indicator_id})
    title = _trilingual(data, "title")
    if not title["fi"]:
        raise _malformed(_("indicator %(id)s has no Finnish title") % {"id": indicator_id})
    description = _trilingual(data, "description")
    unit = _trilingual(data.get("primaryValueType") or {}, "title")
    organisation = _trilingual(data.get("organization") or {}, "title")
    indicator, _created = Indicator.objects.update_or_create(
        source=Source.SOTKANET,
        source_id=str(int(indicator_id)),
        content_code="",
        defaults={
            **{f"title_{k}": v[:500] for k, v in title.items()},
            **{f"description_{k}": v for k, v in description.items()},
            "unit": unit["fi"][:200],
            "decimals": int(data.get("decimals") or 0),
            "organisation": organisation["fi"][:300],
            "source_updated": _date(data.get("data-updated")),
            "read_at": now(),
        },
    )
    return indicator


def sotkanet_municipality_regions(*, base_url=SOTKANET_URL) -> dict[str, str]:
    """{Sotkanet's region id: official municipality code} from GET /regions."""
    return sotkanet_regions_load(_json(_get(f"{base_url}/regions")))


COUNTRY = "MAA"
COUNTY = "HYVINVOINTIALUE"


def sotkanet_areas_load(data) -> dict[str, str | None]:
    """{Sotkanet's region id: the wellbeing services county's two-digit code, or None
    for the whole country} from the region list. Sotkanet writes a county's code with
    or without its leading zero or the letters HVA; the digits are what count."""
    if not isinstance(data, list):
        raise _malformed(_("the region list is not a list"))
    areas = {}
    for region in data:
        if not isinstance(region, dict):
            continue
        category = str(region.get("category", "")).upper()
        if category == COUNTRY:
            areas[str(region["id"])] = None
        elif category == COUNTY:
            digits = re.sub(r"\D", "", str(region.get("code", "")))
            if digits:
                areas[str(region["id"])] = digits[-2:].zfill(2)
    return areas


SOTKANET_HEADER = ["indicator", "region", "year", "gender", "primary value", "absolute value"]


def sotkanet_data_import(
    indicator: Indicator, years, *, gender="total", base_url=SOTKANET_URL
) -> ImportReport:
    """The indicator's values for the municipalities (GET /data/csv)."""
    if indicator.source != Source.SOTKANET:
        raise InsightsError(_("This indicator is not from Sotkanet."))
    region_list = _json(_get(f"{base_url}/regions"))
    regions, areas = sotkanet_regions_load(region_list), sotkanet_areas_load(region_list)
    response = _get(
        f"{base_url}/data/csv",
        params={"indicator": indicator.source_id, "years": list(years), "genders": gender},
    )
    return sotkanet_data_load(indicator, regions, response.content, areas=areas)


def sotkanet_regions_load(data) -> dict[str, str]:
    if not isinstance(data, list):
        raise _malformed(_("the region list is not a list"))
    return {
        str(region["id"]): str(region["code"]).zfill(3)
        for region in data
        if isinstance(region, dict) and str(region.get("category", "")).upper() == "KUNTA"
    }


def sotkanet_data_load(
    indicator: Indicator, regions: dict[str, str], content: bytes, *, areas=None
) -> ImportReport:
    """Checks Sotkanet's CSV answer as a whole, then stores it: the municipalities'
    values and, with ``areas`` (sotkanet_areas_load), the counties' and the country's."""
    areas = areas or {}
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _malformed(_("the CSV is not UTF-8")) from exc
    reader = csv.reader(io.StringIO(text), delimiter=";")
    header = [h.strip().lower() for h in next(reader, [])]
    if header != SOTKANET_HEADER:
        raise _malformed(_("the CSV does not start with Sotkanet's header"))
    report = ImportReport()
    rows, area_rows = [], []
    for number, line in enumerate(reader, start=2):
        if not line or not any(cell.strip() for cell in line):
            continue
        if len(line) != len(SOTKANET_HEADER):
            raise _malformed(
                _("line %(line)s has %(count)s fields") % {"line": number, "count": len(line)}
            )
        ind, region, year, row_gender, value, absolute = (cell.strip() for cell in line)
        if ind != indicator.source_id:
            raise _malformed(_("line %(line)s is about another indicator") % {"line": number})
        if not year.isdigit():
            raise _malformed(_("line %(line)s has no year") % {"line": number})
        if region in areas:
            area_rows.append(AreaRow(areas[region], int(year), row_gender, _decimal(value), region))
            continue
        code = regions.get(region)
        if code is None:
            # A region that is neither a municipality, a county nor the country (a
            # hospital district, a sub-region…) or a municipality that has since merged
            # and is no longer in the region list.
            report.skipped.append(_("region %(id)s is not a municipality") % {"id": region})
            continue
        rows.append(Row(code, int(year), row_gender, _decimal(value), _decimal(absolute), region))
    return _store(indicator, rows, report, area_rows)
