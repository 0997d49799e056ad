"""Permission matrix rows: Events."""

from .base import LOGIN_ANY, PUBLIC, r, staff

ROWS = [
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
]
