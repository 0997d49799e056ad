"""What an event's card in the calendar list (and on the front page) prints, computed
once per card: its link, its time and place as text, its series' next dates. A card
through the template tags (a URL reversed per link, seven date formats, three
includes and two plural translations per card) took most of the list's time; the
card template now prints these values (templates/events/includes/event_card.html).
The event's own page and the other lists still use when.html and where.html, which
say the same."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.links import for_each_pk

from .models import ILLUSTRATIONS, Event


def _format(value, pattern: str) -> str:
    return dateformat.format(value, pattern)


def _when(event: Event) -> dict:
    """when.html's values: the first and last day of a date-only event, else the start
    and (when it differs) the end, as its <time> elements show them."""
    if not event.start:
        return {"tbd": True}
    if event.all_day:
        first, last = event.first_day, event.last_day
        return {
            "all_day": True,
            "iso": first.isoformat(),
            "text": _format(first, "D j.n.Y"),
            "until_iso": last.isoformat() if last != first else "",
            "until_text": _format(last, "D j.n.Y") if last != first else "",
        }
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    ends = ""
    if event.end != event.start:
        ends = _format(end, "H.i")
        if end.date() != start.date():
            ends = f"{_format(end, 'j.n.Y')} {ends}"
    return {
        "iso": start.isoformat(),
        "text": f"{_format(start, 'D j.n.Y')} {_format(start, 'H.i')}",
        "ends": ends,
    }


def _where(event: Event) -> str:
    """where.html's text."""
    if event.room_id:
        return f"{event.room.name}, {event.room.site.name}"
    if event.place_id:
        if event.place.municipality_id:
            return f"{event.place.name}, {event.place.municipality.name}"
        return event.place.name
    return _("Online")


def present_cards(events) -> None:
    """Set ``card`` on each event: what event_card.html prints besides its texts."""
    detail = for_each_pk(lambda pk: reverse("events:detail", args=[pk]))
    illustrations = {}
    for event in events:
        dates = [
            {
                "url": detail(date.pk),
                "iso": timezone.localtime(date.start).isoformat(),
                "text": _format(timezone.localtime(date.start), "j.n."),
            }
            for date in getattr(event, "series_dates", ())
        ]
        more = getattr(event, "series_more", 0)
        if event.image:
            picture = event.picture
        else:
            kind = event.kind if event.kind in ILLUSTRATIONS else Event.Kind.GENERAL
            if kind not in illustrations:
                illustrations[kind] = {
                    "url": static(f"img/events/{kind}.svg"),
                    "alt": str(ILLUSTRATIONS[kind]),
                    "illustration": True,
                }
            picture = illustrations[kind]
        event.card = {
            "url": detail(event.pk),
            "picture": picture,
            "when": _when(event),
            "where": _where(event),
            "dates": dates,
            "dates_label": ngettext("Next date:", "Next dates:", len(dates)) if dates else "",
            "more": ngettext("and %(counter)s more", "and %(counter)s more", more)
            % {"counter": more}
            if more
            else "",
        }
