from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Indicator, Source, Theme


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
