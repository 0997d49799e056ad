"""Reads of rooms and bookings that apply permissions. Every booking queryset that leaves
here is scoped to the user it was asked for: another organisation's booking is simply
not in it, so views answer 404."""

from core.access import is_staff
from organisations import selectors as organisation_selectors
from organisations.models import Organisation, Representative

from .models import Booking, Room


def public_rooms():
    """Rooms shown to everyone: the bookable ones, with their site."""
    return Room.objects.bookable().select_related("site")


def bookable_organisations(user):
    """Organisations the person may book for: all active ones for staff, the ones they
    represent for everyone else."""
    if is_staff(user):
        return Organisation.objects.active().order_by("name_fi")
    if not (user and user.is_authenticated):
        return Organisation.objects.none()
    return (
        Organisation.objects.active()
        .filter(
            representatives__user=user,
            representatives__status=Representative.Status.APPROVED,
        )
        .distinct()
        .order_by("name_fi")
    )


def represented_organisation_ids(user) -> set[int]:
    if not (user and user.is_authenticated):
        return set()
    return set(
        Representative.objects.approved()
        .filter(user=user)
        .values_list("organisation_id", flat=True)
    )


def bookings_for_user(user):
    """Bookings of the organisations the person represents; every booking for staff."""
    bookings = Booking.objects.select_related("room", "room__site", "organisation", "series")
    if is_staff(user):
        return bookings
    if not (user and user.is_authenticated):
        return bookings.none()
    # A subquery, not a join: a join through the representatives needed DISTINCT, which
    # sorted every upcoming booking of the organisation on all its columns for a page.
    return bookings.filter(
        organisation_id__in=organisation_selectors.represented_organisation_ids(user)
    )


def booking_requests():
    """Requests waiting for a staff decision, oldest first."""
    return (
        Booking.objects.requested()
        .select_related("room", "room__site", "organisation", "created_by", "series")
        .order_by("created_at", "start")
    )
