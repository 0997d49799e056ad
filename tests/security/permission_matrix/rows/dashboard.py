"""Permission matrix rows: The staff dashboard and the annual report."""

from .base import staff

ROWS = [
    # The staff dashboard and the annual report ----------------------------------------------
    staff("dashboard:dashboard"),
    staff("dashboard:annual_start", ok="R", method="post", data={"year": "2025"}),
    staff("dashboard:pilot_start", ok="400", method="post"),
    staff("dashboard:annual_report", "annual_report"),
    staff("dashboard:annual_download", "annual_report"),
]
