"""Translated (modeltranslation) fields in queries."""

from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation


def localized(field: str = "name"):
    """``field`` in the current language, falling back to Finnish (for ordering)."""
    language = (translation.get_language() or "fi")[:2]
    if language not in ("sv", "en"):
        return F(f"{field}_fi")
    return Coalesce(NullIf(f"{field}_{language}", Value("")), f"{field}_fi")
