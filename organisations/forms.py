"""Forms of the membership and representative pages and the organisation profile.
They only parse input; the services decide."""

from django import forms
from django.db import models
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from .models import FieldOfActivity, Municipality, Organisation, Representative


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.municipality_id and "municipality" in obj._state.fields_cache:
            return f"{obj.name} ({obj.municipality.name})"
        return obj.name


class MembershipApplyForm(forms.Form):
    """Apply on behalf of an organisation the person represents, or register a new one."""

    organisation = OrganisationChoiceField(
        label=_("An organisation you represent"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— Register a new organisation below —"),
    )
    new_name_fi = forms.CharField(
        label=_("Name of the new organisation"),
        max_length=200,
        required=False,
        help_text=_("As in the association register, for example Porin Kuoroyhdistys ry."),
    )
    new_business_id = forms.CharField(
        label=_("Business ID (Y-tunnus)"),
        max_length=20,
        required=False,
        help_text=_("For example 1234567-8."),
    )
    new_municipality = forms.ModelChoiceField(
        label=_("Home municipality"),
        queryset=Municipality.objects.order_by("name_fi"),
        required=False,
    )
    application_text = forms.CharField(
        label=_("Tell us about the organisation and why it wants to join"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations.select_related("municipality")

    def clean(self):
        data = super().clean()
        new_given = any(data.get(name) for name in ("new_name_fi", "new_business_id"))
        if data.get("organisation") and new_given:
            raise forms.ValidationError(
                _(
                    "Choose an organisation you represent, or give the details of a new one, not both."
                )
            )
        if not data.get("organisation") and not new_given:
            raise forms.ValidationError(
                _("Choose an organisation you represent, or give the details of a new one.")
            )
        if new_given and not data.get("organisation"):
            for name, message in (
                ("new_name_fi", _("Give the name of the organisation.")),
                ("new_business_id", _("Give the Business ID of the organisation.")),
                ("new_municipality", _("Choose the home municipality.")),
            ):
                if not data.get(name):
                    self.add_error(name, message)
        return data

    def new_organisation(self) -> dict | None:
        if self.cleaned_data.get("organisation"):
            return None
        return {
            "name_fi": self.cleaned_data["new_name_fi"],
            "business_id": self.cleaned_data["new_business_id"],
            "municipality": self.cleaned_data["new_municipality"],
        }


# Where a service names a field of the organisation, the apply form shows it here.
MEMBERSHIP_APPLY_FIELD_MAP = {
    "name_fi": "new_name_fi",
    "name": "new_name_fi",
    "business_id": "new_business_id",
    "municipality": "new_municipality",
}


class RepresentativeRequestForm(forms.Form):
    organisation = OrganisationChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.public().select_related("municipality"),
        empty_label=_("— Choose —"),
    )
    role = forms.ChoiceField(
        label=_("Role requested"),
        choices=Representative.Role.choices,
        initial=Representative.Role.MEMBER,
        help_text=_("An admin also edits the organisation's profile and approves representatives."),
    )
    message = forms.CharField(
        label=_("Message to the organisation's admin"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1000,
        required=False,
        help_text=_("Who you are and what you do in the organisation."),
    )


EDIT_FIELDS = [
    "name_fi",
    "name_sv",
    "name_en",
    "description_fi",
    "description_sv",
    "description_en",
    "business_id",
    "register_number",
    "municipality",
    "fields_of_activity",
    "email",
    "phone",
    "website",
    "street_address",
    "postal_code",
    "post_office",
    "is_public",
]


class OrganisationForm(forms.Form):
    """The organisation's profile as its admin edits it (fields as in the model; the
    service normalises and validates)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.order_by("name_fi")
        self.fields["fields_of_activity"].queryset = FieldOfActivity.objects.order_by("order")

    @classmethod
    def initial_for(cls, organisation: Organisation) -> dict:
        initial = {
            name: getattr(organisation, name)
            for name in EDIT_FIELDS
            if name not in ("municipality", "fields_of_activity")
        }
        initial["municipality"] = organisation.municipality_id
        initial["fields_of_activity"] = list(
            organisation.fields_of_activity.values_list("pk", flat=True)
        )
        return initial


def _formfield(db_field, **kwargs):
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


OrganisationForm.base_fields = fields_for_model(
    Organisation,
    fields=EDIT_FIELDS,
    formfield_callback=_formfield,
    labels={
        "name_fi": _("Name in Finnish"),
        "name_sv": _("Name in Swedish"),
        "name_en": _("Name in English"),
        "description_fi": _("Description in Finnish"),
        "description_sv": _("Description in Swedish"),
        "description_en": _("Description in English"),
    },
    widgets={
        "description_fi": forms.Textarea(attrs={"rows": 6}),
        "description_sv": forms.Textarea(attrs={"rows": 4}),
        "description_en": forms.Textarea(attrs={"rows": 4}),
        "fields_of_activity": forms.CheckboxSelectMultiple,
    },
)
# Spaces and a missing hyphen are normalised by the service, so allow a little slack here.
OrganisationForm.base_fields["business_id"] = forms.CharField(
    label=_("Business ID (Y-tunnus)"),
    max_length=20,
    required=False,
    help_text=_("For example 1234567-8."),
)
