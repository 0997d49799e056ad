"""Forms of the pilot pages. They only parse input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core import clock

from .models import Evaluation, Indicator, PilotStatus


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=())
    on = forms.DateField(label=_("Date of the change"), widget=DateInput(), required=False)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [(s, PilotStatus(s).label) for s in allowed]
        self.fields["on"].initial = clock.today()


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = ["results", "impact", "lessons", "recommendation", "evaluator", "evaluated_on"]
        widgets = {
            "evaluated_on": DateInput(),
            "results": forms.Textarea(attrs={"rows": 5}),
            "impact": forms.Textarea(attrs={"rows": 4}),
            "lessons": forms.Textarea(attrs={"rows": 4}),
        }


class MeasurementForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.none(), empty_label=None
    )
    measured_on = forms.DateField(label=_("Date"), widget=DateInput())
    value = forms.DecimalField(
        label=_("Value"),
        max_digits=14,
        decimal_places=2,
        localize=True,  # accepts 12,5 as well as 12.5
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args, pilot, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = pilot.indicators.order_by("order", "pk")
        self.fields["indicator"].label_from_instance = lambda i: f"{i.name} ({i.unit})"
        self.fields["measured_on"].initial = clock.today()
