"""The permission matrix: every URL of the portal against five roles (anonymous, a
person, A's representative, B's representative, staff), each pair with the status it
must get. Above all, B's representative gets 404 for A's objects, never 403 and never
the data; and a staff page answers everybody signed in but staff with 404 and sends an
anonymous visitor to the login page.

The world is built once for the module inside a transaction that is rolled back at the
end; each test runs in a savepoint of its own, so a POST that changes something is
undone before the next test."""

import pytest

from tests.core.test_url_walk import ALL_PATTERNS

from .permission_matrix.fixtures import matrix_media, matrix_world  # noqa: F401  (fixtures)
from .permission_matrix.rows import ROWS
from .permission_matrix.world import ROLES, SECRETS

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"  # the Django admin's own pages only


def token(response) -> str:
    """The status as a token of the matrix (see rows/base.py)."""
    if response.status_code == 302:
        location = response.headers["Location"]
        if location.startswith(LOGIN):
            return "L"
        if location.startswith(ADMIN_LOGIN):
            return "AL"
        return "R"
    return str(response.status_code)


def request(client, world, row, role):
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    url = row.url(world)
    return getattr(client, row.method)(url, row.data)


CASES = [(row, role) for row in ROWS for role in ROLES]


@pytest.mark.parametrize(("row", "role"), CASES, ids=[f"{row.id}-{role}" for row, role in CASES])
def test_matrix(
    world,
    db,
    client,
    row,
    role,
):
    expected = row.expected()[role]
    before = _watched(world, row)
    response = request(client, world, row, role)
    assert token(response) == expected, (
        f"{role} {row.method.upper()} {row.url(world)} answered {response.status_code} "
        f"{response.headers.get('Location', '')}"
    )
    if expected in REFUSED:
        assert _watched(world, row) == before, f"a refused {row.id} changed {row.watch}"
        body = response.content.decode(errors="replace")
        assert not [secret for secret in SECRETS if secret in body]


REFUSED = {"L", "AL", "401", "403", "404", "405"}


def _watched(world, row):
    if not row.watch:
        return None
    name, attribute = row.watch
    obj = world.objects[name]
    return getattr(type(obj).objects.get(pk=obj.pk), attribute)


# Every URL has a row ---------------------------------------------------------------------


def _covered(name, pattern, names):
    if pattern.startswith("admin/") or (name or "").startswith("admin:"):
        return any(n.startswith("admin:") for n in names)
    if pattern.startswith("accounts/"):
        return any(n.startswith("account_") for n in names)
    return (name or pattern) in names


def test_every_url_pattern_has_a_row():
    names = {row.name for row in ROWS}
    missing = [
        f"{name or '(unnamed)'} {pattern}"
        for name, pattern in ALL_PATTERNS
        if not _covered(name, pattern, names)
    ]
    assert not missing, "add these URLs to the permission matrix (rows/<app>.py):\n" + "\n".join(
        missing
    )


def test_every_row_names_a_real_url():
    names = {name for name, _ in ALL_PATTERNS}
    assert {row.name for row in ROWS} - names == set()


# What B's representative sees of A ---------------------------------------------------------


def _ids(payload):
    rows = payload["data"] if isinstance(payload, dict) else payload
    return {row["id"] for row in rows}


def test_b_lists_none_of_as_bookings_in_the_api(world, db, client):
    client.force_login(world.users["rep_b"])
    response = client.get("/api/v1/bookings/")
    assert response.status_code == 200
    assert not _ids(response.json()) & {world.booking.pk, world.pending_booking.pk}
    client.force_login(world.users["rep_a"])
    assert {world.booking.pk, world.pending_booking.pk} <= _ids(
        client.get("/api/v1/bookings/").json()
    )


def test_b_lists_none_of_as_enrolments_in_the_api(world, db, client):
    url = f"/api/v1/trainings/{world.training.pk}/enrolments/"
    client.force_login(world.users["rep_b"])
    response = client.get(url)
    assert response.status_code == 200
    assert world.enrolment.pk not in _ids(response.json())
    client.force_login(world.users["rep_a"])
    assert world.enrolment.pk in _ids(client.get(url).json())


@pytest.mark.parametrize(
    ("url_name", "secret"),
    [
        ("facilities:my_bookings", "booking"),
        ("trainings:my_enrolments", "enrolment"),
        ("facilities:reports", "report"),
        ("events:my_events", "draft_event"),
        ("organisations:my_groups", "meeting"),
        ("pilots:measurement_pilots", "pilot"),
    ],
)
def test_bs_own_pages_show_nothing_of_a(world, db, client, url_name, secret):
    """B's lists show none of A's objects, while A's show them (so the check can fail)."""
    from django.urls import reverse

    obj = world.objects[secret]
    link = {
        "booking": reverse("facilities:booking_detail", args=[obj.pk]),
        "enrolment": reverse("trainings:certificate", args=[obj.pk]),
        "report": reverse("facilities:report_detail", args=[obj.pk]),
        "draft_event": reverse("events:edit", args=[obj.pk]),
        "meeting": reverse("organisations:meeting_file", args=[obj.pk, "agenda"]),
        "pilot": reverse("pilots:measurement_create", args=[obj.pk]),
    }[secret]
    client.force_login(world.users["rep_a"])
    assert link in client.get(reverse(url_name)).content.decode()
    client.force_login(world.users["rep_b"])
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert link not in response.content.decode()


def test_a_sees_the_secret_words_so_their_absence_means_something(world, db, client):
    from django.urls import reverse

    client.force_login(world.users["rep_a"])
    pages = [
        reverse("facilities:booking_detail", args=[world.booking.pk]),
        reverse("events:edit", args=[world.draft_event.pk]),
        reverse("trainings:my_enrolments"),
        reverse("organisations:my_groups"),
        reverse("grants:application_detail", args=[world.grant_draft.pk]),
        reverse("insights:interpretation_draft_edit", args=[world.insights_draft.pk]),
    ]
    for page, secret in zip(pages, SECRETS, strict=True):
        assert secret in client.get(page).content.decode(), page


def test_bs_own_data_download_holds_nothing_of_a(world, db, client):
    from django.urls import reverse

    url = reverse("privacy:download")
    client.force_login(world.users["rep_a"])
    own = client.get(url).content.decode()
    assert SECRETS[0] in own and SECRETS[2] in own  # A's representative's booking, enrolment
    client.force_login(world.users["rep_b"])
    response = client.get(url)
    assert response.status_code == 200
    assert not [secret for secret in SECRETS if secret in response.content.decode()]
