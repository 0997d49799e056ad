"""Forms of the training pages. They only parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from facilities.forms import DateInput, TimeInput
from facilities.models import Room
from organisations.models import Organisation


class EnrolForm(forms.Form):
    """Enrol oneself (no organisation), or a person of an organisation one represents."""

    organisation = forms.ModelChoiceField(
        label=_("Enrol for"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Myself"),
        help_text=_("A representative can enrol people of their organisation."),
    )
    name = forms.CharField(label=_("Participant's name"), max_length=200)
    email = forms.EmailField(
        label=_("Participant's email"),
        required=False,
        help_text=_("When you enrol yourself, your own address is used."),
    )
    needs = forms.CharField(
        label=_("Dietary or accessibility needs"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: a vegan diet, an induction loop, a sign language interpreter."),
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations
        if not organisations or not organisations.exists():
            del self.fields["organisation"]


RATINGS = [(n, str(n)) for n in range(1, 6)]


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating (1 = poor, 5 = excellent)"),
        choices=RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comments"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What was useful, what could be better? Optional."),
    )


class SessionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput(), input_formats=["%Y-%m-%d"])
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Ends at"), widget=TimeInput())
    room = forms.ModelChoiceField(
        label=_("Room"),
        queryset=Room.objects.bookable().select_related("site"),
        required=False,
        empty_label=_("No room (online)"),
    )
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
