"""The refresh of every followed indicator (the weekly task and the command), and the
record of how each source's part of it went (ImportRun), shown on the staff page."""

import logging

from django.utils.translation import gettext as _

from core.clock import now
from insights.models import ImportRun, Indicator, ObservationChange, Source

from .base import PXWEB_URL, SOTKANET_URL, InsightsError
from .pxweb import pxweb_followed_import
from .sotkanet import sotkanet_data_import, sotkanet_indicator_import

logger = logging.getLogger(__name__)

FETCHED = (Source.SOTKANET, Source.PXWEB)


def import_run_record(source, started_at, results) -> ImportRun:
    """One ImportRun for the source: ok when every indicator was read, failed when none
    was, partial otherwise; each failure a line "indicator: the error in plain words".
    The values the run changed (ObservationChange) are marked as its own."""
    failures = [(i, r) for i, r in results if isinstance(r, InsightsError)]
    succeeded = len(results) - len(failures)
    if not failures:
        status = ImportRun.Status.OK
    elif not succeeded:
        status = ImportRun.Status.FAILED
    else:
        status = ImportRun.Status.PARTIAL
    errors = "\n".join(
        _("%(indicator)s (%(id)s): %(error)s")
        % {"indicator": i.title, "id": i.source_id, "error": " ".join(r.messages)}
        for i, r in failures
    )
    run = ImportRun.objects.create(
        source=source,
        status=status,
        started_at=started_at,
        finished_at=now(),
        succeeded=succeeded,
        failed=len(failures),
        errors=errors,
    )
    changes = [pk for _i, r in results if not isinstance(r, InsightsError) for pk in r.changes]
    if changes:
        ObservationChange.objects.filter(pk__in=changes, run=None).update(run=run)
    return run


def import_followed(years, *, sotkanet_url=SOTKANET_URL, pxweb_url=PXWEB_URL, extra=()):
    """Refreshes every followed indicator (and the extra ones) for the years; one
    failing indicator does not stop the others. Records an ImportRun per source read.
    [(indicator, report or InsightsError)]"""
    started_at = now()
    results = []
    indicators = list(
        Indicator.objects.filter(followed=True, demo=False, source__in=FETCHED)
    ) + list(extra)
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
    for source in FETCHED:
        of_source = [(i, r) for i, r in results if i.source == source]
        if of_source:
            import_run_record(source, started_at, of_source)
    return results
