"""Every UI string is translated into fi, sv and en: no untranslated or fuzzy entries,
the same placeholders in each translation, and no string in the code that is missing
from the catalogues."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

BASE_DIR = Path(settings.BASE_DIR)
LANGUAGES = [code for code, _ in settings.LANGUAGES]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


def _catalogue(code):
    path = BASE_DIR / "locale" / code / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"{path.relative_to(BASE_DIR)} is missing"
    return polib.pofile(str(path))


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_is_complete(code):
    po = _catalogue(code)
    untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"{code}: untranslated: {untranslated[:20]}"
    assert not fuzzy, f"{code}: fuzzy: {fuzzy[:20]}"
    assert len(po) > 50


@pytest.mark.parametrize("code", LANGUAGES)
def test_translations_keep_their_placeholders(code):
    wrong = []
    for entry in _catalogue(code).translated_entries():
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural:
            forms = entry.msgstr_plural.values()
        else:
            forms = [entry.msgstr]
        for form in forms:
            # A plural form may leave out the count ("one association").
            found = sorted(PLACEHOLDER.findall(form))
            if found != expected and not (entry.msgid_plural and set(found) <= set(expected)):
                wrong.append((entry.msgid, form))
    assert not wrong, f"{code}: placeholders differ: {wrong[:10]}"


def test_finnish_and_swedish_are_real_translations():
    with translation.override("fi"):
        assert translation.gettext("Skip to main content") != "Skip to main content"
    with translation.override("sv"):
        assert translation.gettext("Skip to main content") != "Skip to main content"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_catalogues_contain_every_string_in_the_code(tmp_path):
    """Extracts the strings again into a copy and compares the message ids."""
    copy = tmp_path / "project"
    shutil.copytree(
        BASE_DIR,
        copy,
        ignore=shutil.ignore_patterns(".venv", "var", ".git", "test-artifacts", "node_modules"),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "fi",
            "--no-obsolete",
            "--ignore",
            "tests/*",
            "--ignore",
            "bench/*",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale/fi/LC_MESSAGES/django.po"))}
    current = {e.msgid for e in _catalogue("fi")}
    missing = sorted(fresh - current)
    assert not missing, f"Run `make messages` and translate: {missing[:20]}"


def test_django_strings_missing_upstream_are_translated_here():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for code in ("fi", "sv"):
        with translation.override(code), pytest.raises(ValidationError) as raised:
            validate_password("a1")
        assert not any(m.startswith("This password is too short") for m in raised.value.messages)
