"""RSS 2.0 and Atom feeds of the calendar (Django's syndication framework), with the
list's filters. Entries are ordered by start time, as in the list.

Every link is absolute and built from SITE_URL (``core.links``), never from the sites
framework. Filters that cannot be read answer 400 with the API's error body, as the
``.ics`` feed does."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import JsonResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _

from core import centre
from core.links import absolute_url

from .ics import location_text, uid
from .models import Event
from .selectors import calendar_last_modified, filtered_events

FEED_SIZE = 100


def calendar_title() -> str:
    """The feeds' title, with the centre's own name."""
    return _("Event calendar: %(centre)s") % {"centre": centre.current().display_name}


def set_last_modified(response, moment):
    if moment is not None:
        response["Last-Modified"] = http_date(moment.timestamp())
    return response


def filter_errors_response(filterset) -> JsonResponse:
    """The API's answer to filters it cannot read: 400 with {"field": ["message", …]}."""
    errors = {
        ("non_field_errors" if name == "__all__" else name): [str(m) for m in messages]
        for name, messages in filterset.errors.items()
    }
    return JsonResponse(errors, status=400)


class EventRssFeed(Feed):
    def title(self):
        return calendar_title()

    description = _("Upcoming events of associations and the resource centre.")

    def author_name(self):
        return centre.current().display_name

    def __call__(self, request, *args, **kwargs):
        filterset, events = filtered_events(request)
        if filterset.errors:
            return filter_errors_response(filterset)
        # The instance serves every request: what one request chose travels on it.
        request.feed_events = events.without_super_events()
        response = super().__call__(request, *args, **kwargs)
        # Not the newest entry's time: a removed entry changes the feed too.
        return set_last_modified(response, calendar_last_modified())

    def get_object(self, request):
        return request

    def link(self):
        return absolute_url(reverse("events:list"))

    def feed_url(self, request):
        return absolute_url(request.path)

    def author_email(self):
        return settings.CONTACT_EMAIL

    def author_link(self):
        return absolute_url("/")

    def items(self, request):
        return request.feed_events[:FEED_SIZE]

    def item_title(self, item: Event):
        return item.name

    def item_description(self, item: Event):
        when = ""
        if item.start is not None:
            fmt = "SHORT_DATE_FORMAT" if item.all_day else "SHORT_DATETIME_FORMAT"
            when = formats.date_format(timezone.localtime(item.start), fmt)
        parts = [when, location_text(item), item.short_description]
        if item.status != Event.Status.SCHEDULED:
            parts.insert(0, str(item.get_status_display()))
        return " – ".join(p for p in parts if p)

    def item_link(self, item: Event):
        return absolute_url(reverse("events:detail", args=[item.pk]))

    def item_guid(self, item: Event):
        return uid(item)

    item_guid_is_permalink = False

    def item_pubdate(self, item: Event):
        return item.published_at or item.created_at

    def item_updateddate(self, item: Event):
        return item.last_modified

    def item_categories(self, item: Event):
        return [keyword.name for keyword in item.keywords.all()]


class EventAtomFeed(EventRssFeed):
    """Atom (RFC 4287): an entry's id is an IRI, the event's address (a GUID such as
    ``event-1@yhteisokeskus`` is not one), and the feed names its author."""

    feed_type = Atom1Feed
    subtitle = EventRssFeed.description

    def item_guid(self, item: Event):
        return self.item_link(item)
