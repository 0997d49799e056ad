"""Permission matrix rows: Trainings."""

from .base import LOGIN_ANY, PUBLIC, r, staff

ROWS = [
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
]
