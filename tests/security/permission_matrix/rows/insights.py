"""Permission matrix rows: Insights."""

from .base import PUBLIC, r, staff

ROWS = [
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
    staff("insights:upload"),
    staff("insights:upload", ok="400", method="post", label="empty"),
    staff("insights:interpretation_list", ["091"]),
    staff("insights:interpretation_create", ["091"]),
    staff(
        "insights:interpretation_create",
        ["091"],
        ok="400",
        method="post",
        label="empty",
    ),
    staff("insights:interpretation_edit", "insights_interpretation"),
    staff(
        "insights:interpretation_edit",
        "insights_interpretation",
        ok="400",
        method="post",
        label="empty",
        watch=("insights_interpretation", "text_fi"),
    ),
    staff("insights:summary_request", ["091"], ok="R", method="post"),
    staff("insights:summary_detail", "insights_summary"),
    staff("insights:summary_download", "insights_summary", ok="404"),
    r("insights-indicator-list", expect=PUBLIC),
    r("insights-indicator-detail", "insights_followed", expect=PUBLIC),
    r(
        "insights-indicator-detail",
        "insights_indicator",
        expect="404 404 404 404 404",
        label="not followed",
    ),
    r("insights-observation-list", expect=PUBLIC),
    r("insights-observation-detail", "insights_observation", expect=PUBLIC),
    r("insights-observation-list", expect="405 405 405 405 405", method="post", label="create"),
]
