"""core.widgets: long selects rendered from cached plain rows."""

import re

from django import forms
from django.utils import translation

from core import pagecache
from core.widgets import LongSelect, cached_options, use_cached_options


def test_an_option_list_is_built_once_per_language_and_version():
    built = []

    def choices():
        built.append(translation.get_language())
        return [("1", "Yksi & kaksi"), ("2", "<b>")]

    with translation.override("fi"):
        first = cached_options("test:list", "test-area", choices)
        assert cached_options("test:list", "test-area", choices) == first
    with translation.override("sv"):
        cached_options("test:list", "test-area", choices)
    assert built == ["fi", "sv"]
    assert (
        first == '<option value="1">Yksi &amp; kaksi</option>\n<option value="2">&lt;b&gt;</option>'
    )

    pagecache.bump("test-area")
    with translation.override("fi"):
        cached_options("test:list", "test-area", choices)
    assert built == ["fi", "sv", "fi"]


OPTION = re.compile(r"<option[^>]*>[^<]*</option>")


class _Form(forms.Form):
    choice = forms.ChoiceField(choices=[("", "Any"), ("a", "A"), ("b", "B")], required=False)


def test_the_cached_select_renders_as_djangos_marking_the_chosen_or_the_empty_choice():
    for data, selected in (({}, ""), ({"choice": "b"}, "b")):
        plain = str(_Form(data)["choice"])
        form = _Form(data)
        field = form.fields["choice"]
        field.empty_label = "Any"
        use_cached_options(field, "test:choice", "test-area", lambda: [("a", "A"), ("b", "B")])
        cached = str(form["choice"])
        assert isinstance(form.fields["choice"].widget, LongSelect)
        assert f'<option value="{selected}" selected>' in cached
        assert OPTION.findall(cached) == OPTION.findall(plain)
