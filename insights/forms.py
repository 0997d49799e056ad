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
            "sources",
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
            "sources": forms.Textarea(attrs={"rows": 3}),
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


class DraftInterpretationForm(InterpretationForm):
    """A representative's draft: everything but publishing, which is staff's."""

    class Meta(InterpretationForm.Meta):
        fields = [f for f in InterpretationForm.Meta.fields if f != "published"]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("Columns: indicator, municipality, year, value."),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file, save nothing"), required=False, initial=True
    )


class CodesField(forms.MultipleChoiceField):
    """Municipality numbers; empty values (?kunta=) are left out."""

    def to_python(self, value):
        return [code for code in super().to_python(value) if code.strip()]


class ComparisonForm(forms.Form):
    """The municipalities to compare, by number (?kunta=609&kunta=684), from the
    register; at most MAX_MUNICIPALITIES. Fewer than two is not an error: the page then
    asks for more."""

    kunta = CodesField(
        label=_("Municipalities to compare"),
        required=False,
        error_messages={
            "invalid_choice": _("There is no municipality with the number %(value)s."),
        },
    )

    def __init__(self, data, *, municipalities, maximum):
        super().__init__(data)
        self.municipalities = {m.code: m for m in municipalities}
        self.maximum = maximum
        self.fields["kunta"].choices = [(code, code) for code in self.municipalities]

    def clean_kunta(self):
        codes = list(dict.fromkeys(self.cleaned_data["kunta"]))  # each once, in order
        if len(codes) > self.maximum:
            raise forms.ValidationError(
                _("Compare at most %(maximum)d municipalities at a time; you chose %(count)d."),
                params={"maximum": self.maximum, "count": len(codes)},
                code="too_many",
            )
        return codes

    @property
    def chosen(self) -> list:
        """The municipalities chosen, in order ([] until the form is valid)."""
        if not self.is_valid():
            return []
        return [self.municipalities[code] for code in self.cleaned_data["kunta"]]

    @property
    def checked(self) -> set:
        """The numbers to show checked: those asked for, even when the form is not valid."""
        return set(self.data.getlist("kunta")) if hasattr(self.data, "getlist") else set()
