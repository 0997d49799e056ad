"""Permission matrix rows: The site itself."""

from .base import LOGIN_ANY, PUBLIC, r, staff

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
]
