"""Helpers that the facilities admin modules share."""

from django.contrib import admin
from django.db import transaction
from django.utils import formats, timezone

from .errors import BookingError
from .models import (
    Booking,
)


def time_span(start, end) -> str:
    start, end = timezone.localtime(start), timezone.localtime(end)
    text = formats.date_format(start, "SHORT_DATETIME_FORMAT")
    if start.date() == end.date():
        return f"{text}–{formats.time_format(end, 'TIME_FORMAT')}"
    return f"{text}–{formats.date_format(end, 'SHORT_DATETIME_FORMAT')}"


def booking_label(booking: Booking) -> str:
    # Booking.__str__ shows the start in UTC; staff read Helsinki time.
    return f"{booking.room}, {time_span(booking.start, booking.end)}, {booking.organisation}"


def error_text(error: BookingError) -> str:
    return " ".join(error.messages)


class _Rollback(Exception):
    pass


def dry_run(service, **kwargs):
    """Call a service and undo what it wrote: a form learns every rule's verdict (the
    database constraints included) without saving anything. The add and change pages
    call the service again for real in save_model, in the same request transaction."""
    try:
        with transaction.atomic():
            service(**kwargs)
            raise _Rollback
    except _Rollback:
        pass


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows made by the services and the site itself; staff look but do not edit."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Sites and rooms ----------------------------------------------------------------------
