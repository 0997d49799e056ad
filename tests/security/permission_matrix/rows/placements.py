"""Permission matrix rows: Placements."""

from .base import LOGIN_ANY, PUBLIC, r, staff

ROWS = [
    # Placements ---------------------------------------------------------------------------
    r("placements:hosts", expect=PUBLIC),
    r("placements:supervised", expect=LOGIN_ANY),
    # Only the host's representatives (the supervisors) and staff; anybody else 404.
    r("placements:attendance", "placement", expect="L 404 200 404 200"),
    r("placements:attendance", "placement", expect="L 404 400 404 400", method="post"),
    r("placement-host-list", expect=PUBLIC),
    r("placement-host-detail", "placement_host", expect=PUBLIC),
    r("placement-list", expect="403 404 404 404 200"),
    r("placement-detail", "placement", expect="403 404 404 404 200"),
    r("placements:own_list", expect=LOGIN_ANY),
    r("placements:own_detail", "placement", expect="L 404 404 404 404"),
    r("placements:own_agreement_pdf", "placement", expect="L 404 404 404 404"),
    r("placements:feedback", "placement", expect="L 404 400 404 404", method="post"),
    staff("placements:staff_list"),
    staff("placements:staff_detail", "placement"),
    staff("placements:agreement_pdf", "placement"),
    staff("placements:end", "placement", ok="400", method="post", watch=("placement", "status")),
    staff("placements:create"),
    staff("placements:create", ok="400", method="post"),
    staff("placements:participant_create"),
    staff("placements:participant_create", ok="400", method="post"),
    staff("placements:reports"),
    staff("placements:reports", ok="400", method="post"),
    staff("placements:report_detail", "attendance_report"),
    staff("placements:report_download", "attendance_report"),
]
