"""Permission matrix rows: The Django admin: representative rows."""

from .base import STAFF_ADMIN, r

ROWS = [
    # The Django admin: representative rows ----------------------------------------------
    r("admin:index", expect=STAFF_ADMIN),
    # The admin login goes through the portal's own login; logged-in non-staff get 403.
    r("admin:login", expect="L 403 403 403 R"),
    r("admin:facilities_booking_changelist", expect=STAFF_ADMIN),
    r("admin:facilities_booking_change", "booking", expect=STAFF_ADMIN),
    r("admin:trainings_enrolment_change", "enrolment", expect=STAFF_ADMIN),
    r("admin:organisations_organisation_change", "org_a", expect=STAFF_ADMIN),
    r("admin:events_event_change", "draft_event", expect=STAFF_ADMIN),
]
