import pytest

from tests.factories.organisations import StaffFactory
from tests.support.accounts import assert_sign_ins_are_limited


@pytest.mark.django_db
def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/", follow=True)
    final_path = response.redirect_chain[-1][0]
    assert final_path.startswith("/accounts/login/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_staff_with_verified_email_reach_the_admin_after_logging_in(client):
    staff = StaffFactory(email="staff@example.fi")
    response = client.post(
        "/accounts/login/",
        {"login": "staff@example.fi", "password": "salasana-123"},
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert staff.is_staff


@pytest.mark.django_db
def test_failed_logins_are_rate_limited(client):
    assert_sign_ins_are_limited(client)
