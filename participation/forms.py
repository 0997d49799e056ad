from datetime import timedelta

from django import forms
from django.conf import settings
from django.db.models import Q
from django.forms.models import model_to_dict
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core import clock
from events.models import Event, Place
from organisations.models import Municipality, Organisation

from .authoring import CONSULTATION_FIELDS, SECTION_FIELDS
from .feedback_authoring import FEEDBACK_FORM_FIELDS
from .goals import (
    ACTION_FIELDS,
    DECREASE,
    GOAL_FIELDS,
    INCREASE,
    INDICATOR_FIELDS,
    STRATEGY_ITEM_FIELDS,
)
from .models import (
    COMMENT_MAX_LENGTH,
    FEEDBACK_TEXT_MAX_LENGTH,
    NAME_MAX_LENGTH,
    Action,
    Consultation,
    Goal,
    Indicator,
    Poll,
    Section,
    StrategyItem,
    Theme,
    Workshop,
)


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


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


IN_LANGUAGE = {
    "title_fi": _("Title in Finnish"),
    "title_sv": _("Title in Swedish"),
    "title_en": _("Title in English"),
    "introduction_fi": _("Introduction in Finnish"),
    "introduction_sv": _("Introduction in Swedish"),
    "introduction_en": _("Introduction in English"),
    "body_fi": _("Text in Finnish"),
    "body_sv": _("Text in Swedish"),
    "body_en": _("Text in English"),
    "description_fi": _("Description in Finnish"),
    "description_sv": _("Description in Swedish"),
    "description_en": _("Description in English"),
    "name_fi": _("Name in Finnish"),
    "name_sv": _("Name in Swedish"),
    "name_en": _("Name in English"),
}


class ConsultationForm(forms.ModelForm):
    """The consultation's own fields; the service checks the rules between them."""

    class Meta:
        model = Consultation
        fields = list(CONSULTATION_FIELDS)
        labels = IN_LANGUAGE
        widgets = {
            "opens_at": DateTimeInput(),
            "closes_at": DateTimeInput(),
            "introduction_fi": forms.Textarea(attrs={"rows": 4}),
            "introduction_sv": forms.Textarea(attrs={"rows": 4}),
            "introduction_en": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The consultation must close after it opens."))
        return data


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = list(SECTION_FIELDS)
        labels = IN_LANGUAGE
        widgets = {
            "body_fi": forms.Textarea(attrs={"rows": 6}),
            "body_sv": forms.Textarea(attrs={"rows": 6}),
            "body_en": forms.Textarea(attrs={"rows": 6}),
        }


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines()]


LINE_LANGUAGES = ("fi", "sv", "en")


def _line_fields(labels: tuple, first_help) -> tuple:
    """Three textareas of texts one a line, in Finnish, Swedish and English: the items
    of a list (a poll's options, a feedback form's statements) in their languages."""
    same_order = _("In the same order as the Finnish ones; leave empty to show them in Finnish.")
    return tuple(
        forms.CharField(
            label=label,
            help_text=first_help if lang == "fi" else same_order,
            widget=forms.Textarea(attrs={"rows": 5}),
            required=False,
        )
        for lang, label in zip(LINE_LANGUAGES, labels, strict=True)
    )


def _lines_initial(prefix: str, items) -> dict:
    """The textareas of ``_line_fields`` filled from the items' ``text_<language>``."""
    return {
        f"{prefix}_{lang}": "\n".join(getattr(i, f"text_{lang}") or "" for i in items).rstrip("\n")
        for lang in LINE_LANGUAGES
    }


def _line_rows(data: dict, prefix: str) -> list[dict]:
    """The textareas back as one {language: text} per line; a line missing in one
    language is empty there."""
    columns = {lang: _lines(data[f"{prefix}_{lang}"]) for lang in LINE_LANGUAGES}
    length = max(len(column) for column in columns.values())
    return [
        {lang: (col[i] if i < len(col) else "") for lang, col in columns.items()}
        for i in range(length)
    ]


class PollForm(forms.Form):
    """A poll's question and its options, one option a line; the Swedish and English
    lines follow the Finnish ones in the same order."""

    question_fi = forms.CharField(label=_("Question in Finnish"), max_length=300)
    question_sv = forms.CharField(label=_("Question in Swedish"), max_length=300, required=False)
    question_en = forms.CharField(label=_("Question in English"), max_length=300, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Poll.Kind.choices, initial=Poll.Kind.SINGLE)
    options_fi, options_sv, options_en = _line_fields(
        (_("Options in Finnish"), _("Options in Swedish"), _("Options in English")),
        _("One option a line."),
    )

    @classmethod
    def initial_for(cls, poll: Poll) -> dict:
        options = list(poll.options.order_by("order", "pk"))
        initial = {
            "question_fi": poll.question_fi,
            "question_sv": poll.question_sv,
            "question_en": poll.question_en,
            "kind": poll.kind,
        }
        return {**initial, **_lines_initial("options", options)}

    def data_for_service(self) -> dict:
        data = self.cleaned_data
        # Empty Finnish lines are dropped with the other languages' lines at the same place.
        options = _line_rows(data, "options")
        return {
            "question_fi": data["question_fi"],
            "question_sv": data["question_sv"],
            "question_en": data["question_en"],
            "kind": data["kind"],
            "options": options,
        }


class MeasurementForm(forms.Form):
    measured_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    value = forms.DecimalField(label=_("Value"), max_digits=12, decimal_places=2)
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=300)


class GoalLinkForm(forms.Form):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes the goal answers"),
        queryset=Theme.objects.select_related("consultation").order_by("consultation", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    strategy_items = forms.ModelMultipleChoiceField(
        label=_("Strategy items the goal answers"),
        queryset=StrategyItem.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].label_from_instance = lambda t: f"{t.name} ({t.consultation.title})"


RATING_CHOICES = [(str(n), str(n)) for n in range(1, 6)]


class FeedbackAnswerForm(forms.Form):
    """A rating from 1 to 5 of each of the form's statements (``rating_<id>``) and the
    answer to the open question."""

    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": FEEDBACK_TEXT_MAX_LENGTH + 500}),
        required=False,
    )

    def __init__(self, *args, feedback_form=None, statements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.statements = list(statements)
        choose = _("Choose a rating from 1 to 5.")
        for statement in self.statements:
            field = forms.TypedChoiceField(
                label=statement.text,
                coerce=int,
                choices=RATING_CHOICES,
                widget=forms.RadioSelect,
                error_messages={"required": choose, "invalid_choice": choose},
            )
            self.fields[f"rating_{statement.pk}"] = field
        if feedback_form is not None:
            self.fields["text"].label = feedback_form.open_question
        # The open question comes after the statements.
        self.order_fields([name for name in self.fields if name != "text"] + ["text"])

    def rating_fields(self):
        """(statement, bound field) in the statements' order, for the template."""
        return [(s, self[f"rating_{s.pk}"]) for s in self.statements]

    def ratings(self) -> dict[int, int]:
        return {s.pk: self.cleaned_data.get(f"rating_{s.pk}") for s in self.statements}


def _event_label(event) -> str:
    if event.start is None:
        return event.name
    when = formats.date_format(timezone.localtime(event.start), "SHORT_DATE_FORMAT")
    return f"{event.name} ({when})"


class FeedbackFormForm(forms.Form):
    """A feedback form's own fields and its statements, one a line; the Swedish and
    English lines follow the Finnish ones in the same order (as a poll's options)."""

    title_fi = forms.CharField(label=_("Title in Finnish"), max_length=200)
    title_sv = forms.CharField(label=_("Title in Swedish"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    statements_fi, statements_sv, statements_en = _line_fields(
        (_("Statements in Finnish"), _("Statements in Swedish"), _("Statements in English")),
        _("One statement a line; people rate each from 1 to 5."),
    )
    open_question_fi = forms.CharField(label=_("Open question in Finnish"), max_length=300)
    open_question_sv = forms.CharField(
        label=_("Open question in Swedish"), max_length=300, required=False
    )
    open_question_en = forms.CharField(
        label=_("Open question in English"), max_length=300, required=False
    )
    place = forms.ModelChoiceField(
        label=_("Place"), queryset=Place.objects.order_by("name", "pk"), required=False
    )
    event = forms.ModelChoiceField(
        label=_("Event of the calendar"), queryset=Event.objects.none(), required=False
    )
    service = forms.CharField(
        label=_("Service"),
        help_text=_("For example the open meeting place, when no place or event fits."),
        max_length=200,
        required=False,
    )
    is_active = forms.BooleanField(label=_("Takes answers"), required=False, initial=True)

    def __init__(self, *args, feedback_form=None, **kwargs):
        if feedback_form is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(feedback_form)
        super().__init__(*args, **kwargs)
        # Events from three months back on, and the form's own event whenever it was.
        recent = Q(start__gte=clock.now() - timedelta(days=90))
        if feedback_form is not None and feedback_form.event_id:
            recent |= Q(pk=feedback_form.event_id)
        self.fields["event"].queryset = Event.objects.alive().filter(recent).order_by("start", "pk")
        self.fields["event"].label_from_instance = _event_label

    @staticmethod
    def initial_for(feedback_form) -> dict:
        statements = list(feedback_form.statements.all())
        initial = {
            name: getattr(feedback_form, name)
            for name in (
                "title_fi",
                "title_sv",
                "title_en",
                "open_question_fi",
                "open_question_sv",
                "open_question_en",
                "service",
                "is_active",
            )
        }
        initial["place"] = feedback_form.place_id
        initial["event"] = feedback_form.event_id
        return {**initial, **_lines_initial("statements", statements)}

    def data_for_service(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in FEEDBACK_FORM_FIELDS}
        return {**fields, "statements": _line_rows(data, "statements")}


class StatementIndicatorForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label=_("Indicator it feeds"),
        queryset=Indicator.objects.select_related("goal").order_by("goal", "order", "pk"),
        required=False,
        empty_label=_("(none)"),
    )

    def __init__(self, *args, indicator_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].label_from_instance = lambda i: f"{i.goal.title}: {i.name}"
        if indicator_choices is not None:
            # One list for every statement's form on the page, read once.
            self.fields["indicator"].choices = indicator_choices


def indicator_choices() -> list:
    field = StatementIndicatorForm.base_fields["indicator"]
    return [("", field.empty_label)] + [
        (i.pk, f"{i.goal.title}: {i.name}") for i in field.queryset.all()
    ]


class StatementMeasurementForm(forms.Form):
    starts_on = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ends_on = forms.DateField(
        label=_("Last day (the measurement's date)"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


# --- The participation model's staff forms -------------------------------------------------


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _description_widgets():
    return {f"description_{lang}": forms.Textarea(attrs={"rows": 3}) for lang in ("fi", "sv", "en")}


def _theme_field(label):
    field = forms.ModelMultipleChoiceField(
        label=label,
        queryset=Theme.objects.select_related("consultation").order_by("consultation", "name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    field.label_from_instance = lambda t: f"{t.name} ({t.consultation.title})"
    return field


class ModelFieldsForm(forms.Form):
    """A form with some fields of a model, each checked alone; the service checks the
    rules between them (and what the database's constraints say) and names the field
    with its own message. Unlike a ModelForm, nothing is checked against the model
    before the service runs."""

    model = None
    field_names: tuple = ()
    widgets: dict = {}
    help_texts: dict = {}

    def __init__(self, *args, instance=None, initial=None, **kwargs):
        self.instance = instance
        values = model_to_dict(instance, self.field_names) if instance is not None else {}
        super().__init__(*args, initial={**values, **(initial or {})}, **kwargs)
        declared = self.fields
        self.fields = {
            **forms.fields_for_model(
                self.model,
                fields=self.field_names,
                labels=IN_LANGUAGE,
                widgets=self.widgets,
                help_texts=self.help_texts,
            ),
            **declared,
        }


class StrategyItemForm(ModelFieldsForm):
    """A strategy item's texts and the themes it groups."""

    model = StrategyItem
    field_names = STRATEGY_ITEM_FIELDS
    widgets = _description_widgets()
    themes = _theme_field(_("Themes the strategy item groups"))


class GoalForm(ModelFieldsForm):
    model = Goal
    field_names = GOAL_FIELDS
    widgets = {
        **_description_widgets(),
        "starts_on": DateInput(),
        "ends_on": DateInput(),
        "progress_source": forms.RadioSelect,
    }
    themes = _theme_field(_("Themes the goal answers"))
    strategy_items = forms.ModelMultipleChoiceField(
        label=_("Strategy items the goal answers"),
        queryset=StrategyItem.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class IndicatorForm(ModelFieldsForm):
    model = Indicator
    field_names = INDICATOR_FIELDS
    direction = forms.ChoiceField(
        label=_("Direction"),
        choices=[
            (INCREASE, _("The value should increase")),
            (DECREASE, _("The value should decrease")),
        ],
        widget=forms.RadioSelect,
        help_text=_("Progress is counted from the baseline towards the target."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance is not None and instance.pk:
            self.initial.setdefault("direction", INCREASE if instance.increases else DECREASE)


class ActionForm(ModelFieldsForm):
    model = Action
    field_names = ACTION_FIELDS
    widgets = {**_description_widgets(), "starts_on": DateInput(), "ends_on": DateInput()}
    help_texts = {
        "weight": _(
            "How much the action counts in the progress of a goal measured by its "
            "actions, compared with the goal's other actions."
        ),
        "progress": _("0–100. A done action counts as 100 %."),
    }
    goals = forms.ModelMultipleChoiceField(
        label=_("Goals the action answers"),
        queryset=Goal.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = forms.ModelChoiceField(
            label=_("Responsible organisation"),
            queryset=Organisation.objects.order_by("name"),
            required=False,
        )
        # The service gives the message about the range.
        self.fields["progress"].validators = []
        self.order_fields(
            ["title_fi", "title_sv", "title_en", "description_fi", "description_sv"]
            + ["description_en", "goals"]
        )
