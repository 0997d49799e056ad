"""Statistics Finland's PxWeb API (json-stat2): a table's metadata, the query built from
it and the values. Areas are read from the codes: a municipality is its three digits
(``KU`` before them in the newer tables), a wellbeing services county ``HVA`` and two
digits, the whole country ``SSS``."""

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from core.clock import now
from insights.models import Indicator, Source

from .base import (
    PXWEB_URL,
    AreaRow,
    ImportReport,
    InsightsError,
    Row,
    _date,
    _get,
    _json,
    _malformed,
    _store,
    _text,
)

COUNTRY_CODE = "SSS"


def pxweb_indicator_import(table_path, content_code, *, base_url=PXWEB_URL) -> Indicator:
    """A table's metadata (GET <table>): checks that the table and the content code
    still exist and stores the indicator with the content's title."""
    data = _json(_get(f"{base_url}/{table_path}"))
    if not isinstance(data, dict) or not isinstance(data.get("variables"), list):
        raise _malformed(_("the table's metadata has no variables"))
    for variable in data["variables"]:
        values = variable.get("values") or []
        if content_code in values:
            text = _text((variable.get("valueTexts") or values)[values.index(content_code)])
            break
    else:
        raise InsightsError(
            _("The table %(table)s no longer has the content code %(code)s."),
            params={"table": table_path, "code": content_code},
        )
    indicator, _created = Indicator.objects.update_or_create(
        source=Source.PXWEB,
        source_id=table_path,
        content_code=content_code,
        defaults={
            "title_fi": text[:500],
            "description_fi": _text(data.get("title")),
            "organisation": "Tilastokeskus",
            "read_at": now(),
        },
    )
    return indicator


def _category_codes(dimension):
    index = (dimension.get("category") or {}).get("index")
    if isinstance(index, list):
        return list(index)
    if isinstance(index, dict):
        return [code for code, _position in sorted(index.items(), key=lambda item: item[1])]
    raise _malformed(_("a dimension has no category index"))


AREA_IDS = {"alue", "kunta", "area", "region", "maakunta", "hyvinvointialue"}
TIME_IDS = {"vuosi", "year", "kuukausi", "month"}


def _dimension(data, role, names):
    ids = data["id"]
    for candidate in (data.get("role") or {}).get(role) or []:
        if candidate in ids:
            return candidate
    for candidate in ids:
        if candidate.lower().split(" ")[0] in names:
            return candidate
    raise _malformed(_("no %(role)s dimension") % {"role": role})


def pxweb_parse(data, content_code) -> tuple[dict, list[Row], list[AreaRow]]:
    """(metadata, rows, area rows) from a json-stat2 dataset: one row per municipality
    and time, and the counties' and the whole country's values."""
    if not isinstance(data, dict) or data.get("class") != "dataset":
        raise _malformed(_("the answer is not a json-stat2 dataset"))
    try:
        ids, sizes, dimensions = data["id"], data["size"], data["dimension"]
        values = data["value"]
    except KeyError as exc:
        raise _malformed(_("the dataset has no %(key)s") % {"key": exc.args[0]}) from exc
    codes = [_category_codes(dimensions[i]) for i in ids]
    if [len(c) for c in codes] != list(sizes):
        raise _malformed(_("the dimension sizes do not match"))
    total = 1
    for size in sizes:
        total *= size
    if isinstance(values, dict):
        values = [values.get(str(n)) for n in range(total)]
    if len(values) != total:
        raise _malformed(_("the number of values does not match the dimensions"))
    area, time = _dimension(data, "geo", AREA_IDS), _dimension(data, "time", TIME_IDS)
    metric = next((i for i in (data.get("role") or {}).get("metric") or [] if i in ids), None)
    if metric is None:
        metric = next((i for i in ids if i.lower() in ("tiedot", "contents")), None)
    if metric is not None and content_code not in codes[ids.index(metric)]:
        raise InsightsError(
            _("The table no longer has the content code %(code)s."), params={"code": content_code}
        )
    unit = {}
    if metric is not None:
        unit = ((dimensions[metric]["category"].get("unit") or {}).get(content_code)) or {}
    rows, area_rows = [], []
    strides = [1] * len(ids)
    for position in range(len(ids) - 2, -1, -1):
        strides[position] = strides[position + 1] * sizes[position + 1]
    for n, value in enumerate(values):
        at = {i: codes[d][(n // strides[d]) % sizes[d]] for d, i in enumerate(ids)}
        if metric is not None and at[metric] != content_code:
            continue
        if any(at[i] != codes[d][0] for d, i in enumerate(ids) if i not in (area, time, metric)):
            continue  # only the first value of any other dimension (its total, by convention)
        code = re.sub(r"^KU", "", at[area])
        year = re.match(r"^(\d{4})", at[time])
        county = re.fullmatch(r"HVA(\d{2})", at[area])
        is_area = county is not None or at[area] == COUNTRY_CODE
        if not (re.fullmatch(r"\d{3}", code) or is_area) or not year:
            continue  # a region (maakunta) or a sub-region: neither compared nor stored
        if value is not None and not isinstance(value, int | float):
            raise _malformed(_("%(value)s is not a number") % {"value": value})
        number = None if value is None else Decimal(str(value))
        if is_area:
            county_code = county.group(1) if county else None
            area_rows.append(AreaRow(county_code, int(year.group(1)), "total", number, at[area]))
        else:
            rows.append(Row(code, int(year.group(1)), "total", number, None, at[area]))
    meta = {
        "title": _text(data.get("label")),
        "unit": _text(unit.get("label") or unit.get("base")),
        "decimals": int(unit.get("decimals") or 0),
        "updated": _date(data.get("updated")),
    }
    return meta, rows, area_rows


def pxweb_data_import(indicator: Indicator, query, *, base_url=PXWEB_URL) -> ImportReport:
    """POST the json-stat2 query to the table and store the municipalities' values."""
    if indicator.source != Source.PXWEB:
        raise InsightsError(_("This indicator is not from Statistics Finland."))
    body = {**query, "response": {"format": "json-stat2"}}
    data = _json(_get(f"{base_url}/{indicator.source_id}", json_body=body))
    return pxweb_data_load(indicator, data)


def pxweb_data_load(indicator: Indicator, data) -> ImportReport:
    meta, rows, area_rows = pxweb_parse(data, indicator.content_code)
    report = _store(indicator, rows, ImportReport(), area_rows)
    Indicator.objects.filter(pk=indicator.pk).update(
        unit=meta["unit"][:200] or indicator.unit,
        decimals=meta["decimals"],
        source_updated=meta["updated"] or indicator.source_updated,
    )
    return report


def pxweb_query(metadata, content_code, years) -> dict:
    """A json-stat2 query from the table's metadata: the content code, the years
    asked, every area and the first value (the total) of anything else."""
    if not isinstance(metadata, dict) or not isinstance(metadata.get("variables"), list):
        raise _malformed(_("the table's metadata has no variables"))
    query, found = [], False
    wanted_years = {str(y) for y in years}
    for variable in metadata["variables"]:
        code, values = variable.get("code"), variable.get("values") or []
        if content_code in values:
            selection, found = [content_code], True
        elif variable.get("time"):
            selection = [v for v in values if v[:4] in wanted_years] or values[-1:]
        elif code.lower().split(" ")[0] in AREA_IDS:
            selection = values
        else:
            selection = values[:1]
        query.append({"code": code, "selection": {"filter": "item", "values": selection}})
    if not found:
        raise InsightsError(
            _("The table no longer has the content code %(code)s."), params={"code": content_code}
        )
    return {"query": query}


def pxweb_followed_import(indicator: Indicator, years, *, base_url=PXWEB_URL) -> ImportReport:
    """Reads the table's metadata, builds the query and imports the values."""
    metadata = _json(_get(f"{base_url}/{indicator.source_id}"))
    return pxweb_data_import(
        indicator, pxweb_query(metadata, indicator.content_code, years), base_url=base_url
    )
