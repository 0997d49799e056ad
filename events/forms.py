"""Forms of the event pages. They only parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core import clock
from core.uploads import validate_image_upload
from facilities.forms import DateInput, TimeInput
from facilities.models import Room
from organisations.models import Municipality, Organisation

from .models import Audience, Event, EventLanguage, Keyword, Place
from .services import EventInput

LOCATION_CHOICES = (
    ("room", _("In a room of the resource centre")),
    ("place", _("Somewhere else")),
    ("online", _("Online")),
)


TEXTS = ("name", "short_description", "description")


def _text(label, *, max_length, required=False, textarea=False, help_text=""):
    widget = forms.Textarea(attrs={"rows": 5}) if textarea else forms.TextInput()
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=widget,
        help_text=help_text,
    )


class EventForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organiser"), queryset=Organisation.objects.none(), empty_label=None
    )
    name_fi = _text(_("Name in Finnish"), max_length=200, required=True)
    name_sv = _text(_("Name in Swedish"), max_length=200)
    name_en = _text(_("Name in English"), max_length=200)
    short_description_fi = _text(
        _("Short description in Finnish"),
        max_length=300,
        help_text=_("One or two sentences shown in the list."),
    )
    short_description_sv = _text(_("Short description in Swedish"), max_length=300)
    short_description_en = _text(_("Short description in English"), max_length=300)
    description_fi = _text(_("Description in Finnish"), max_length=10000, textarea=True)
    description_sv = _text(_("Description in Swedish"), max_length=10000, textarea=True)
    description_en = _text(_("Description in English"), max_length=10000, textarea=True)
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)

    start_date = forms.DateField(label=_("Date"), widget=DateInput(), input_formats=["%Y-%m-%d"])
    start_time = forms.TimeField(
        label=_("Starts at"),
        required=False,
        widget=TimeInput(),
        help_text=_("Leave the times empty for an event that lasts whole days."),
    )
    end_date = forms.DateField(
        label=_("Last day"),
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d"],
        help_text=_("Only when the event lasts several days."),
    )
    end_time = forms.TimeField(label=_("Ends at"), required=False, widget=TimeInput())
    super_event = forms.ModelChoiceField(
        label=_("Part of a series"),
        queryset=Event.objects.none(),
        required=False,
        empty_label=_("No, a single event"),
        help_text=_(
            "A date of a recurring event or a session of a course: choose the series. "
            "The calendar shows the series once, with its next dates."
        ),
    )

    location_kind = forms.ChoiceField(
        label=_("Kind of place"),
        choices=LOCATION_CHOICES,
        widget=forms.RadioSelect,
        initial="place",
    )
    room = forms.ModelChoiceField(
        label=_("Room"),
        queryset=Room.objects.none(),
        required=False,
        help_text=_("The room is booked for the event when you submit it."),
    )
    expected_attendees = forms.IntegerField(
        label=_("Expected attendees"), required=False, min_value=1, max_value=10000
    )
    place = forms.ModelChoiceField(
        label=_("Place"),
        queryset=Place.objects.none(),
        required=False,
        empty_label=_("A new place (give it below)"),
    )
    place_name = _text(_("Name of the new place"), max_length=200)
    place_street_address = _text(_("Street address"), max_length=200)
    place_postal_code = _text(_("Postal code"), max_length=10)
    place_post_office = _text(_("Post office"), max_length=100)
    place_municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.none(), required=False
    )
    online_url = forms.URLField(
        label=_("Link to the online event"), required=False, max_length=1000
    )

    keywords = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Keyword.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    audiences = forms.MultipleChoiceField(
        label=_("For whom"),
        choices=Audience.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages of the event"),
        choices=EventLanguage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_free = forms.BooleanField(label=_("Free of charge"), required=False, initial=True)
    price = _text(_("Price"), max_length=200, help_text=_("For example: 5 €, members free."))
    registration_url = forms.URLField(label=_("Registration link"), required=False, max_length=1000)
    info_url = forms.URLField(label=_("More information"), required=False, max_length=1000)
    wheelchair_accessible = forms.BooleanField(label=_("Wheelchair access"), required=False)
    induction_loop = forms.BooleanField(label=_("Induction loop"), required=False)
    plain_language = forms.BooleanField(
        label=_("Plain-language Finnish (selkokieli)"), required=False
    )
    sign_language = forms.BooleanField(label=_("Sign language"), required=False)
    image = forms.ImageField(label=_("Image"), required=False, validators=[validate_image_upload])
    image_alt_fi = _text(
        _("Image alt text in Finnish"),
        max_length=300,
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )
    image_alt_sv = _text(_("Image alt text in Swedish"), max_length=300)
    image_alt_en = _text(_("Image alt text in English"), max_length=300)
    status = forms.ChoiceField(label=_("Event status"), choices=Event.Status.choices)

    def __init__(self, *args, organisations, series_of=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["room"].queryset = Room.objects.bookable().select_related("site")
        self.fields["place"].queryset = Place.objects.filter(source_key="").order_by("name_fi")
        self.fields["place_municipality"].queryset = Municipality.objects.order_by("name_fi")
        self.fields["keywords"].queryset = Keyword.objects.order_by("name_fi")
        self.fields["super_event"].queryset = self._series(organisations, series_of)

    def _series(self, organisations, event):
        """The events of the chosen organiser (of the form's data, else the event's)
        that can hold the dates of a series: not over, not deleted, not themselves a
        date of a series."""
        organisation = self.data.get("organisation") if self.is_bound else None
        if not organisation:
            organisation = self.initial.get("organisation") or (event and event.organisation_id)
        try:
            organisation = int(organisation)
        except (TypeError, ValueError):
            return Event.objects.none()
        series = Event.objects.alive().filter(
            organisation_id=organisation,
            organisation__in=organisations,
            super_event__isnull=True,
            end__gt=clock.now(),
        )
        if event is not None:
            series = series.exclude(pk=event.pk) | Event.objects.filter(pk=event.super_event_id)
        return series.order_by("start", "pk")

    def clean(self):
        data = super().clean()
        series, organisation = data.get("super_event"), data.get("organisation")
        if series is not None and organisation is not None:
            if series.organisation_id != organisation.pk:
                self.add_error("super_event", _("Choose a series of the same organiser."))
        return data

    @classmethod
    def initial_for(cls, event: Event) -> dict:
        from django.utils import timezone

        initial = {
            name: getattr(event, name)
            for name in cls.base_fields
            if hasattr(event, name)
            and name not in ("keywords", "image", "start_date", "end_date", "super_event")
        }
        initial["organisation"] = event.organisation_id
        initial["super_event"] = event.super_event_id
        initial["location_kind"] = event.location_kind
        initial["keywords"] = list(event.keywords.values_list("pk", flat=True))
        if event.start:
            start = timezone.localtime(event.start)
            end = timezone.localtime(event.end)
            initial["start_date"] = start.date()
            if event.all_day:
                last = (end - timezone.timedelta(days=1)).date()
                initial["start_time"] = initial["end_time"] = None
                initial["end_date"] = last if last != start.date() else None
            else:
                initial["start_time"] = start.time()
                initial["end_time"] = end.time()
                initial["end_date"] = end.date() if end.date() != start.date() else None
        return initial

    def to_input(self) -> EventInput:
        data = self.cleaned_data

        def translated(name):
            return {code: data.get(f"{name}_{code}", "") for code in ("fi", "sv", "en")}

        new_place = None
        if data["location_kind"] == "place" and data.get("place") is None:
            new_place = {
                "name": data.get("place_name"),
                "street_address": data.get("place_street_address"),
                "postal_code": data.get("place_postal_code"),
                "post_office": data.get("place_post_office"),
                "municipality": data.get("place_municipality"),
            }
        return EventInput(
            name=translated("name"),
            short_description=translated("short_description"),
            description=translated("description"),
            image_alt=translated("image_alt"),
            kind=data["kind"],
            start_date=data["start_date"],
            start_time=data.get("start_time"),
            end_date=data.get("end_date"),
            end_time=data.get("end_time"),
            location_kind=data["location_kind"],
            room=data.get("room"),
            expected_attendees=data.get("expected_attendees"),
            place=data.get("place"),
            new_place=new_place,
            online_url=data.get("online_url") or "",
            keywords=list(data.get("keywords") or []),
            audiences=data.get("audiences") or [],
            languages=data.get("languages") or [],
            is_free=data.get("is_free", False),
            price=data.get("price") or "",
            registration_url=data.get("registration_url") or "",
            info_url=data.get("info_url") or "",
            wheelchair_accessible=data.get("wheelchair_accessible", False),
            induction_loop=data.get("induction_loop", False),
            plain_language=data.get("plain_language", False),
            sign_language=data.get("sign_language", False),
            image=data.get("image") or None,
            status=data["status"],
            super_event=data.get("super_event"),
        )


# The steps of the event form and the fields each asks for; the last step previews the
# event as its public page will show it.
STEPS = (
    ("what", _("What")),
    ("when", _("When")),
    ("where", _("Where")),
    ("who", _("For whom and price")),
    ("preview", _("Preview")),
)
STEP_NAMES = tuple(name for name, _label in STEPS)
STEP_FIELDS = {
    "what": (
        "organisation",
        "kind",
        "status",
        *(f"{name}_{code}" for name in TEXTS for code in ("fi", "sv", "en")),
        "keywords",
        "image",
        "image_alt_fi",
        "image_alt_sv",
        "image_alt_en",
    ),
    "when": ("start_date", "start_time", "end_time", "end_date", "super_event"),
    "where": (
        "location_kind",
        "room",
        "expected_attendees",
        "place",
        "place_name",
        "place_street_address",
        "place_postal_code",
        "place_post_office",
        "place_municipality",
        "online_url",
        "wheelchair_accessible",
        "induction_loop",
        "plain_language",
        "sign_language",
    ),
    "who": ("audiences", "languages", "is_free", "price", "registration_url", "info_url"),
    "preview": (),
}
# The fields of each kind of place, shown only when that kind is chosen.
LOCATION_FIELDS = {
    "room": ("room", "expected_attendees"),
    "place": (
        "place",
        "place_name",
        "place_street_address",
        "place_postal_code",
        "place_post_office",
        "place_municipality",
    ),
    "online": ("online_url",),
}


def step_of(field: str | None) -> str:
    """The step that asks for a field (errors of the whole event go to the preview)."""
    for step, fields in STEP_FIELDS.items():
        if field in fields:
            return step
    return "preview"


# Service error fields → form fields (booking errors name the booking's fields).
EVENT_FIELD_MAP = {
    "start": "start_time",
    "end": "end_time",
    "attendees": "expected_attendees",
    "purpose": "name_fi",
    "comment": "comment",
    "__all__": None,
}


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the organiser change?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
