"""Forms of the grant pages. They only parse input; the services decide."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from organisations.models import Municipality

from .models import COSTS, INCOME, BudgetLine, ChangeRequest, GrantReport


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def money_field(label, required=False, **kwargs):
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        localize=True,  # accepts 1 200,50 as well as 1200.50
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        **kwargs,
    )


def _category_fields(prefix):
    return {f"{prefix}{value}": label for value, label in BudgetLine.Category.choices}


class ApplicationForm(forms.Form):
    """The application with its budget: one line per category (planned costs, then the
    other income), which is what the call's rules are checked against."""

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None, empty_label=None)
    project_name = forms.CharField(label=_("Project"), max_length=200)
    goals = forms.CharField(
        label=_("Goals"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    target_group = forms.CharField(label=_("Target group"), required=False, max_length=300)
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities of the project"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    starts_on = forms.DateField(label=_("Project starts"), required=False, widget=DateInput())
    ends_on = forms.DateField(label=_("Project ends"), required=False, widget=DateInput())
    requested_amount = money_field(_("Requested amount (€)"), required=True)
    language = forms.ChoiceField(label=_("Language of the decision"), choices=settings.LANGUAGES)

    def __init__(self, *args, organisations=None, municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is None:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = organisations
        self.fields["municipalities"].queryset = municipalities or Municipality.objects.all()
        for value, label in BudgetLine.Category.choices:
            self.fields[f"line_{value}"] = money_field(label)

    def cost_fields(self):
        return [self[f"line_{c}"] for c in BudgetLine.Category.values if c in COSTS]

    def income_fields(self):
        return [self[f"line_{c}"] for c in BudgetLine.Category.values if c in INCOME]

    def head_fields(self):
        names = [n for n in self.fields if not n.startswith("line_")]
        return [self[n] for n in names]

    def lines(self):
        from .services import Line

        return [
            Line(category=c, amount=self.cleaned_data[f"line_{c}"])
            for c in BudgetLine.Category.values
            if self.cleaned_data.get(f"line_{c}")
        ]

    @staticmethod
    def initial_for(application) -> dict:
        initial = {
            "project_name": application.project_name,
            "goals": application.goals,
            "target_group": application.target_group,
            "municipalities": list(application.municipalities.all()),
            "starts_on": application.starts_on,
            "ends_on": application.ends_on,
            "requested_amount": application.requested_amount,
            "language": application.language,
        }
        for line in application.budget_lines.all():
            key = f"line_{line.category}"
            initial[key] = initial.get(key, Decimal("0")) + line.amount
        return initial


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, ODT, ODS, DOCX, XLSX, PNG or JPEG; at most 10 MB.")
    )


NA = "na"


class ReviewForm(forms.Form):
    """A score (or "not applicable" where allowed) and a comment for each criterion."""

    comment = forms.CharField(
        label=_("Overall comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            choices = [("", _("Choose"))] + [
                (str(v), str(v)) for v in range(criterion.scale_min, criterion.scale_max + 1)
            ]
            if criterion.allow_na:
                choices.append((NA, _("Not applicable")))
            self.fields[f"score_{criterion.pk}"] = forms.ChoiceField(
                label=_("Score: %(criterion)s (weight %(weight)s)")
                % {"criterion": criterion.name, "weight": criterion.weight.normalize()},
                choices=choices,
                help_text=criterion.guidance,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment: %(criterion)s") % {"criterion": criterion.name},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        order = [n for c in self.criteria for n in (f"score_{c.pk}", f"comment_{c.pk}")]
        self.order_fields([*order, "comment"])

    def scores(self) -> dict:
        result = {}
        for criterion in self.criteria:
            value = self.cleaned_data[f"score_{criterion.pk}"]
            result[criterion.pk] = (
                None if value == NA else value,
                self.cleaned_data[f"comment_{criterion.pk}"],
            )
        return result


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("The conflict of interest"),
        max_length=300,
        help_text=_("For example a seat on the applicant's board."),
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What to complete"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
    deadline = forms.DateTimeField(label=_("New deadline"), widget=DateTimeInput())


class ProposalForm(forms.Form):
    amount = money_field(_("Proposed amount (€)"))
    rationale = forms.CharField(
        label=_("Rationale"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReviewerForm(forms.Form):
    email = forms.EmailField(
        label=_("Reviewer's email address"),
        help_text=_("Staff, or an external reviewer who has an account."),
    )


class PaymentAddForm(forms.Form):
    amount = money_field(_("Amount (€)"), required=True)
    due_on = forms.DateField(label=_("Due"), required=False, widget=DateInput())


class ChangeRequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Change"), choices=ChangeRequest.Kind.choices)
    description = forms.CharField(
        label=_("What and why"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
    new_end_date = forms.DateField(label=_("New end date"), required=False, widget=DateInput())
    move_from = forms.ChoiceField(
        label=_("Move money from"), required=False, choices=lambda: _cost_choices()
    )
    move_to = forms.ChoiceField(
        label=_("Move money to"), required=False, choices=lambda: _cost_choices()
    )
    move_amount = money_field(_("Amount to move (€)"))


def _cost_choices():
    return [("", "—")] + [
        (value, label) for value, label in BudgetLine.Category.choices if value in COSTS
    ]


class ChangeDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[("1", _("Approve")), ("0", _("Refuse"))],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=3000)


class GrantReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Report"), choices=GrantReport.Kind.choices)
    results = forms.CharField(
        label=_("Results against the goals"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    ledger = forms.FileField(
        label=_("Ledger or other attachment"),
        required=False,
        help_text=_("PDF, ODT, ODS, DOCX, XLSX, PNG or JPEG; at most 10 MB."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in BudgetLine.Category.choices:
            self.fields[f"actual_{value}"] = money_field(
                _("Actual: %(category)s (€)") % {"category": label}
            )

    def actuals(self) -> dict:
        return {
            c: self.cleaned_data[f"actual_{c}"]
            for c in BudgetLine.Category.values
            if self.cleaned_data.get(f"actual_{c}") is not None
        }


class ReportCheckForm(forms.Form):
    used_as_decided = forms.BooleanField(label=_("Used as decided"), required=False)
    self_financing_realised = forms.BooleanField(label=_("Self-financing realised"), required=False)
    ledger_attached = forms.BooleanField(label=_("Ledger attached"), required=False)
    accept = forms.TypedChoiceField(
        label=_("Result"),
        choices=[("1", _("Accept")), ("0", _("Ask for changes"))],
        coerce=lambda v: v == "1",
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CriteriaApproveForm(forms.Form):
    partners = forms.ModelMultipleChoiceField(
        label=_("Prepared together with"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = organisations


class CriterionForm(forms.Form):
    """A criterion of a draft criteria set: its name and guidance in three languages
    (Finnish required; Swedish and English fall back to it), weight and scale."""

    name_fi = forms.CharField(label=_("Name in Finnish"), max_length=200)
    name_sv = forms.CharField(label=_("Name in Swedish"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Name in English"), max_length=200, required=False)
    guidance_fi = forms.CharField(
        label=_("Guidance in Finnish"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    guidance_sv = forms.CharField(
        label=_("Guidance in Swedish"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    guidance_en = forms.CharField(
        label=_("Guidance in English"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    weight = forms.DecimalField(
        label=_("Weight"), min_value=Decimal("0"), max_digits=5, decimal_places=2, localize=True
    )
    scale_min = forms.IntegerField(label=_("Lowest score"), min_value=0, max_value=100, initial=0)
    scale_max = forms.IntegerField(label=_("Highest score"), min_value=1, max_value=100, initial=5)
    allow_na = forms.BooleanField(label=_("“Not applicable” allowed"), required=False)
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=1000, required=False)

    FIELDS = (
        "name_fi",
        "name_sv",
        "name_en",
        "guidance_fi",
        "guidance_sv",
        "guidance_en",
        "weight",
        "scale_min",
        "scale_max",
        "allow_na",
        "order",
    )

    @classmethod
    def initial_for(cls, criterion):
        return {name: getattr(criterion, name) for name in cls.FIELDS}

    def criterion_input(self):
        from .services import CriterionInput

        return CriterionInput(**{name: self.cleaned_data.get(name) for name in self.FIELDS})


class DecisionsForm(forms.Form):
    """One row per application waiting for a decision: include it in this act or not,
    granted or refused, the amount, the rationale and the conditions."""

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.applications = list(applications)
        for a in self.applications:
            self.fields[f"d{a.pk}_include"] = forms.BooleanField(
                label=_("Decide now"), required=False, initial=a.proposed_amount is not None
            )
            self.fields[f"d{a.pk}_outcome"] = forms.ChoiceField(
                label=_("Decision"),
                choices=[("granted", _("Grant")), ("refused", _("Refuse"))],
                initial="granted" if a.proposed_amount else "refused",
            )
            self.fields[f"d{a.pk}_amount"] = money_field(_("Amount (€)"), initial=a.proposed_amount)
            self.fields[f"d{a.pk}_rationale"] = forms.CharField(
                label=_("Rationale"),
                required=False,
                initial=a.proposal_rationale,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"d{a.pk}_conditions"] = forms.CharField(
                label=_("Conditions"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def rows(self):
        return [
            {
                "application": a,
                "include": self[f"d{a.pk}_include"],
                "outcome": self[f"d{a.pk}_outcome"],
                "amount": self[f"d{a.pk}_amount"],
                "rationale": self[f"d{a.pk}_rationale"],
                "conditions": self[f"d{a.pk}_conditions"],
            }
            for a in self.applications
        ]

    def decisions(self):
        from .services import DecisionInput

        made = []
        for a in self.applications:
            if not self.cleaned_data.get(f"d{a.pk}_include"):
                continue
            granted = self.cleaned_data[f"d{a.pk}_outcome"] == "granted"
            made.append(
                DecisionInput(
                    application=a,
                    granted=granted,
                    amount=self.cleaned_data.get(f"d{a.pk}_amount") or Decimal("0"),
                    rationale=self.cleaned_data[f"d{a.pk}_rationale"],
                    conditions=self.cleaned_data[f"d{a.pk}_conditions"],
                )
            )
        return made
