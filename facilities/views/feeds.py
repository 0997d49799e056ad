"""The private iCal feed of an organisation's bookings. Public by secret token: no login,
because calendar apps cannot log in; an unknown token answers 404."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core import clock
from facilities import feeds, ics
from facilities.models import CalendarFeed


@require_safe
def organisation_feed(request, token):
    feed = get_object_or_404(CalendarFeed.objects.select_related("organisation"), token=token)
    organisation = feed.organisation
    bookings = feeds.feed_bookings(organisation, now=clock.now())
    name = _("%(organisation)s: room bookings") % {"organisation": organisation.name}
    response = HttpResponse(
        ics.calendar(bookings, name=name), content_type="text/calendar; charset=utf-8"
    )
    # The body is one organisation's private data: no shared cache may keep it.
    response["Cache-Control"] = "private"
    return response
