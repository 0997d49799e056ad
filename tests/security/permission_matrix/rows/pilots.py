"""Permission matrix rows: Pilots."""

from .base import LOGIN_ANY, PUBLIC, r, staff

ROWS = [
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
]
