"""The filters a list page is narrowed by, as chips that each remove one of them: shown
above the results on every width, so a narrowed list always says so. Read from the
request's query string and the filter form; no query beyond those the form already made
(a chosen model's name comes from the form's cleaned value)."""

from dataclasses import dataclass
from datetime import date

from django import forms
from django.http import QueryDict
from django.utils.formats import date_format

# Never filters: the page number and the month view's month.
NOT_FILTERS = ("page", "month")


@dataclass(frozen=True)
class Chip:
    label: str  # the filter, as its field is labelled
    value: str  # what is chosen, in words ("" for a tick box)
    remove: str  # the page's query string without this choice, from "?"


def _words(field: forms.Field, cleaned, raw: str) -> str:
    if isinstance(field.widget, forms.CheckboxInput):
        return ""
    if isinstance(field, forms.ModelChoiceField) and cleaned is not None:
        return str(cleaned)
    if isinstance(field, forms.ChoiceField):
        for value, name in field.choices:
            if str(value) == raw:
                return str(name)
        return raw
    if isinstance(field.widget, forms.DateInput):
        try:
            return date_format(date.fromisoformat(raw), "SHORT_DATE_FORMAT")
        except ValueError:
            return raw
    return f"“{raw}”"


def _without(query: QueryDict, name: str, raw: str | None, ignore) -> str:
    rest = query.copy()
    for other in (*ignore, "page"):
        rest.pop(other, None)
    if raw is None:
        rest.pop(name, None)
    else:
        rest.setlist(name, [value for value in rest.getlist(name) if value != raw])
    encoded = rest.urlencode()
    return f"?{encoded}" if encoded else "?"


def active_filters(form: forms.Form, query: QueryDict, ignore=()) -> list[Chip]:
    """One chip per chosen value of the form's fields in ``query``; the names in
    ``ignore`` are left out (and dropped from the chips' links)."""
    cleaned = getattr(form, "cleaned_data", None) or {}
    chips = []
    for name, field in form.fields.items():
        if name in ignore or name in NOT_FILTERS:
            continue
        values = [value for value in query.getlist(name) if value.strip()]
        if not values:
            continue
        label = str(field.label or name)
        if isinstance(field.widget, forms.CheckboxInput):
            if name in cleaned and not cleaned[name]:
                continue
            chips.append(Chip(label, "", _without(query, name, None, ignore)))
            continue
        multiple = isinstance(field, forms.MultipleChoiceField)
        for raw in values if multiple else values[:1]:
            words = _words(field, None if multiple else cleaned.get(name), raw)
            chips.append(
                Chip(label, words, _without(query, name, raw if multiple else None, ignore))
            )
    return chips
