"""A person's own data: export it as JSON, and erase it on request (DESIGN.md §5).

This sits in yhteisokeskus/ because a person's data is spread over every app; each app
contributes a section (sections.py). Erasure anonymises rather than deletes what other
records need (a past booking stays the organisation's booking), and is refused while the
person has something still to come that staff would have to reach them about."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core import clock

from . import sections

ERASED = "[poistettu]"


class PrivacyError(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def personal_data(user) -> dict:
    """Everything the portal holds of the person, as plain JSON values."""
    data = {"exported_at": clock.now().isoformat()}
    for section in sections.SECTIONS:
        data[section.name] = section.export(user)
    return data


def erasure_blockers(user) -> list[str]:
    """Why the person's data cannot be erased yet (empty when it can)."""
    reasons = []
    for section in sections.SECTIONS:
        reasons.extend(section.blockers(user, clock.now()))
    return reasons


def unique_values(user) -> list[str]:
    """The values that identify the person, which no row may keep after erasure."""
    values = {user.email, user.username, user.first_name, user.last_name}
    for section in sections.SECTIONS:
        values.update(section.identifying_values(user))
    return sorted(v for v in values if v and len(v) >= 3)


@transaction.atomic
def person_erase(*, user) -> None:
    """Anonymise the person everywhere, or refuse with the reasons."""
    user = get_user_model().objects.select_for_update().get(pk=user.pk)
    reasons = erasure_blockers(user)
    if reasons:
        raise PrivacyError(
            _("Your data cannot be erased yet: %(reasons)s") % {"reasons": " ".join(reasons)}
        )
    values = unique_values(user)
    for section in sections.SECTIONS:
        section.erase(user)
    user.username = f"poistettu-{user.pk}"
    user.email = ""
    user.first_name = ""
    user.last_name = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    sections.scrub_logs(values, replacement=ERASED)
