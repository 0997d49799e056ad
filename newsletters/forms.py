from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.models import Municipality

from .models import LANGUAGES, Issue, MailingList


class SubscribeForm(forms.Form):
    email = forms.CharField(
        label=_("Email"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=LANGUAGES)
    lists = forms.ModelMultipleChoiceField(
        label=_("Newsletters"),
        queryset=MailingList.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    consent = forms.BooleanField(label=_("I agree to the terms above."), required=True)
    # Left empty by people; a bot that fills every field gives itself away.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, lists=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lists"].queryset = lists if lists is not None else MailingList.objects.none()
        self.fields["email"].error_messages["required"] = _("Enter a valid email address.")
        self.fields["consent"].error_messages["required"] = _("Subscribing needs your consent.")


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the newsletter"), choices=LANGUAGES)
    lists = forms.ModelMultipleChoiceField(
        label=_("Newsletters"),
        queryset=MailingList.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Clear every box to unsubscribe."),
    )

    def __init__(self, *args, lists=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lists"].queryset = lists


class IssueForm(forms.ModelForm):
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Only these municipalities"),
        queryset=Municipality.objects.order_by("name"),
        required=False,
        help_text=_("Leave empty for the whole region."),
    )
    lists = forms.ModelMultipleChoiceField(
        label=_("Audience"),
        queryset=MailingList.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Issue
        fields = [
            "subject_fi",
            "subject_sv",
            "subject_en",
            "editorial_fi",
            "editorial_sv",
            "editorial_en",
            "period_start",
            "period_end",
        ]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "editorial_fi": forms.Textarea(attrs={"rows": 5}),
            "editorial_sv": forms.Textarea(attrs={"rows": 5}),
            "editorial_en": forms.Textarea(attrs={"rows": 5}),
        }
        labels = {
            "subject_fi": _("Subject in Finnish"),
            "subject_sv": _("Subject in Swedish"),
            "subject_en": _("Subject in English"),
            "editorial_fi": _("Editorial in Finnish"),
            "editorial_sv": _("Editorial in Swedish"),
            "editorial_en": _("Editorial in English"),
        }

    def data_for_service(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
