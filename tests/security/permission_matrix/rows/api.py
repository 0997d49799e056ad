"""Permission matrix rows: The API."""

from .base import PUBLIC, r

ROWS = [
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
]
