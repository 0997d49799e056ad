"""Permission matrix rows: News and newsletters."""

from .base import PUBLIC, r, staff

ROWS = [
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
]
