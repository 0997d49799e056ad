"""Permission matrix rows: Organisations."""

from .base import LOGIN_ANY, PUBLIC, r, staff

ROWS = [
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
]
