"""Feedback on a placement: the participant's and the supervisor's, at the middle and at
the end. Mid-term feedback from the start of the placement, final feedback from two
weeks before its end (or once it has ended); the participant gives theirs on their own
page, the supervisor on the attendance page. Staff read all of it on the staff page,
which is also what they pass on to the referring authority."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core import clock

from .errors import PlacementError
from .models import Feedback, Placement
from .selectors import own_placements, supervised_placements

# Final feedback opens this long before the placement's end.
FINAL_OPENS_BEFORE_END = timedelta(days=14)


def feedback_role(user, placement: Placement) -> str | None:
    """In which role ``user`` gives feedback on the placement: the participant (their
    own placement), the supervisor (a representative of the host, not staff), or None."""
    if own_placements(user).filter(pk=placement.pk).exists():
        return Feedback.Role.PARTICIPANT
    if (
        user
        and user.is_authenticated
        and not user.is_staff
        and supervised_placements(user).filter(pk=placement.pk).exists()
    ):
        return Feedback.Role.SUPERVISOR
    return None


def open_stages(placement: Placement) -> list[str]:
    """The stages whose feedback may be given today."""
    today = clock.today()
    if today < placement.start_date:
        return []
    stages = [Feedback.Stage.MIDTERM]
    if placement.status != Placement.Status.ACTIVE or (
        today >= placement.end_date - FINAL_OPENS_BEFORE_END
    ):
        stages.append(Feedback.Stage.FINAL)
    return stages


@transaction.atomic
def feedback_give(
    *,
    actor,
    placement: Placement,
    stage: str,
    goals_met: int,
    tasks_suited: int,
    guidance: int,
    text: str = "",
) -> Feedback:
    """Save the actor's feedback of a stage; giving it again corrects it."""
    role = feedback_role(actor, placement)
    if role is None:
        raise PermissionDenied
    if stage not in Feedback.Stage.values:
        raise PlacementError(_("Choose mid-term or final feedback."), field="stage")
    if clock.today() < placement.start_date:
        raise PlacementError(
            _("Feedback can be given once the placement has started."), field="stage"
        )
    if stage not in open_stages(placement):
        raise PlacementError(
            _("Final feedback can be given from two weeks before the end."), field="stage"
        )
    ratings = {"goals_met": goals_met, "tasks_suited": tasks_suited, "guidance": guidance}
    for field, value in ratings.items():
        if value not in Feedback.Rating.values:
            raise PlacementError(_("Choose an answer."), field=field)
    feedback, _created = Feedback.objects.update_or_create(
        placement=placement,
        role=role,
        stage=stage,
        defaults={**ratings, "text": (text or "").strip(), "author": actor},
    )
    return feedback
