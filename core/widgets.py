"""Form widgets shared by the apps, and the option lists of long selects kept in the
shared cache."""

from collections.abc import Callable, Iterable

from django import forms
from django.core.cache import cache
from django.db.models import CharField, ExpressionWrapper, QuerySet
from django.forms.utils import flatatt
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core import pagecache

# An option list is kept under its area's page-cache version (a saved row of the area
# shows at once) and at most this long (for rows changed by bulk updates).
OPTIONS_SECONDS = 300


def options_html(choices) -> str:
    """The <option> elements of (value, label) pairs, none selected."""
    return "\n".join(
        f'<option value="{escape(value)}">{escape(label)}</option>' for value, label in choices
    )


def plain_choices(queryset: QuerySet, value_field: str, label) -> list[tuple[str, str]]:
    """(value, label) pairs read as plain rows, without building model instances;
    ``label`` is a field name or an expression (such as ``core.i18n.localized("name")``)."""
    if not isinstance(label, str):
        queryset = queryset.annotate(
            option_label=ExpressionWrapper(label, output_field=CharField())
        )
        label = "option_label"
    return [(str(value), text or "") for value, text in queryset.values_list(value_field, label)]


def cached_options(name: str, area: str, choices: Callable[[], Iterable[tuple[str, str]]]) -> str:
    """The <option> list of ``choices()`` in the current language, built once per
    language and version of ``area`` (core.pagecache) and kept in the shared cache."""
    language = translation.get_language() or "fi"
    return cache.get_or_set(
        f"options:{name}:{pagecache.version(area)}:{language}",
        lambda: options_html(choices()),
        OPTIONS_SECONDS,
    )


class LongSelect(forms.Select):
    """A select for long option lists (the calendar's organisers: thousands). Django's
    Select renders every option through a template, which took hundreds of
    milliseconds for such a list. This one writes the same markup with one join, or
    takes ``rendered_options`` (``options_html`` of its choices, cached by the caller)
    and only marks the chosen value. No option groups."""

    rendered_options: str | None = None
    # Gives rendered_options when the select is rendered (not when a form is only
    # validated, as by the API's filters).
    options_source: Callable[[], str] | None = None
    empty_label: str | None = None

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        options = self.rendered_options
        if options is None and self.options_source is not None:
            options = self.options_source()
        if options is None:
            options = options_html((str(v or ""), label) for v, label in self.choices)
        elif self.empty_label is not None:
            options = f'<option value="">{escape(self.empty_label)}</option>\n{options}'
        # As Django's Select: the chosen value is marked, or else the empty choice.
        for chosen in [v for v in self.format_value(value) if v] or [""]:
            plain = f'<option value="{escape(chosen)}">'
            options = options.replace(plain, plain[:-1] + " selected>", 1)
        return mark_safe(f"<select{flatatt(final_attrs)}>\n{options}\n</select>")


def use_cached_options(
    field: forms.Field, name: str, area: str, choices: Callable[[], Iterable[tuple[str, str]]]
) -> None:
    """Render a (model) choice field's select from the cached option list instead of
    building its rows and rendering each option through a template (read when the
    select is rendered). The field still
    checks a chosen value against its queryset (one query, only when one is sent).
    ``choices()`` must give the same values as the field's own choices, in order."""
    widget = field.widget
    if not isinstance(widget, LongSelect):
        widget = LongSelect(attrs=widget.attrs)
        widget.is_required = field.required
        field.widget = widget
    widget.options_source = lambda: cached_options(name, area, choices)
    widget.empty_label = getattr(field, "empty_label", None)
