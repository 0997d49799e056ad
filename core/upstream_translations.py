"""Strings of Django whose Finnish translation is missing upstream. Listing them here
puts them in the project's catalogue, which takes precedence (LOCALE_PATHS), so a
Finnish page never shows them in English."""

from django.utils.translation import gettext_lazy, ngettext_lazy

MISSING_UPSTREAM = [
    # django.contrib.auth.password_validation.MinimumLengthValidator
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    # django.db.models.fields.related.ForeignKey.validate
    gettext_lazy("%(model)s instance with %(field)s %(value)r is not a valid choice."),
]
