"""What the importers share: reading a source (errors become an InsightsError with a
translated message), parsing its numbers and dates, and storing the values read.

Each importer first reads and checks the whole answer and only then writes, in one
transaction: a source that answers with an error, malformed JSON or CSV, or no longer
knows the indicator, table or content code raises an InsightsError with a translated
message, and what was stored stays as it was. Values are keyed by (indicator,
municipality, year, gender), so importing twice changes nothing and a changed value is
updated in place; each observation keeps the source, its ids and the time it was read."""

import datetime
import html
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
from insights.models import AreaObservation, Indicator, Observation, ObservationChange
from organisations.models import Municipality, WellbeingCounty

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
    areas: int = 0  # county and country values new or changed
    # ObservationChange pks of the municipalities' values this import changed, for the
    # refresh's record (import_run_record) to claim
    changes: list[int] = field(default_factory=list)

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


@dataclass(frozen=True)
class AreaRow:
    """A wellbeing services county's value (its two-digit code) or the whole country's
    (county_code None)."""

    county_code: str | None
    year: int
    gender: str
    value: Decimal | None
    source_region: str


def _store_areas(indicator: Indicator, rows: list[AreaRow], read_at, report: ImportReport, log):
    """Inside _store's transaction: the county and country values, keyed like the
    municipalities' ones, their changes added to ``log``. A county the register does not
    know is skipped and reported."""
    counties = dict(WellbeingCounty.objects.values_list("code", "pk"))
    wanted = {}
    for row in rows:
        county = None
        if row.county_code is not None:
            county = counties.get(row.county_code)
            if county is None:
                report.skipped.append(
                    _("wellbeing services county %(code)s is not in the register")
                    % {"code": row.county_code}
                )
                continue
        wanted[(county, row.year, row.gender)] = row
    if not wanted:
        return
    existing = {
        (o.county_id, o.year, o.gender): o
        for o in AreaObservation.objects.select_for_update()
        .filter(indicator=indicator, year__in={k[1] for k in wanted})
        .order_by()
    }
    new, changed = [], []
    for key, row in wanted.items():
        values = {
            "value": row.value,
            "withheld": row.value is None,
            "source_region": row.source_region,
        }
        current = existing.get(key)
        if current is None:
            new.append(
                AreaObservation(
                    indicator=indicator,
                    county_id=key[0],
                    year=key[1],
                    gender=key[2],
                    read_at=read_at,
                    **values,
                )
            )
        elif any(getattr(current, k) != v for k, v in values.items()):
            if current.value != row.value or current.withheld != (row.value is None):
                log.append(_change(current, row.value, read_at, area=True))
            for k, v in values.items():
                setattr(current, k, v)
            current.read_at = read_at
            changed.append(current)
    AreaObservation.objects.bulk_create(new)
    AreaObservation.objects.bulk_update(changed, ["value", "withheld", "source_region", "read_at"])
    report.areas += len(new) + len(changed)


def _change(current, value, read_at, *, area=False) -> ObservationChange:
    """The log row of a stored value (a municipality's, or an area's) that changes."""
    return ObservationChange(
        **{"area_observation" if area else "observation": current},
        old_value=current.value,
        old_withheld=current.withheld,
        new_value=value,
        new_withheld=value is None,
        changed_at=read_at,
    )


def _store(
    indicator: Indicator, rows: list[Row], report: ImportReport, areas: list[AreaRow] = ()
) -> ImportReport:
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
        new, changed, log = [], [], []
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
                if current.value != row.value or current.withheld != (row.value is None):
                    log.append(_change(current, row.value, read_at))
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
        _store_areas(indicator, list(areas), read_at, report, log)
        report.changes += [c.pk for c in ObservationChange.objects.bulk_create(log)]
    report.created += len(new)
    report.updated += len(changed)
    return report
