"""Checks of signing in that tests of several parts share."""

from tests.factories.organisations import StaffFactory


def assert_sign_ins_are_limited(client):
    """Five failed sign-ins, then the sixth is refused even with the right password
    (allauth's limit: 5 failures per 5 minutes), and nobody is signed in."""
    StaffFactory(email="staff@example.fi")
    for _ in range(5):
        client.post("/en/accounts/login/", {"login": "staff@example.fi", "password": "wrong"})
    response = client.post(
        "/en/accounts/login/", {"login": "staff@example.fi", "password": "salasana-123"}
    )
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session
