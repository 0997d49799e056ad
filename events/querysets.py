"""Query vocabulary of the event calendar."""

from datetime import datetime

from django.db import models


class EventQuerySet(models.QuerySet):
    def alive(self):
        """Not deleted."""
        return self.filter(deleted_at__isnull=True)

    def public(self):
        """What the public sees: published and not deleted."""
        return self.filter(publication="published", deleted_at__isnull=True)

    def submitted(self):
        return self.filter(publication="submitted", deleted_at__isnull=True)

    def overlapping(self, start: datetime | None, end: datetime | None):
        """Events that are on at some moment in [start, end): an event that started
        before ``start`` but is still going on is included. Either bound may be None."""
        queryset = self
        if start is not None:
            queryset = queryset.filter(end__gt=start)
        if end is not None:
            queryset = queryset.filter(start__lt=end)
        return queryset

    def upcoming(self, now: datetime):
        """Not yet over, or postponed without a new time."""
        return self.filter(models.Q(end__gt=now) | models.Q(start__isnull=True))
