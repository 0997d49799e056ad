"""Form widgets shared by the apps."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe


def options_html(choices) -> str:
    """The <option> elements of (value, label) pairs, none selected."""
    return "\n".join(
        f'<option value="{escape(value)}">{escape(label)}</option>' for value, label in choices
    )


class LongSelect(forms.Select):
    """A select for long option lists (the calendar's organisers: thousands). Django's
    Select renders every option through a template, which took hundreds of
    milliseconds for such a list. This one writes the same markup with one join, or
    takes ``rendered_options`` (``options_html`` of its choices, cached by the caller)
    and only marks the chosen value. No option groups."""

    rendered_options: str | None = None
    empty_label: str | None = None

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        options = self.rendered_options
        if options is None:
            options = options_html((str(v or ""), label) for v, label in self.choices)
        elif self.empty_label is not None:
            options = f'<option value="">{escape(self.empty_label)}</option>\n{options}'
        for chosen in self.format_value(value):
            if chosen:
                plain = f'<option value="{escape(chosen)}">'
                options = options.replace(plain, plain[:-1] + " selected>", 1)
        return mark_safe(f"<select{flatatt(final_attrs)}>\n{options}\n</select>")
