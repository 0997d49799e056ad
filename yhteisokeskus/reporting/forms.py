"""The forms of the dashboard's reports section. They only parse input; the services
decide who may."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.widgets import LongSelect
from pilots.models import Pilot
from yhteisokeskus.models import FIRST_YEAR, latest_year


class AnnualReportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        last = latest_year()
        self.fields["year"].choices = [(y, str(y)) for y in range(last, FIRST_YEAR - 1, -1)]
        self.fields["year"].initial = last - 1


class PilotReportForm(forms.Form):
    pilot = forms.ModelChoiceField(
        label=_("Pilot"),
        queryset=Pilot.objects.none(),
        empty_label=_("— Choose a pilot —"),
        widget=LongSelect,  # hundreds of pilots: the options in one join, not a template each
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pilot"].queryset = Pilot.objects.order_by("name_fi")
