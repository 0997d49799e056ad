"""Importers of indicator metadata and values: THL Sotkanet's REST API (1.1) and
Statistics Finland's PxWeb API (json-stat2), read with ``requests``.

Each importer first reads and checks the whole answer and only then writes, in one
transaction: a source that answers with an error, malformed JSON or CSV, or no longer
knows the indicator, table or content code raises an InsightsError with a translated
message, and what was stored stays as it was. Values are keyed by (indicator,
municipality, year, gender), so importing twice changes nothing and a changed value is
updated in place; each observation keeps the source, its ids and the time it was read."""

import csv
import datetime
import html
import io
import json
import logging
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import requests
from django.db import transaction
from django.utils.translation import gettext as _

from core.clock import now
from core.errors import DomainError
from organisations.models import Municipality

from .models import Indicator, Observation, Source

logger = logging.getLogger(__name__)

TIMEOUT = 30
SOTKANET_URL = "https://sotkanet.fi/rest/1.1"
PXWEB_URL = "https://pxdata.stat.fi/PXWeb/api/v1/fi"
LANGUAGES = ("fi", "sv", "en")


class InsightsError(DomainError):
    pass


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)

    def __str__(self):
        return _(
            "%(created)s new, %(updated)s updated, %(unchanged)s unchanged, %(skipped)s skipped"
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": len(self.skipped),
        }


# --- Reading ---------------------------------------------------------------------------


def _get(url, *, params=None, json_body=None):
    try:
        if json_body is None:
            response = requests.get(url, params=params, timeout=TIMEOUT)
        else:
            response = requests.post(url, json=json_body, timeout=TIMEOUT)
    except requests.RequestException as exc:
        raise InsightsError(
            _("The source could not be reached (%(url)s): %(error)s"),
            params={"url": url, "error": exc.__class__.__name__},
        ) from exc
    if response.status_code == 404:
        raise InsightsError(
            _(
                "The source no longer knows %(url)s (404). The indicator or table may have been renamed."
            ),
            params={"url": url},
        )
    if response.status_code >= 400:
        raise InsightsError(
            _("The source answered %(url)s with error %(status)s."),
            params={"url": url, "status": response.status_code},
        )
    return response


def _json(response):
    try:
        return json.loads(response.content.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InsightsError(
            _("The source's answer from %(url)s is not valid JSON."), params={"url": response.url}
        ) from exc


def _malformed(what):
    return InsightsError(_("The source's answer is malformed: %(what)s."), params={"what": what})


def _text(value):
    return html.unescape(value or "").strip()


def _decimal(text):
    text = (text or "").strip().replace(",", ".")
    if text in ("", ".", "..", "-"):
        return None
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise _malformed(_("%(value)s is not a number") % {"value": text}) from exc


def _date(text):
    """Sotkanet's "2016-11-02", PxWeb's "2018-02-22T10:35:41" and json-stat's
    "2022-12-21T06.00.00Z" (a time written with dots)."""
    if not text:
        return None
    text = str(text).strip()
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})[:.](\d{2})(?:[:.](\d{2}))?)?", text)
    if not match:
        return None
    parts = [int(p) if p else 0 for p in match.groups()]
    return datetime.datetime(*parts, tzinfo=datetime.UTC)


# --- Storing ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    municipality_code: str
    year: int
    gender: str
    value: Decimal | None
    absolute_value: Decimal | None
    source_region: str


def _store(indicator: Indicator, rows: list[Row], report: ImportReport) -> ImportReport:
    municipalities = dict(Municipality.objects.values_list("code", "pk"))
    read_at = now()
    wanted = {}
    for row in rows:
        pk = municipalities.get(row.municipality_code)
        if pk is None:
            report.skipped.append(
                _("municipality %(code)s is not in the register") % {"code": row.municipality_code}
            )
            continue
        wanted[(pk, row.year, row.gender)] = row
    with transaction.atomic():
        existing = {
            (o.municipality_id, o.year, o.gender): o
            for o in Observation.objects.select_for_update().filter(
                indicator=indicator,
                municipality_id__in={k[0] for k in wanted},
                year__in={k[1] for k in wanted},
            )
        }
        new, changed = [], []
        for key, row in wanted.items():
            values = {
                "value": row.value,
                "absolute_value": row.absolute_value,
                "withheld": row.value is None,
                "source_region": row.source_region,
            }
            current = existing.get(key)
            if current is None:
                new.append(
                    Observation(
                        indicator=indicator,
                        municipality_id=key[0],
                        year=key[1],
                        gender=key[2],
                        source=indicator.source,
                        source_id=indicator.source_id,
                        read_at=read_at,
                        **values,
                    )
                )
            elif any(getattr(current, k) != v for k, v in values.items()):
                logger.info(
                    "%s %s: municipality %s, %s, %s changed from %s to %s",
                    indicator.source,
                    indicator.source_id,
                    row.municipality_code,
                    row.year,
                    row.gender,
                    "withheld" if current.withheld else current.value,
                    "withheld" if row.value is None else row.value,
                )
                for k, v in values.items():
                    setattr(current, k, v)
                current.read_at = read_at
                changed.append(current)
            else:
                report.unchanged += 1
        Observation.objects.bulk_create(new)
        Observation.objects.bulk_update(
            changed, ["value", "absolute_value", "withheld", "source_region", "read_at"]
        )
    report.created += len(new)
    report.updated += len(changed)
    return report


# --- THL Sotkanet ----------------------------------------------------------------------


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


SOTKANET_HEADER = ["indicator", "region", "year", "gender", "primary value", "absolute value"]


def sotkanet_data_import(
    indicator: Indicator, years, *, gender="total", base_url=SOTKANET_URL
) -> ImportReport:
    """The indicator's values for the municipalities (GET /data/csv)."""
    if indicator.source != Source.SOTKANET:
        raise InsightsError(_("This indicator is not from Sotkanet."))
    regions = sotkanet_municipality_regions(base_url=base_url)
    response = _get(
        f"{base_url}/data/csv",
        params={"indicator": indicator.source_id, "years": list(years), "genders": gender},
    )
    return sotkanet_data_load(indicator, regions, response.content)


def sotkanet_regions_load(data) -> dict[str, str]:
    if not isinstance(data, list):
        raise _malformed(_("the region list is not a list"))
    return {
        str(region["id"]): str(region["code"]).zfill(3)
        for region in data
        if isinstance(region, dict) and str(region.get("category", "")).upper() == "KUNTA"
    }


def sotkanet_data_load(
    indicator: Indicator, regions: dict[str, str], content: bytes
) -> ImportReport:
    """Checks Sotkanet's CSV answer as a whole, then stores it."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _malformed(_("the CSV is not UTF-8")) from exc
    reader = csv.reader(io.StringIO(text), delimiter=";")
    header = [h.strip().lower() for h in next(reader, [])]
    if header != SOTKANET_HEADER:
        raise _malformed(_("the CSV does not start with Sotkanet's header"))
    report = ImportReport()
    rows = []
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
        code = regions.get(region)
        if code is None:
            # A region that is not a municipality (a county, the country) or a
            # municipality that has since merged and is no longer in the region list.
            report.skipped.append(_("region %(id)s is not a municipality") % {"id": region})
            continue
        rows.append(Row(code, int(year), row_gender, _decimal(value), _decimal(absolute), region))
    return _store(indicator, rows, report)


# --- Statistics Finland PxWeb (json-stat2) ---------------------------------------------


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


def pxweb_parse(data, content_code) -> tuple[dict, list[Row]]:
    """(metadata, rows) from a json-stat2 dataset: one row per municipality and time."""
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
    rows = []
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
        if not re.fullmatch(r"\d{3}", code) or not year:
            continue  # the whole country, a region or a county: not a municipality
        if value is not None and not isinstance(value, int | float):
            raise _malformed(_("%(value)s is not a number") % {"value": value})
        number = None if value is None else Decimal(str(value))
        rows.append(Row(code, int(year.group(1)), "total", number, None, at[area]))
    meta = {
        "title": _text(data.get("label")),
        "unit": _text(unit.get("label") or unit.get("base")),
        "decimals": int(unit.get("decimals") or 0),
        "updated": _date(data.get("updated")),
    }
    return meta, rows


def pxweb_data_import(indicator: Indicator, query, *, base_url=PXWEB_URL) -> ImportReport:
    """POST the json-stat2 query to the table and store the municipalities' values."""
    if indicator.source != Source.PXWEB:
        raise InsightsError(_("This indicator is not from Statistics Finland."))
    body = {**query, "response": {"format": "json-stat2"}}
    data = _json(_get(f"{base_url}/{indicator.source_id}", json_body=body))
    return pxweb_data_load(indicator, data)


def pxweb_data_load(indicator: Indicator, data) -> ImportReport:
    meta, rows = pxweb_parse(data, indicator.content_code)
    report = _store(indicator, rows, ImportReport())
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


def import_followed(years, *, sotkanet_url=SOTKANET_URL, pxweb_url=PXWEB_URL, extra=()):
    """Refreshes every followed indicator (and the extra ones) for the years; one
    failing indicator does not stop the others. [(indicator, report or InsightsError)]"""
    results = []
    indicators = list(Indicator.objects.filter(followed=True, demo=False)) + list(extra)
    for indicator in indicators:
        try:
            if indicator.source == Source.SOTKANET:
                sotkanet_indicator_import(indicator.source_id, base_url=sotkanet_url)
                report = sotkanet_data_import(indicator, years, base_url=sotkanet_url)
            else:
                report = pxweb_followed_import(indicator, years, base_url=pxweb_url)
        except InsightsError as exc:
            logger.warning(
                "%s %s: %s", indicator.source, indicator.source_id, " ".join(exc.messages)
            )
            results.append((indicator, exc))
            continue
        results.append((indicator, report))
    return results
