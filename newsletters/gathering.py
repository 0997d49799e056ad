"""What an issue gathers from the portal: one Gatherer per kind of item, in the order
the sections appear in the issue.

A gatherer says which rows belong in an issue's period (and municipalities, when the
issue names some), how to load the chosen rows again in order, and what each looks
like in the newsletter (title, when, a line of text, its address). Adding a section is
adding a gatherer to GATHERERS."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core import clock
from core.links import absolute_url
from events.models import Event
from grants.models import Call
from trainings.models import Enrolment, Training

from .models import NewsItem


@dataclass
class Entry:
    """An item as the newsletter shows it."""

    title: str
    when: str
    text: str
    url: str


def _start(day: date) -> datetime:
    return clock.local_datetime(day, time(0, 0))


def _end(day: date) -> datetime:
    return clock.local_datetime(day + timedelta(days=1), time(0, 0))


def _short(moment) -> str:
    if moment is None:
        return ""
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


class Gatherer:
    kind: str
    heading = ""

    def candidates(self, *, start: date, end: date, municipalities: list[int]):
        """Primary keys of the rows for the period, in the order they are shown."""
        raise NotImplementedError

    def load(self, ids: list[int]) -> dict:
        """{pk: row} of the chosen rows; a row gone since (deleted) is simply missing."""
        raise NotImplementedError

    def entry(self, row) -> Entry:
        raise NotImplementedError


class EventGatherer(Gatherer):
    kind = "event"
    heading = _("Upcoming events")

    def candidates(self, *, start, end, municipalities):
        events = (
            Event.objects.public()
            .filter(status=Event.Status.SCHEDULED, super_event__isnull=True)
            .overlapping(max(_start(start), clock.now()), _end(end))
        )
        if municipalities:
            events = events.filter(
                Q(place__municipality__in=municipalities)
                | Q(organisation__municipality__in=municipalities)
            )
        return list(events.order_by("start", "pk").values_list("pk", flat=True)[:50])

    def load(self, ids):
        return Event.objects.public().in_bulk(ids)

    def entry(self, event):
        return Entry(
            event.name,
            _short(event.start),
            event.short_description,
            absolute_url(reverse("events:detail", args=[event.pk])),
        )


class TrainingGatherer(Gatherer):
    kind = "training"
    heading = _("Trainings with free places")

    def candidates(self, *, start, end, municipalities):
        now = clock.now()
        trainings = (
            Training.objects.published()
            .with_dates()
            .filter(enrolment_closes__gt=now, first_start__gte=_start(start))
            .filter(first_start__lt=_end(end))
            .annotate(
                holding=Count("enrolments", filter=Q(enrolments__status__in=Enrolment.HOLDING))
            )
            .filter(holding__lt=F("capacity"))
        )
        if municipalities:
            trainings = trainings.filter(organiser__municipality__in=municipalities)
        return list(trainings.order_by("first_start", "pk").values_list("pk", flat=True)[:50])

    def load(self, ids):
        return Training.objects.published().with_dates().in_bulk(ids)

    def entry(self, training):
        return Entry(
            training.title,
            _short(training.first_start),
            training.description[:300],
            absolute_url(reverse("trainings:detail", args=[training.pk])),
        )


class NewsGatherer(Gatherer):
    kind = "news"
    heading = _("News")

    def candidates(self, *, start, end, municipalities):
        # Recent news: published in the month before the period's start and up to now.
        news = NewsItem.objects.published(clock.now()).filter(
            published_at__gte=_start(start) - timedelta(days=31)
        )
        return list(news.values_list("pk", flat=True)[:20])

    def load(self, ids):
        return NewsItem.objects.published(clock.now()).in_bulk(ids)

    def entry(self, item):
        return Entry(
            item.title,
            "",
            item.lead,
            absolute_url(reverse("newsletters:news_detail", args=[item.pk])),
        )


class GrantCallGatherer(Gatherer):
    """Published grant calls open for applications at some time in the period (and not
    closed already); with municipalities, the calls open to applicants from them (or
    from anywhere)."""

    kind = "grant_call"
    heading = _("Open grant calls")

    def candidates(self, *, start, end, municipalities):
        calls = Call.objects.published().filter(
            opens_at__lt=_end(end), closes_at__gt=max(_start(start), clock.now())
        )
        if municipalities:
            reaching = Call.objects.filter(
                Q(municipalities__isnull=True, wellbeing_counties__isnull=True)
                | Q(municipalities__in=municipalities)
                | Q(wellbeing_counties__municipalities__in=municipalities)
            )
            calls = calls.filter(pk__in=reaching.values("pk"))
        return list(calls.order_by("closes_at", "pk").values_list("pk", flat=True)[:20])

    def load(self, ids):
        return Call.objects.published().in_bulk(ids)

    def entry(self, call):
        return Entry(
            call.name,
            str(_("Apply by %(time)s") % {"time": _short(call.closes_at)}),
            call.description[:300],
            absolute_url(reverse("grants:call_detail", args=[call.pk])),
        )


GATHERERS: dict[str, Gatherer] = {
    gatherer.kind: gatherer
    for gatherer in (EventGatherer(), TrainingGatherer(), GrantCallGatherer(), NewsGatherer())
}
