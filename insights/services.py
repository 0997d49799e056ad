"""Use cases of insights started from the pages: writing an interpretation (staff, and
representatives' drafts) and asking for a municipality's knowledge summary. (Imports
are in importers/, uploads of own values in uploads.py.)"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core import reports as pipeline
from core.access import is_staff
from core.clock import today

from . import selectors
from .importers import InsightsError
from .models import Interpretation, KnowledgeSummary


def _require_staff(actor):
    if not is_staff(actor):
        raise PermissionDenied


@transaction.atomic
def interpretation_save(*, actor, interpretation: Interpretation) -> Interpretation:
    """Save a new or edited interpretation. Staff write, edit and publish any; an
    organisation's approved representative writes drafts and edits their own drafts,
    never publishes (staff do) and never touches another's or a published one. It is
    about an indicator the centre follows or a theme, its years run forwards, and its
    Finnish text is given; a new one gets its author."""
    if not is_staff(actor):
        if not selectors.may_propose_interpretations(actor):
            raise PermissionDenied
        if interpretation.pk is not None and not (
            Interpretation.objects.select_for_update()
            .filter(pk=interpretation.pk, author=actor, published=False)
            .exists()
        ):
            raise PermissionDenied
        interpretation.published = False
    if interpretation.indicator_id is None and not interpretation.theme:
        raise InsightsError(_("Choose an indicator or a theme."), field="indicator")
    if interpretation.indicator is not None and not interpretation.indicator.followed:
        raise InsightsError(_("The centre does not follow this indicator."), field="indicator")
    first, last = interpretation.year_from, interpretation.year_to
    if first is not None and last is not None and first > last:
        raise InsightsError(
            _("The years run backwards: the first is after the last."), field="year_to"
        )
    if not (interpretation.text_fi or "").strip():
        raise InsightsError(_("Write the interpretation in Finnish."), field="text_fi")
    if interpretation.pk is None:
        interpretation.author = actor
    interpretation.written_on = interpretation.written_on or today()
    interpretation.save()
    return interpretation


def summary_request(*, actor, municipality, language: str) -> KnowledgeSummary:
    """Ask for the municipality's knowledge summary (PDF) to be built in the
    background (staff only)."""
    _require_staff(actor)
    return pipeline.report_request(
        KnowledgeSummary, municipality=municipality, language=language, requested_by=actor
    )
