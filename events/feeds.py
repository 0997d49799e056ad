"""RSS 2.0 and Atom feeds of the calendar (Django's syndication framework), with the
list's filters. Entries are ordered by start time, as in the list."""

from django.contrib.syndication.views import Feed
from django.utils import formats, timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from core import centre

from .ics import location_text
from .models import Event
from .selectors import filtered_events

FEED_SIZE = 100


def calendar_title() -> str:
    """The feeds' title, with the centre's own name."""
    return _("Event calendar: %(centre)s") % {"centre": centre.current().display_name}


class EventRssFeed(Feed):
    def title(self):
        return calendar_title()

    description = _("Upcoming events of associations and the resource centre.")

    def get_object(self, request):
        self.request = request
        return None

    def link(self):
        from django.urls import reverse

        return reverse("events:list")

    def items(self):
        _filterset, events = filtered_events(self.request)
        return events[:FEED_SIZE]

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
        from django.urls import reverse

        return reverse("events:detail", args=[item.pk])

    def item_guid(self, item: Event):
        from .ics import uid

        return uid(item)

    item_guid_is_permalink = False

    def item_pubdate(self, item: Event):
        return item.published_at or item.created_at

    def item_updateddate(self, item: Event):
        return item.last_modified

    def item_categories(self, item: Event):
        return [keyword.name for keyword in item.keywords.all()]


class EventAtomFeed(EventRssFeed):
    feed_type = Atom1Feed
    subtitle = EventRssFeed.description
