"""One row per URL: how to build it from the world, the method, and what each role gets.

An expectation is five tokens, one per role in the order of ROLES (anonymous, person,
A's representative, B's representative, staff):
  a number  the status code (200, 400, 401, 403, 404, 405);
  L         302 to the login page (/accounts/login/);
  AL        302 to the admin login page (the Django admin only);
  R         302 somewhere else (a form that was handled and redirects).

A staff page (guarded by core.access.staff_required) is a `staff` row: anonymous → L,
everybody signed in but staff → 404, staff → what the page answers them.
"""

from dataclasses import dataclass, field

from django.urls import reverse

from .world import ROLES


@dataclass(frozen=True)
class Row:
    name: str  # the URL name (with namespace), or the pattern of an unnamed URL
    args: tuple = ()  # names of world objects (their pk) or literal strings
    expect: str = ""
    method: str = "get"
    label: str = ""  # distinguishes rows of the same name
    data: dict = field(default_factory=dict)
    # (world object, attribute) that a refused request must leave as it was
    watch: tuple = ()
    staff_only: bool = False  # a staff page: see staff()

    @property
    def id(self) -> str:
        return f"{self.name}{'[' + self.label + ']' if self.label else ''}-{self.method}"

    def expected(self) -> dict:
        tokens = self.expect.split()
        assert len(tokens) == len(ROLES), self
        return dict(zip(ROLES, tokens, strict=True))

    def url(self, world) -> str:
        if self.name.startswith("/"):
            return self.name.format(**{k: world.objects[k].pk for k in self.args})
        args = [getattr(world.objects.get(a, a), "pk", world.objects.get(a, a)) for a in self.args]
        return reverse(self.name, args=args or None)


def r(name, args=(), expect="", **kwargs):
    if isinstance(args, str):
        args = (args,)
    return Row(name=name, args=tuple(args), expect=expect, **kwargs)


def staff(name, args=(), ok="200", **kwargs):
    """A staff page: anonymous → login, anybody else signed in → 404, staff → `ok`."""
    return r(name, args, expect=f"L 404 404 404 {ok}", staff_only=True, **kwargs)


PUBLIC = "200 200 200 200 200"
LOGIN_ANY = "L 200 200 200 200"
STAFF_ADMIN = "AL AL AL AL 200"  # the Django admin

ROWS = [
    # The site itself ----------------------------------------------------------------------
    r("home", expect=PUBLIC),
    r("accessibility", expect=PUBLIC),
    r("privacy", expect=PUBLIC),
    r("healthz", expect=PUBLIC),
    r("readyz", expect=PUBLIC),
    r("centre_css", expect=PUBLIC),
    r("set_language", expect="R R R R R", method="post", data={"language": "en"}),
    r("public_media", ["rooms/ei-ole.jpg"], expect="404 404 404 404 404"),
    staff("network_view", "org_a"),
    r("privacy:my_data", expect=LOGIN_ANY),
    r("privacy:download", expect=LOGIN_ANY),
    r("privacy:erase", expect="L 405 405 405 405"),
    r("privacy:erase", expect="L 200 200 200 200", method="post"),
    # The API ------------------------------------------------------------------------------
    r("api-schema", expect=PUBLIC),
    r("api-root", expect=PUBLIC),
    r("organisation-list", expect=PUBLIC),
    r("organisation-detail", "org_a", expect=PUBLIC),
    r("room-list", expect=PUBLIC),
    r("room-detail", "room", expect=PUBLIC),
    r("room-availability", "room", expect=PUBLIC),
    r("event-list", expect=PUBLIC),
    r("event-detail", "event", expect=PUBLIC),
    r("event-detail", "draft_event", expect="404 404 404 404 404", label="draft"),
    r("training-list", expect=PUBLIC),
    r("training-detail", "training", expect=PUBLIC),
    r("training-enrolments", "training", expect="403 200 200 200 200"),
    r("booking-list", expect="403 200 200 200 200"),
    r("booking-detail", "booking", expect="403 404 200 404 200"),
    r("booking-list", expect="403 400 400 400 400", method="post", label="create"),
    r(
        "booking-cancel",
        "booking",
        expect="403 404 200 404 200",
        method="post",
        watch=("booking", "status"),
    ),
    r(
        "training-enrolments",
        "training",
        expect="403 400 400 400 400",
        method="post",
        label="create",
    ),
    r("organisation-list", expect="405 405 405 405 405", method="post", label="create"),
    r("organisation-detail", "org_a", expect="405 405 405 405 405", method="post", label="update"),
    r("event-list", expect="405 405 405 405 405", method="post", label="create"),
    r("room-list", expect="405 405 405 405 405", method="post", label="create"),
    r("training-list", expect="405 405 405 405 405", method="post", label="create"),
    # Organisations ------------------------------------------------------------------------
    r("organisations:directory", expect=PUBLIC),
    r("organisations:detail", "org_a", expect=PUBLIC),
    staff("organisations:export_csv"),
    r("organisations:membership_apply", expect=LOGIN_ANY),
    r("organisations:membership_apply", expect=LOGIN_ANY, method="post"),
    r("organisations:representative_request", expect=LOGIN_ANY),
    r("organisations:representative_request", expect=LOGIN_ANY, method="post"),
    r("organisations:my_organisations", expect=LOGIN_ANY),
    r("organisations:organisation_edit", "org_a", expect="L 404 200 404 200"),
    r(
        "organisations:organisation_edit",
        "org_a",
        expect="L 404 200 404 200",
        method="post",
        watch=("org_a", "name_fi"),
    ),
    r(
        "organisations:representative_approve",
        "pending_rep",
        expect="L 404 R 404 R",
        method="post",
        watch=("pending_rep", "status"),
    ),
    r(
        "organisations:representative_decline",
        "pending_rep",
        expect="L 404 R 404 R",
        method="post",
        watch=("pending_rep", "status"),
    ),
    staff("organisations:partnership_list"),
    staff("organisations:partnership_export_csv"),
    staff("organisations:partnership_create"),
    staff("organisations:partnership_create", method="post"),
    staff("organisations:partnership_detail", "partnership"),
    staff("organisations:document_download", "document"),
    staff("organisations:group_list"),
    staff("organisations:group_detail", "group"),
    staff("organisations:meeting_invite", "meeting", ok="R", method="post"),
    r("organisations:my_groups", expect=LOGIN_ANY),
    r("organisations:meeting_file", ["meeting", "agenda"], expect="L 404 200 404 200"),
    # Facilities ---------------------------------------------------------------------------
    r("facilities:room_list", expect=PUBLIC),
    r("facilities:room_detail", "room", expect=PUBLIC),
    r("facilities:booking_create", "room", expect=LOGIN_ANY),
    r("facilities:booking_create", "room", expect=LOGIN_ANY, method="post"),
    r("facilities:my_bookings", expect=LOGIN_ANY),
    r("facilities:booking_detail", "booking", expect="L 404 200 404 200"),
    r("facilities:booking_ics", "booking", expect="L 404 200 404 200"),
    r(
        "facilities:booking_cancel",
        "booking",
        expect="L 404 200 404 200",
        method="post",
        label="ask",
        data={"ask": "1"},
        watch=("booking", "status"),
    ),
    r(
        "facilities:booking_cancel",
        "booking",
        expect="L 404 R 404 R",
        method="post",
        watch=("booking", "status"),
    ),
    staff("facilities:booking_queue"),
    staff(
        "facilities:booking_approve",
        "pending_booking",
        ok="R",
        method="post",
        watch=("pending_booking", "status"),
    ),
    staff(
        "facilities:booking_reject",
        "pending_booking",
        ok="R",
        method="post",
        watch=("pending_booking", "status"),
    ),
    r("facilities:booking_feed", "feed_token", expect=PUBLIC),
    r("facilities:booking_feed", ["ei-tunnettu"], expect="404 404 404 404 404", label="unknown"),
    r("facilities:reports", expect=LOGIN_ANY),
    r("facilities:report_detail", "report", expect="L 404 200 404 200"),
    r("facilities:report_download", "report", expect="L 404 200 404 200"),
    staff("facilities:meeting_schedule", "group"),
    staff("facilities:meeting_schedule", "group", ok="400", method="post"),
    # Pilots -------------------------------------------------------------------------------
    r("pilots:list", expect=PUBLIC),
    r("pilots:detail", "public_pilot", expect=PUBLIC),
    # A pilot that is not public has no public page, even for its partners and staff
    # (staff see it under henkilokunta/).
    r("pilots:detail", "pilot", expect="404 404 404 404 404", label="private"),
    r("pilots:measurement_pilots", expect=LOGIN_ANY),
    r("pilots:measurement_create", "pilot", expect="L 404 200 404 200"),
    r("pilots:measurement_create", "pilot", expect="L 404 400 404 400", method="post"),
    staff("pilots:staff_list"),
    staff("pilots:staff_detail", "pilot"),
    staff(
        "pilots:transition",
        "pilot",
        ok="400",
        method="post",
        watch=("pilot", "status"),
    ),
    staff("pilots:evaluation", "pilot"),
    staff("pilots:evaluation", "pilot", method="post"),
    staff("pilots:report_request", "pilot", ok="R", method="post"),
    staff("pilots:report_detail", "pilot_report"),
    staff("pilots:report_download", "pilot_report"),
    # Placements ---------------------------------------------------------------------------
    r("placements:hosts", expect=PUBLIC),
    r("placements:supervised", expect=LOGIN_ANY),
    # Only the host's representatives (the supervisors) and staff; anybody else 404.
    r("placements:attendance", "placement", expect="L 404 200 404 200"),
    r("placements:attendance", "placement", expect="L 404 400 404 400", method="post"),
    staff("placements:staff_list"),
    staff("placements:staff_detail", "placement"),
    staff("placements:create"),
    staff("placements:create", ok="400", method="post"),
    staff("placements:participant_create"),
    staff("placements:participant_create", ok="400", method="post"),
    staff("placements:reports"),
    staff("placements:reports", ok="400", method="post"),
    staff("placements:report_detail", "attendance_report"),
    staff("placements:report_download", "attendance_report"),
    # The staff dashboard and the annual report ----------------------------------------------
    staff("dashboard:dashboard"),
    staff("dashboard:annual_start", ok="R", method="post", data={"year": "2025"}),
    staff("dashboard:pilot_start", ok="400", method="post"),
    staff("dashboard:annual_report", "annual_report"),
    staff("dashboard:annual_download", "annual_report"),
    # Events -------------------------------------------------------------------------------
    r("events:list", expect=PUBLIC),
    r("events:calendar", expect=PUBLIC),
    r("events:detail", "event", expect=PUBLIC),
    # The public page shows published events only; drafts are seen through edit.
    r("events:detail", "draft_event", expect="404 404 404 404 404", label="draft"),
    r("events:detail_ics", "event", expect=PUBLIC),
    r("events:feed_ics", expect=PUBLIC),
    r("events:feed_rss", expect=PUBLIC),
    r("events:feed_atom", expect=PUBLIC),
    # The Linked Events node: public and read-only, the same for everyone.
    r("linkedevents:event-list", expect=PUBLIC),
    r("linkedevents:event-detail", ["yhteisokeskus:999999"], expect="404 404 404 404 404"),
    r("linkedevents:event-list", expect="405 405 405 405 405", method="post"),
    r("linkedevents:place-list", expect=PUBLIC),
    r("linkedevents:place-detail", ["yhteisokeskus:internet"], expect=PUBLIC),
    r("linkedevents:keyword-list", expect=PUBLIC),
    r("linkedevents:keyword-detail", ["yso:p0"], expect="404 404 404 404 404"),
    r("linkedevents:language-list", expect=PUBLIC),
    r("linkedevents:language-detail", ["fi"], expect=PUBLIC),
    r("linkedevents:search", expect="400 400 400 400 400"),
    r("events:my_events", expect=LOGIN_ANY),
    r("events:create", expect=LOGIN_ANY),
    r("events:create", expect=LOGIN_ANY, method="post"),
    r("events:edit", "draft_event", expect="L 404 200 404 200"),
    r(
        "events:edit",
        "draft_event",
        expect="L 404 200 404 200",
        method="post",
        watch=("draft_event", "name_fi"),
    ),
    r(
        "events:submit",
        "draft_event",
        expect="L 404 R 404 R",
        method="post",
        watch=("draft_event", "publication"),
    ),
    r(
        "events:delete",
        "draft_event",
        expect="L 404 R 404 R",
        method="post",
        watch=("draft_event", "deleted_at"),
    ),
    r("events:edit", "submitted_event", expect="L 404 200 404 200", label="submitted"),
    # The public page before publishing: staff and the organisation's representatives.
    r("events:preview", "submitted_event", expect="L 404 200 404 200"),
    r("events:preview", "draft_event", expect="L 404 200 404 200", label="draft"),
    r("events:preview", "submitted_event", expect="L 405 405 405 405", method="post"),
    r(
        "events:unsubmit",
        "submitted_event",
        expect="L 404 R 404 R",
        method="post",
        watch=("submitted_event", "publication"),
    ),
    staff("events:moderation_queue"),
    staff(
        "events:publish",
        "submitted_event",
        ok="R",
        method="post",
        watch=("submitted_event", "publication"),
    ),
    staff(
        "events:return",
        "submitted_event",
        ok="R",
        method="post",
        watch=("submitted_event", "publication"),
    ),
    staff(
        "events:publish_many",
        ok="R",
        method="post",
        watch=("submitted_event", "publication"),
    ),
    staff("events:trust", "org_a", ok="R", method="post"),
    # Trainings ----------------------------------------------------------------------------
    r("trainings:catalogue", expect=PUBLIC),
    r("trainings:detail", "training", expect=PUBLIC),
    r("trainings:enrol", "training", expect="L 400 400 400 400", method="post"),
    r("trainings:my_enrolments", expect=LOGIN_ANY),
    r(
        "trainings:enrolment_cancel",
        "enrolment",
        expect="L 404 R 404 R",
        method="post",
        watch=("enrolment", "status"),
    ),
    r(
        "trainings:offer_accept",
        "offer",
        expect="L 404 R 404 R",
        method="post",
        watch=("offer", "status"),
    ),
    r("trainings:feedback", "enrolment", expect="L 404 200 404 404"),
    r("trainings:feedback", "enrolment", expect="L 404 200 404 404", method="post"),
    r("trainings:certificate", "enrolment", expect="L 404 200 404 404"),
    staff("trainings:certificate_issue", "enrolment", ok="R", method="post"),
    # Staff, or a trainer of the training (none in the world): each page checks itself.
    r("trainings:staff_list", expect="L 404 404 404 200"),
    staff("trainings:manage", "training"),
    staff("trainings:session_add", "training", ok="400", method="post"),
    staff(
        "trainings:training_action",
        "training",
        ok="R",
        method="post",
        data={"action": "cancel"},
        watch=("training", "status"),
    ),
    staff("trainings:feedback_summary", "training"),
    staff("trainings:report", ["training", "participants", "csv"]),
    r("trainings:attendance", "session", expect="L 404 404 404 200"),
    r("trainings:attendance", "session", expect="L 404 404 404 R", method="post"),
    r("trainings:attendance_print", "session", expect="L 404 404 404 200"),
    # Grants -------------------------------------------------------------------------------
    r("grants:call_list", expect=PUBLIC),
    r("grants:call_detail", "grant_call", expect=PUBLIC),
    r("grants:call_detail", "grant_past", expect=PUBLIC, label="past"),
    r("grants:my_applications", expect=LOGIN_ANY),
    # Applying is for representatives; staff represent no organisation in the world.
    r("grants:application_create", "grant_call", expect="L 404 200 200 404"),
    r("grants:application_create", "grant_call", expect="L 404 400 400 404", method="post"),
    r("grants:application_detail", "grant_draft", expect="L 404 200 404 200"),
    r(
        "grants:application_detail",
        "grant_draft",
        expect="L 404 400 404 400",
        method="post",
        watch=("grant_draft", "project_name"),
    ),
    r(
        "grants:application_submit",
        "grant_draft",
        expect="L 404 R 404 R",
        method="post",
        watch=("grant_draft", "status"),
    ),
    r(
        "grants:application_withdraw",
        "grant_draft",
        expect="L 404 R 404 R",
        method="post",
        watch=("grant_draft", "status"),
    ),
    r("grants:attachment_add", "grant_draft", expect="L 404 400 404 400", method="post"),
    r(
        "grants:attachment_download",
        ["grant_draft", "grant_attachment"],
        expect="L 404 200 404 200",
    ),
    r("grants:letter_download", "grant_decided", expect="L 404 200 404 200"),
    r("grants:report_create", "grant_decided", expect="L 404 200 404 200"),
    r("grants:report_create", "grant_decided", expect="L 404 400 404 400", method="post"),
    r("grants:change_request", "grant_decided", expect="L 404 400 404 400", method="post"),
    # The person reviews the open call; nobody else does.
    r("grants:review_list", expect=LOGIN_ANY),
    r("grants:review", "grant_submitted", expect="L 200 404 404 404"),
    r("grants:review", "grant_submitted", expect="L 400 404 404 404", method="post"),
    r("grants:conflict", "grant_submitted", expect="L 400 404 404 404", method="post"),
    staff("grants:staff_calls"),
    staff("grants:staff_call", "grant_call"),
    staff("grants:reviewer_assign", "grant_call", ok="400", method="post"),
    staff(
        "grants:criteria_action",
        ["grant_criteria", "publish"],
        ok="R",
        method="post",
        watch=("grant_criteria", "status"),
    ),
    # Drafting criteria (the past call has a draft version 2: a new draft is refused)
    staff("grants:criteria_create", "grant_past", ok="R", method="post"),
    staff("grants:criterion_add", "grant_criteria_draft"),
    staff("grants:criterion_add", "grant_criteria_draft", ok="400", method="post"),
    staff("grants:criterion_edit", "grant_criterion_draft"),
    staff(
        "grants:criterion_edit",
        "grant_criterion_draft",
        ok="400",
        method="post",
        watch=("grant_criterion_draft", "name_fi"),
    ),
    staff(
        "grants:criterion_delete",
        "grant_criterion_draft",
        ok="R",
        method="post",
        watch=("grant_criterion_draft", "weight"),
    ),
    staff("grants:decisions", "grant_past"),
    staff("grants:decisions", "grant_past", ok="400", method="post"),
    staff("grants:export", ["grant_past", "csv"]),
    staff("grants:payment_list", "grant_past"),
    staff("grants:summary_start", "grant_past", ok="R", method="post"),
    staff("grants:summary_detail", "grant_summary"),
    staff("grants:summary_download", "grant_summary"),
    staff("grants:staff_application", "grant_decided"),
    staff(
        "grants:application_return",
        "grant_submitted",
        ok="400",
        method="post",
        watch=("grant_submitted", "status"),
    ),
    staff("grants:proposal", "grant_submitted", ok="R", method="post"),
    staff("grants:payment_add", "grant_decided", ok="400", method="post"),
    staff(
        "grants:payment_paid",
        "grant_payment",
        ok="R",
        method="post",
        watch=("grant_payment", "paid_on"),
    ),
    staff(
        "grants:report_check",
        "grant_report",
        ok="R",
        method="post",
        watch=("grant_report", "status"),
    ),
    staff(
        "grants:change_decide",
        "grant_change",
        ok="R",
        method="post",
        watch=("grant_change", "status"),
    ),
    # The grants API
    r("grant-call-list", expect=PUBLIC),
    r("grant-call-detail", "grant_call", expect=PUBLIC),
    r("grant-call-list", expect="405 405 405 405 405", method="post", label="create"),
    r("grant-call-ranking", "grant_past", expect="403 404 404 404 200"),
    r("grant-application-list", expect="403 200 200 200 200"),
    r("grant-application-list", expect="403 400 400 400 400", method="post", label="create"),
    r("grant-application-detail", "grant_draft", expect="403 404 200 404 200"),
    r(
        "grant-application-detail",
        "grant_draft",
        expect="403 405 405 405 405",
        method="post",
        label="update",
    ),
    r("grant-application-reviews", "grant_submitted", expect="403 404 404 404 200"),
    r("grant-application-attachments", "grant_draft", expect="403 404 200 404 200"),
    r(
        "grant-application-attachments",
        "grant_draft",
        expect="403 404 400 404 400",
        method="post",
        label="upload",
    ),
    r(
        "grant-application-attachment",
        ["grant_draft", "grant_attachment"],
        expect="403 404 200 404 200",
    ),
    # News and newsletters -----------------------------------------------------------------
    r("newsletters:news_list", expect=PUBLIC),
    r("newsletters:news_detail", "news", expect=PUBLIC),
    r("newsletters:news_rss", expect=PUBLIC),
    r("newsletters:news_atom", expect=PUBLIC),
    r("newsletters:subscribe", expect=PUBLIC),
    # Without an address the form answers with its errors, and nothing is saved.
    r("newsletters:subscribe", expect=PUBLIC, method="post"),
    r("newsletters:subscribe_sent", expect=PUBLIC),
    r("newsletters:confirm", "confirm_token", expect=PUBLIC),
    r("newsletters:confirm", "confirm_token", expect="R R R R R", method="post"),
    r("newsletters:confirm", "not-a-token", expect="404 404 404 404 404", label="tampered"),
    r("newsletters:preferences", "preferences_token", expect=PUBLIC),
    r("newsletters:preferences", "not-a-token", expect="404 404 404 404 404", label="tampered"),
    r("newsletters:unsubscribe", "unsubscribe_token", expect=PUBLIC),
    # RFC 8058: the mail client's one-click POST, without login or CSRF token.
    r(
        "newsletters:unsubscribe",
        "unsubscribe_token",
        expect=PUBLIC,
        method="post",
        data={"List-Unsubscribe": "One-Click"},
    ),
    r(
        "newsletters:unsubscribe",
        "not-a-token",
        expect="404 404 404 404 404",
        method="post",
        label="tampered",
    ),
    r("newsletters:archive_list", expect=PUBLIC),
    r("newsletters:archive_detail", "sent_issue", expect=PUBLIC),
    r("newsletters:archive_detail", "draft_issue", expect="404 404 404 404 404", label="draft"),
    staff("newsletters:staff_list"),
    staff("newsletters:issue_create"),
    staff("newsletters:issue_create", ok="200", method="post"),
    staff("newsletters:issue_edit", "draft_issue"),
    staff("newsletters:issue_edit", "sent_issue", ok="R", label="sent"),
    staff(
        "newsletters:issue_action",
        "draft_issue",
        ok="R",
        method="post",
        data={"action": "gather"},
    ),
    staff(
        "newsletters:item_action",
        ["draft_issue", "issue_item"],
        ok="R",
        method="post",
        data={"action": "exclude"},
        watch=("issue_item", "included"),
    ),
    staff("newsletters:issue_preview", ["draft_issue", "sv"]),
    staff("newsletters:issue_progress", "sent_issue"),
    # Bounces and complaints: the provider's basic auth, not the portal's login.
    r("anymail_postmark_tracking", expect="400 400 400 400 400", method="post"),
    # Volunteering -------------------------------------------------------------------------
    r("volunteering:home", expect=LOGIN_ANY),
    r("volunteering:profile", expect=LOGIN_ANY),
    r("volunteering:profile", expect="L 400 400 400 400", method="post"),
    # Only the person has a profile; the others are sent to create one first.
    r("volunteering:experience", expect="L 200 R R R"),
    r("volunteering:experience", expect="L 400 R R R", method="post"),
    r("volunteering:experience_withdraw", expect="L R 404 404 404", method="post"),
    r("volunteering:open_requests", expect=LOGIN_ANY),
    r("volunteering:interest", "vol_request", expect="L R R R R", method="post"),
    r(
        "volunteering:offer_respond",
        "vol_offer",
        expect="L R 404 404 404",
        method="post",
        watch=("vol_offer", "status"),
    ),
    r("volunteering:hours_log", "vol_assignment", expect="L 200 404 404 404"),
    r("volunteering:hours_log", "vol_assignment", expect="L 400 404 404 404", method="post"),
    r(
        "volunteering:assignment_cancel",
        "vol_assignment",
        expect="L R R 404 R",
        method="post",
        watch=("vol_assignment", "status"),
    ),
    r("volunteering:certificate_request", expect="L R 404 404 404", method="post"),
    r("volunteering:my_requests", expect="L 404 200 200 200"),
    r("volunteering:request_create", expect="L 404 200 200 200"),
    r("volunteering:request_create", expect="L 404 400 400 400", method="post"),
    r("volunteering:request_detail", "vol_request", expect="L 404 200 404 200"),
    r(
        "volunteering:request_cancel",
        "vol_request",
        expect="L 404 R 404 R",
        method="post",
        watch=("vol_request", "status"),
    ),
    r(
        "volunteering:hours_confirm",
        "vol_hours",
        expect="L 404 R 404 R",
        method="post",
        watch=("vol_hours", "status"),
    ),
    r("volunteering:statement_request", expect="L 404 R R R", method="post"),
    r("volunteering:report_detail", "vol_statement", expect="L 404 200 404 200"),
    r("volunteering:report_download", "vol_statement", expect="L 404 200 404 200"),
    r(
        "volunteering:report_detail",
        "vol_certificate",
        expect="L 200 404 404 200",
        label="certificate",
    ),
    r(
        "volunteering:report_download",
        "vol_certificate",
        expect="L 200 404 404 200",
        label="certificate",
    ),
    staff("volunteering:coordination"),
    staff("volunteering:staff_profile", "volunteer"),
    staff("volunteering:staff_profile", "volunteer", ok="400", method="post"),
    staff("volunteering:staff_request", "vol_request"),
    staff("volunteering:staff_request", "vol_request", ok="400", method="post"),
    staff(
        "volunteering:staff_request_close",
        "vol_request",
        ok="R",
        method="post",
        watch=("vol_request", "status"),
    ),
    staff(
        "volunteering:hours_decide",
        "vol_hours",
        ok="R",
        method="post",
        watch=("vol_hours", "status"),
    ),
    staff("volunteering:fees"),
    staff("volunteering:fees", ok="400", method="post"),
    staff("volunteering:payment_list"),
    staff("volunteering:figures"),
    r("volunteering-request-list", expect="403 200 200 200 200"),
    r("volunteering-request-list", expect="403 400 400 400 400", method="post", label="create"),
    r("volunteering-request-detail", "vol_request", expect="403 404 200 404 200"),
    r("volunteering-request-suggestions", "vol_request", expect="403 404 404 404 200"),
    r("volunteering-assignment-list", expect="403 200 200 200 200"),
    r(
        "volunteering-assignment-list",
        expect="403 404 404 404 400",
        method="post",
        label="create",
    ),
    r("volunteering-assignment-detail", "vol_assignment", expect="403 200 200 404 200"),
    r("volunteering-hours-list", expect="403 200 200 200 200"),
    r("volunteering-hours-list", expect="403 400 400 400 400", method="post", label="create"),
    r("volunteering-hours-detail", "vol_hours", expect="403 200 404 404 404"),
    r("admin:volunteering_skill_changelist", expect=STAFF_ADMIN),
    r("admin:volunteering_profile_change", "volunteer", expect=STAFF_ADMIN),
    # Participation ------------------------------------------------------------------------
    r("participation:list", expect=PUBLIC),
    r("participation:detail", "consultation", expect=PUBLIC),
    r("participation:detail", "draft_consultation", expect="404 404 404 404 404", label="draft"),
    r("participation:results", "consultation", expect=PUBLIC),
    r("participation:comment", "section", expect="400 400 400 400 400", method="post"),
    r("participation:vote", "comment", expect="R R R R R", method="post"),
    r("participation:flag", "comment", expect="R R R R R", method="post"),
    r("participation:poll_answer", "poll", expect="R R R R R", method="post"),
    staff("participation:moderation", "consultation"),
    staff(
        "participation:close",
        "consultation",
        ok="R",
        method="post",
        watch=("consultation", "closes_at"),
    ),
    staff("participation:workshop_create", "consultation"),
    staff("participation:workshop_create", "consultation", ok="400", method="post"),
    staff("participation:workshop_import", "workshop"),
    staff("participation:workshop_import", "workshop", ok="400", method="post"),
    staff(
        "participation:hide",
        "comment",
        ok="R",
        method="post",
        data={"reason": "Asiaton"},
        watch=("comment", "hidden_at"),
    ),
    staff("participation:unhide", "comment", ok="R", method="post"),
    staff("participation:pin", "comment", ok="R", method="post", watch=("comment", "is_pinned")),
    staff("participation:flags_dismiss", "comment", ok="R", method="post"),
    staff("participation:themes", "consultation"),
    staff("participation:code", "comment", ok="R", method="post"),
    # Accounts (allauth): representative rows -------------------------------------------
    r("account_login", expect="200 R R R R"),
    r("account_signup", expect="200 R R R R"),
    r("account_logout", expect="R 200 200 200 200"),
    r("account_reset_password", expect=PUBLIC),
    r("account_email", expect=LOGIN_ANY),
    r("account_change_password", expect=LOGIN_ANY),
    # The Django admin: representative rows ----------------------------------------------
    r("admin:index", expect=STAFF_ADMIN),
    # The admin login goes through the portal's own login; logged-in non-staff get 403.
    r("admin:login", expect="L 403 403 403 R"),
    r("admin:facilities_booking_changelist", expect=STAFF_ADMIN),
    r("admin:facilities_booking_change", "booking", expect=STAFF_ADMIN),
    r("admin:trainings_enrolment_change", "enrolment", expect=STAFF_ADMIN),
    r("admin:organisations_organisation_change", "org_a", expect=STAFF_ADMIN),
    r("admin:events_event_change", "draft_event", expect=STAFF_ADMIN),
    # Insights --------------------------------------------------------------------------
    r("insights:municipality_list", expect=PUBLIC),
    r("insights:municipality_detail", ["091"], expect=PUBLIC),
    r("insights:municipality_detail", ["999"], expect="404 404 404 404 404", label="unknown"),
    staff("insights:catalogue"),
    staff(
        "insights:follow",
        "insights_indicator",
        ok="400",
        method="post",
        data={"followed": "on"},
        watch=("insights_indicator", "followed"),
    ),
]
