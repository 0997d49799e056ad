"""The form of the reports page. It only parses input; report_request decides who may."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core import clock
from core.i18n import localized
from core.widgets import plain_choices, use_cached_options
from organisations.models import Organisation

from .models import Report
from .reports import parse_month

FIRST_YEAR = 2000


class MonthInput(forms.TextInput):
    input_type = "month"


class MonthField(forms.Field):
    """A month as the first day of it. Accepts 2026-11 (what <input type="month"> sends)
    and 11/2026 or 11.2026, typed where a browser shows a plain text box."""

    widget = MonthInput
    default_error_messages = {
        "invalid": _("Give the month as year and month, for example 2026-11."),
        "range": _("Choose a month between %(first)s and %(last)s."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_month(str(value))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        last_year = clock.today().year + 2
        if not (FIRST_YEAR <= value.year <= last_year):
            raise ValidationError(
                self.error_messages["range"],
                code="range",
                params={"first": f"{FIRST_YEAR}-01", "last": f"{last_year}-12"},
            )

    def prepare_value(self, value):
        if hasattr(value, "strftime"):
            return value.strftime("%Y-%m")
        return value


class ReportForm(forms.Form):
    """Staff choose the kind, month and (for a statement) organisation; a representative
    chooses the month and one of their own organisations, always for a statement."""

    kind = forms.ChoiceField(
        label=_("Report"),
        choices=Report.Kind.choices,
        initial=Report.Kind.STATEMENT,
        widget=forms.RadioSelect,
    )
    month = MonthField(label=_("Month"), help_text=_("Year and month, for example 2026-11."))
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— Choose for a booking statement —"),
        help_text=_("Needed for a booking statement only."),
    )

    def __init__(self, *args, staff: bool, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.staff = staff
        organisation = self.fields["organisation"]
        organisation.queryset = organisations
        if staff:
            # Every active organisation (thousands): the options from the shared cache,
            # not a model instance and a template render each on every dashboard view.
            use_cached_options(
                organisation,
                "facilities:statement-organisations",
                "organisations",
                lambda: plain_choices(organisations, "pk", localized("name")),
            )
        else:
            del self.fields["kind"]
            organisation.required = True
            organisation.empty_label = None
            organisation.help_text = ""
            organisation.error_messages["required"] = _(
                "Choose the organisation whose statement you want."
            )

    def clean(self):
        data = super().clean()
        data["kind"] = data.get("kind", Report.Kind.STATEMENT) if self.staff else "statement"
        if data["kind"] == Report.Kind.UTILISATION:
            data["organisation"] = None  # a utilisation report covers every organisation
        elif not data.get("organisation") and "organisation" not in self.errors:
            self.add_error("organisation", _("Choose the organisation whose statement you want."))
        return data
