from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Indicator, Interpretation, Source, Theme


class CatalogueFilter(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    source = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", _("All sources")), *Source.choices]
    )
    followed = forms.BooleanField(label=_("Followed only"), required=False)


class FollowForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["followed", "theme"]

    def clean(self):
        data = super().clean()
        if data.get("followed") and not data.get("theme"):
            self.add_error("theme", _("Choose a theme for a followed indicator."))
        return data


THEMES = Theme.choices


class InterpretationForm(forms.ModelForm):
    class Meta:
        model = Interpretation
        fields = [
            "indicator",
            "theme",
            "text_fi",
            "text_sv",
            "text_en",
            "participants_fi",
            "participants_sv",
            "participants_en",
            "year_from",
            "year_to",
            "written_on",
            "published",
        ]
        labels = {
            "text_fi": _("Interpretation in Finnish"),
            "text_sv": _("Interpretation in Swedish"),
            "text_en": _("Interpretation in English"),
            "participants_fi": _("Who took part (Finnish)"),
            "participants_sv": _("Who took part (Swedish)"),
            "participants_en": _("Who took part (English)"),
        }
        widgets = {
            "written_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text_fi": forms.Textarea(attrs={"rows": 5}),
            "text_sv": forms.Textarea(attrs={"rows": 5}),
            "text_en": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(followed=True).order_by(
            "theme", "title_fi"
        )
        self.fields["indicator"].required = False
        self.fields["text_fi"].required = True
        self.fields["written_on"].required = False
        self.fields["indicator"].help_text = _("An indicator the centre follows, or a theme below.")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("Columns: indicator, municipality, year, value."),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file, save nothing"), required=False, initial=True
    )
