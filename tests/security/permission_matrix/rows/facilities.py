"""Permission matrix rows: Facilities."""

from .base import LOGIN_ANY, PUBLIC, r, staff

ROWS = [
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
]
