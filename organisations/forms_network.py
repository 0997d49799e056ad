"""Forms of the staff pages of the partnership network. They only parse input; the
services decide (and give the messages of the rules, such as an end before the start)."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .forms import OrganisationChoiceField
from .models import ContactPerson, Organisation, Partnership


class PartnershipForm(forms.Form):
    partner = OrganisationChoiceField(
        label=_("Partner"),
        queryset=Organisation.objects.active().select_related("municipality").order_by("name_fi"),
    )
    kind = forms.ChoiceField(label=_("Kind of partnership"), choices=Partnership.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_on = forms.DateField(label=_("Start"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(
        label=_("End"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for a partnership that runs until further notice."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    partner_contacts = forms.ModelMultipleChoiceField(
        label=_("Contact persons of the partner"),
        queryset=ContactPerson.objects.select_related("organisation").order_by("name"),
        required=False,
        help_text=_("Contact persons of the chosen partner organisation."),
    )
    staff_contacts = forms.ModelMultipleChoiceField(
        label=_("Contact persons of the centre"),
        queryset=get_user_model().objects.filter(is_staff=True, is_active=True).order_by("email"),
        required=False,
        help_text=_("They are reminded before the partnership ends."),
    )


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title of the document"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, ODT, DOCX, ODS, XLSX, PNG, JPEG or plain text; at most %(size)s MB."),
    )

    def __init__(self, *args, max_megabytes=10, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.fields["file"].help_text % {"size": max_megabytes}
