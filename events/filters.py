"""Filters of the calendar: one FilterSet for the public list, the month view and the
feeds (.ics, RSS, Atom), and its API subclass with Linked Events' comma lists and
``last_modified_since``."""

from datetime import date, datetime, time, timedelta

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _

from core import clock, dates
from core.clock import local_datetime
from core.i18n import localized
from core.widgets import LongSelect, plain_choices, use_cached_options
from facilities.models import Room
from organisations.models import Municipality, Organisation

from .models import ACCESSIBILITY_FIELDS, Audience, Event, EventLanguage, Keyword, Place
from .search import search_events

WHEN_CHOICES = (
    ("today", _("Today")),
    ("tomorrow", _("Tomorrow")),
    ("week", _("This week")),
    ("weekend", _("This weekend")),
    ("month", _("Next 30 days")),
)
ACCESSIBILITY_CHOICES = [
    ("wheelchair_accessible", _("Wheelchair access")),
    ("induction_loop", _("Induction loop")),
    ("plain_language", _("Plain-language Finnish (selkokieli)")),
    ("sign_language", _("Sign language")),
]


def day_start(day: date) -> datetime:
    return local_datetime(day, time(0))


def when_range(value: str, today: date) -> tuple[datetime, datetime]:
    """The local days a quick choice means, as [start, end) in aware datetimes. The
    weekend is Saturday and Sunday of this week (from Friday evening on, the coming one)."""
    if value == "today":
        first, last = today, today
    elif value == "tomorrow":
        first = last = today + timedelta(days=1)
    elif value == "week":
        first, last = today, today + timedelta(days=6 - today.weekday())
    elif value == "weekend":
        saturday = today + timedelta(days=(5 - today.weekday()) % 7)
        if today.weekday() == 6:
            saturday = today - timedelta(days=1)
        first, last = max(today, saturday), saturday + timedelta(days=1)
    else:
        first, last = today, today + timedelta(days=29)
    start = clock.now() if value != "tomorrow" and first == today else day_start(first)
    return start, day_start(last + timedelta(days=1))


# The years a query may name: the portal's one limit (core.dates), here as everywhere.
EARLIEST_YEAR, LATEST_YEAR = dates.EARLIEST_YEAR, dates.LATEST_YEAR
sane_moment = dates.sane_moment


def located_in(**municipalities) -> Q:
    """Events in a place or a room of the centre in the municipalities that
    ``municipalities`` (a Place lookup: ``municipality=…``, ``municipality__code__in=…``)
    chooses: by the ids of those places and rooms, which the event's ``place_id`` and
    ``room_id`` indexes find. Joining every event to its place's and its room's site's
    municipality to test either read all published events (EXPLAIN ANALYZE of the API's
    count for one municipality: a parallel seq scan, 104 ms)."""
    places = Place.objects.filter(**municipalities).values("pk")
    rooms = Room.objects.filter(**{f"site__{k}": v for k, v in municipalities.items()})
    return Q(place_id__in=places) | Q(room_id__in=rooms.values("pk"))


class SaneIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    def clean(self, value):
        value = super().clean(value)
        return None if value is None else sane_moment(value)


class SaneIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = SaneIsoDateTimeField


def parse_moment(value: str, *, end: bool) -> datetime | None:
    """An ISO 8601 date or date-time, or ``today``/``now`` (as Linked Events). A date
    means the start of that day, or for ``end`` the end of it."""
    value = (value or "").strip()
    if not value:
        return None
    if value == "now":
        return clock.now()
    if value == "today":
        day = clock.today()
    else:
        if len(value) > 64:
            raise forms.ValidationError(
                _("Give a date as YYYY-MM-DD or a time in ISO 8601."), code="invalid"
            )
        try:
            day = parse_date(value)
            # Python reads a bare date as a date-time at midnight: try the date first.
            moment = None if day else parse_datetime(value)
        except ValueError:
            day = moment = None
        if moment is not None:
            return sane_moment(moment)
        if day is None:
            raise forms.ValidationError(
                _("Give a date as YYYY-MM-DD or a time in ISO 8601."), code="invalid"
            )
    dates.sane_date(day)
    return day_start(day + timedelta(days=1)) if end else day_start(day)


class MomentField(forms.CharField):
    def __init__(self, *, end=False, **kwargs):
        self.end = end
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return parse_moment(value, end=self.end)


class MomentFilter(django_filters.Filter):
    field_class = MomentField

    def __init__(self, *args, end=False, **kwargs):
        kwargs["end"] = end
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value is None:
            return qs
        if self.extra["end"]:
            return qs.overlapping(None, value)
        return qs.overlapping(value, None)  # with its bound on the start index


class YesWidget(forms.CheckboxInput):
    """A checkbox that sends ``true`` and also reads ``true``/``false``/``1``/``0``."""

    def __init__(self):
        super().__init__(attrs={"value": "true"}, check_test=lambda value: value is True)

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        if value is None:
            return None
        return {"true": True, "1": True, "on": True, "false": False, "0": False}.get(
            str(value).lower()
        )


def _by_name(model):
    def queryset(request):
        return model.objects.order_by(localized("name"), "pk")

    return queryset


def _organisers(request):
    """Organisations that have published events (an index lookup each, not a join over
    every event)."""
    events = Event.objects.public().filter(organisation=OuterRef("pk"))
    return (
        Organisation.objects.filter(Exists(events))
        .only("pk", "name_fi", "name_sv", "name_en")
        .order_by("name_fi", "pk")
    )


def _municipalities(request):
    """Municipalities with published events in a place or a room there."""
    in_place = Event.objects.public().filter(place__municipality=OuterRef("pk"))
    in_room = Event.objects.public().filter(room__site__municipality=OuterRef("pk"))
    return (
        Municipality.objects.filter(Exists(in_place) | Exists(in_room))
        .only("pk", "code", "name_fi", "name_sv", "name_en")
        .order_by("name_fi")
    )


# The filter form's long option lists are the same for everyone and change seldom; with
# 3,000 organisations, building them took longer than the page's own events. They are
# kept in the shared cache under the calendar's page-cache version (a new keyword or
# organiser shows at once; core.widgets.cached_options).
CACHED_CHOICES = {
    "keyword": lambda: plain_choices(_by_name(Keyword)(None), "code", localized("name")),
    "municipality": lambda: plain_choices(_municipalities(None), "code", localized("name")),
    "organiser": lambda: plain_choices(_organisers(None), "pk", localized("name")),
}


class EventFilterForm(forms.Form):
    """The filters' form: a period that ends before it starts is a mistake to say, not
    an empty list to show."""

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start is not None and end is not None and end <= start:
            self.add_error("end", _("The end must be after the start."))
        return data


class EventFilter(django_filters.FilterSet):
    when = django_filters.ChoiceFilter(
        label=_("When"), choices=WHEN_CHOICES, method="filter_when", empty_label=_("Any time")
    )
    start = MomentFilter(
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Events going on at or after this day."),
    )
    end = MomentFilter(
        label=_("To"),
        end=True,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Events starting on or before this day."),
    )
    text = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        max_length=200,
        help_text=_("Words in the name or description. The beginning of a word is enough."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    keyword = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        field_name="keywords",
        to_field_name="code",
        queryset=_by_name(Keyword),
        empty_label=_("All topics"),
        widget=LongSelect,
    )
    audience = django_filters.ChoiceFilter(
        label=_("For whom"),
        choices=Audience.choices,
        method="filter_audience",
        # Not "Everyone": that is one of the choices (events meant for all).
        empty_label=_("All audiences"),
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        to_field_name="code",
        queryset=_municipalities,
        method="filter_municipality",
        empty_label=_("All municipalities"),
        widget=LongSelect,
    )
    organiser = django_filters.ModelChoiceFilter(
        label=_("Organiser"),
        field_name="organisation",
        queryset=_organisers,
        empty_label=_("All organisers"),
        widget=LongSelect,
    )
    is_free = django_filters.BooleanFilter(
        label=_("Free events only"), widget=YesWidget(), method="filter_is_free"
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=EventLanguage.choices,
        method="filter_language",
        empty_label=_("Any language"),
    )
    accessibility = django_filters.MultipleChoiceFilter(
        label=_("Accessibility"),
        choices=ACCESSIBILITY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        method="filter_accessibility",
    )

    class Meta:
        model = Event
        fields = []
        form = EventFilterForm

    def filter_when(self, queryset, name, value):
        start, end = when_range(value, clock.today())
        return queryset.overlapping(start, end)

    def filter_text(self, queryset, name, value):
        return search_events(queryset, value)

    def filter_audience(self, queryset, name, value):
        return queryset.filter(audiences__contains=[value])

    def filter_municipality(self, queryset, name, value):
        return queryset.filter(located_in(municipality=value))

    def filter_is_free(self, queryset, name, value):
        if value is None or (value is False and self.free_only_checkbox):
            return queryset
        return queryset.filter(is_free=value)

    # On the page, an unticked box means "all", not "only paid ones".
    free_only_checkbox = True

    def filter_language(self, queryset, name, value):
        return queryset.filter(languages__contains=[value])

    def filter_accessibility(self, queryset, name, value):
        return queryset.filter(**{flag: True for flag in value if flag in ACCESSIBILITY_FIELDS})

    def filter_queryset(self, queryset):
        # By time, with text too: a calendar is read by date, and ordering by rank makes
        # the database rank every match (tens of thousands for a common word among
        # 100,000 events) before it can return the first page. By time, it reads the
        # start index in order and stops after a page.
        return super().filter_queryset(queryset).order_by("start", "pk")

    @property
    def form(self):
        """The form, its long select lists filled from the cache. The fields still
        check a chosen value against the database (one query, only when chosen)."""
        if not hasattr(self, "_form"):
            form = super().form
            for name in CACHED_CHOICES:
                field = form.fields.get(name)
                if field is not None and isinstance(field.widget, LongSelect):
                    use_cached_options(field, f"events:{name}", "events", CACHED_CHOICES[name])
        return self._form

    @property
    def is_filtered(self) -> bool:
        return any(self.data.get(name) for name in self.filters)


class CommaList(django_filters.BaseInFilter, django_filters.CharFilter):
    pass


class EventApiFilter(EventFilter):
    """The API's filters, named and read as in Linked Events: comma-separated lists for
    ``keyword``, ``audience`` and ``language`` (any of them matches), ``is_free=true``
    or ``false``, ``organiser`` and ``municipality`` by id and code,
    ``last_modified_since`` for incremental sync (deleted events included)."""

    free_only_checkbox = False
    keyword = CommaList(
        field_name="keywords__code",
        method="filter_keyword_codes",
        help_text="Keyword codes, comma-separated; any matches.",
    )
    audience = CommaList(method="filter_audiences", help_text="Audiences, comma-separated.")
    language = CommaList(method="filter_languages", help_text="Language codes, comma-separated.")
    municipality = CommaList(
        method="filter_municipality_codes", help_text="Municipality numbers, comma-separated."
    )
    organiser = django_filters.NumberFilter(
        field_name="organisation_id", help_text="Organisation id."
    )
    is_free = django_filters.BooleanFilter(
        method="filter_is_free", widget=django_filters.widgets.BooleanWidget()
    )
    last_modified_since = SaneIsoDateTimeFilter(
        field_name="last_modified",
        lookup_expr="gte",
        help_text="Events changed at or after this time, deleted ones included.",
    )

    def filter_keyword_codes(self, queryset, name, value):
        through = Event.keywords.through
        return queryset.filter(
            Exists(through.objects.filter(event_id=OuterRef("pk"), keyword__code__in=value))
        )

    def filter_audiences(self, queryset, name, value):
        return queryset.filter(audiences__overlap=value)

    def filter_languages(self, queryset, name, value):
        return queryset.filter(languages__overlap=value)

    def filter_municipality_codes(self, queryset, name, value):
        return queryset.filter(located_in(municipality__code__in=value))
