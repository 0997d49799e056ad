from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from organisations.models import Municipality

from .models import COMMENT_MAX_LENGTH, NAME_MAX_LENGTH, Workshop


class CommentForm(forms.Form):
    # The length is checked by the service (with its own message); the browser's limit
    # is a little larger, so the service's message is the one people see.
    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_MAX_LENGTH + 500}),
        required=False,
    )
    name = forms.CharField(label=_("Name (optional)"), required=False, max_length=NAME_MAX_LENGTH)
    municipality = forms.ModelChoiceField(
        label=_("Your municipality (optional)"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
    )
    language = forms.ChoiceField(label=_("Language of the comment"), choices=settings.LANGUAGES)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, show_names=True, prefix=None, municipality_choices=None, **kwargs):
        super().__init__(*args, prefix=prefix, **kwargs)
        if not show_names:
            del self.fields["name"]
        if municipality_choices is not None:
            # One list for every section's form on the page, read once.
            self.fields["municipality"].choices = municipality_choices


def municipality_choices() -> list:
    return [("", "---------")] + [(m.pk, m.name) for m in Municipality.objects.order_by("name")]


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reason shown in place of the comment"), required=False)


class WorkshopForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["place", "municipality", "held_on", "participants", "facilitator"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"})}


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
    dry_run = forms.BooleanField(
        label=_("Only check the file; save nothing"), required=False, initial=True
    )
