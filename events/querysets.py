"""Query vocabulary of the event calendar."""

from datetime import datetime

from django.contrib.postgres.fields import DateTimeRangeField
from django.db import models
from django.db.models.functions import Coalesce


class Span(models.Func):
    """An event's time as a range, ``tstzrange(start, end, '[)')``: the expression of the
    GiST index ``event_span``, which must stay identical to it."""

    function = "TSTZRANGE"
    template = "%(function)s(%(expressions)s, '[)')"
    output_field = DateTimeRangeField()


class EventQuerySet(models.QuerySet):
    def alive(self):
        """Not deleted."""
        return self.filter(deleted_at__isnull=True)

    def public(self):
        """What the public sees: published and not deleted."""
        return self.filter(publication="published", deleted_at__isnull=True)

    def submitted(self):
        return self.filter(publication="submitted", deleted_at__isnull=True)

    def without_super_events(self):
        """Leaves out events that have published sub-events (a training's course around
        its sessions, a series around its dates): a feed lists the sessions themselves,
        as Linked Events' ``hide_recurring_children`` does the other way round."""
        children = self.model._base_manager.filter(
            super_event=models.OuterRef("pk"), publication="published", deleted_at__isnull=True
        )
        return self.exclude(models.Exists(children))

    def only_super_events(self):
        """Events that have published sub-events (see ``without_super_events``)."""
        children = self.model._base_manager.filter(
            super_event=models.OuterRef("pk"), publication="published", deleted_at__isnull=True
        )
        return self.filter(models.Exists(children))

    def overlapping(self, start: datetime | None, end: datetime | None):
        """Events that are on at some moment in [start, end): an event that started
        before ``start`` but is still going on is included. Either bound may be None.

        ``end > start`` alone would make the database walk the start index from the
        oldest event (years of past events with 100,000 in all). Every event on at or
        after ``start`` starts no earlier than the earliest event going on at
        ``start``, so that start, found through the small GiST index ``event_span``,
        bounds the scan from below."""
        queryset = self
        if start is not None:
            queryset = queryset.filter(end__gt=start, start__gte=self._earliest_start_on(start))
        if end is not None:
            queryset = queryset.filter(start__lt=end)
        return queryset

    def _earliest_start_on(self, moment: datetime):
        going_on = (
            self.model._base_manager.filter(start__isnull=False)
            .alias(span=Span("start", "end"))
            .filter(span__contains=moment)
            .order_by("start")
            .values("start")[:1]
        )
        return Coalesce(models.Subquery(going_on), models.Value(moment))

    def upcoming(self, now: datetime):
        """Not over yet. A postponed event without a new time has no place in a list
        by date; its page and the API still show it."""
        return self.overlapping(now, None)
