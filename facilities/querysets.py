"""Query vocabulary of rooms and bookings."""

from django.db import models


class RoomQuerySet(models.QuerySet):
    def bookable(self):
        return self.filter(is_bookable=True)


class BookingQuerySet(models.QuerySet):
    def holding(self):
        """Requested or confirmed: the bookings that hold their room."""
        return self.filter(status__in=["requested", "confirmed"])

    def overlapping(self, start, end):
        """Bookings whose held time (buffer included) meets [start, end)."""
        return self.filter(start__lt=end, held_until__gt=start)

    def for_room(self, room):
        return self.filter(room=room)

    def upcoming(self, now):
        return self.filter(end__gt=now)

    def requested(self):
        return self.filter(status="requested")
