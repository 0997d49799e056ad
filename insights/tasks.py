"""Background work of insights: the weekly refresh of the followed indicators. Safe to
run twice (an import of the same answer changes nothing)."""

from celery import shared_task

YEARS_BACK = 10


@shared_task
def import_followed_indicators():
    from django.conf import settings

    from core.clock import today

    from .importers import PXWEB_URL, SOTKANET_URL, InsightsError, import_followed

    this_year = today().year
    results = import_followed(
        range(this_year - YEARS_BACK, this_year),
        sotkanet_url=getattr(settings, "INSIGHTS_SOTKANET_URL", SOTKANET_URL),
        pxweb_url=getattr(settings, "INSIGHTS_PXWEB_URL", PXWEB_URL),
    )
    return {
        f"{indicator.source} {indicator.source_id}": (
            " ".join(result.messages) if isinstance(result, InsightsError) else str(result)
        )
        for indicator, result in results
    }
