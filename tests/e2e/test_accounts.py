"""Accounts in the browser: every allauth page is axe-clean inside the site layout, form
errors are tied to their fields, and the journeys work end to end: sign up, verify the
email address, log out, log in, reset the password."""

import re

import pytest
from django.contrib.auth import get_user_model

from .browser import check_page, path, visit

pytestmark = pytest.mark.browser

EMAIL = "maija.meikalainen@example.org"
PASSWORD = "Kesäkuu-tuuli-2026"
NEW_PASSWORD = "Syyskuu-sade-2027"


def link_in(message, pattern: str) -> str:
    match = re.search(r"https?://\S*" + pattern + r"\S*", message.body)
    assert match, f"no link matching {pattern!r} in:\n{message.body}"
    return match.group(0)


def submit(page, form_action: str):
    page.locator(f"main form[action$='{form_action}'] button[type=submit]").first.click()
    page.wait_for_load_state("load")


def logged_in(page) -> bool:
    return page.locator("header form[action$='/accounts/logout/'] button").count() == 1


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_account_pages_are_accessible(page, url, name, language):
    visit(page, url(path(name, language)))
    assert page.get_attribute("html", "lang") == language
    # allauth's pages render inside the site layout.
    assert page.locator("header.site-header").count() == 1
    assert page.locator("footer.site-footer").count() == 1
    # Every visible control has a visible label.
    for control in page.locator("main input:not([type=hidden])").all():
        control_id = control.get_attribute("id")
        label = page.locator(f"label[for='{control_id}']")
        assert label.count() == 1 and label.is_visible(), f"no visible label for #{control_id}"


def test_signup_errors_are_next_to_their_fields(page, url):
    visit(page, url(path("account_signup")))
    page.fill("#id_email", "not-an-email")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD + "x")
    submit(page, "/accounts/signup/")
    check_page(page, label="signup with errors")

    email = page.locator("#id_email")
    assert email.get_attribute("aria-invalid") == "true"
    described_by = email.get_attribute("aria-describedby").split()
    assert "id_email_error" in described_by
    assert page.locator("#id_email_error").inner_text().strip()
    assert get_user_model().objects.count() == 0


def test_sign_up_verify_log_out_log_in(page, url, mailoutbox):
    visit(page, url(path("home")))
    page.locator("header a[href$='/accounts/signup/']").click()
    check_page(page, label="signup")

    page.fill("#id_email", EMAIL)
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    submit(page, "/accounts/signup/")
    assert "/accounts/confirm-email/" in page.url
    check_page(page, label="verification sent")
    assert not logged_in(page)

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [EMAIL]
    confirm_url = link_in(message, "/accounts/confirm-email/")

    visit(page, confirm_url, label="confirm email")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    check_page(page, label="after confirmation")
    assert logged_in(page), "confirming the address logs the new user in"
    user = get_user_model().objects.get(email=EMAIL)
    assert user.emailaddress_set.get(email=EMAIL).verified

    visit(page, url(path("account_email")), label="email management")
    visit(page, url(path("account_change_password")), label="password change")

    page.locator("header form[action$='/accounts/logout/'] button").click()
    page.wait_for_load_state("load")
    check_page(page, label="logged out")
    assert not logged_in(page)

    visit(page, url(path("account_login")))
    page.fill("#id_login", EMAIL)
    page.fill("#id_password", PASSWORD)
    submit(page, "/accounts/login/")
    check_page(page, label="logged in again")
    assert logged_in(page)


def test_password_reset(page, url, mailoutbox, django_user_model):
    user = django_user_model.objects.create_user(username="maija", email=EMAIL, password=PASSWORD)
    user.emailaddress_set.create(email=EMAIL, verified=True, primary=True)

    visit(page, url(path("account_reset_password")))
    page.fill("#id_email", EMAIL)
    submit(page, "/accounts/password/reset/")
    check_page(page, label="reset requested")
    assert page.url.endswith(path("account_reset_password_done"))

    assert len(mailoutbox) == 1
    reset_url = link_in(mailoutbox[0], "/accounts/password/reset/key/")

    visit(page, reset_url, label="reset from key")
    page.fill("#id_password1", NEW_PASSWORD)
    page.fill("#id_password2", NEW_PASSWORD)
    page.locator("main form button[name=action]").click()
    page.wait_for_load_state("load")
    check_page(page, label="reset done")
    assert page.url.endswith(path("account_reset_password_from_key_done"))

    visit(page, url(path("account_login")))
    page.fill("#id_login", EMAIL)
    page.fill("#id_password", NEW_PASSWORD)
    submit(page, "/accounts/login/")
    check_page(page, label="logged in with the new password")
    assert logged_in(page)


def test_other_account_pages_are_accessible(page, url, django_user_model):
    """The rest of allauth's pages, in the site layout and axe-clean."""
    for name in ["account_inactive", "account_email_verification_sent"]:
        visit(page, url(path(name)), label=name)
    # Links that are wrong or used up.
    visit(page, url(path("account_confirm_email", key="not-a-key")), label="bad confirm key")
    visit(
        page,
        url(path("account_reset_password_from_key", uidb36="1", key="not-a-key")),
        label="bad reset key",
    )
    assert page.locator("main h1").count() == 1

    user = django_user_model.objects.create_user(username="maija", email=EMAIL, password=PASSWORD)
    user.emailaddress_set.create(email=EMAIL, verified=True, primary=True)
    visit(page, url(path("account_login")))
    page.fill("#id_login", EMAIL)
    page.fill("#id_password", PASSWORD)
    submit(page, "/accounts/login/")
    assert logged_in(page)

    for name in ["account_email", "account_change_password", "account_reauthenticate"]:
        visit(page, url(path(name)), label=name)
        assert page.locator("header.site-header").count() == 1

    # Password change with errors: the errors sit next to their fields.
    visit(page, url(path("account_change_password")))
    page.fill("#id_oldpassword", "wrong password")
    page.fill("#id_password1", "short")
    page.fill("#id_password2", "short")
    submit(page, "/accounts/password/change/")
    check_page(page, label="password change with errors")
    old = page.locator("#id_oldpassword")
    assert old.get_attribute("aria-invalid") == "true"
    assert "id_oldpassword_error" in old.get_attribute("aria-describedby")

    # Logging out by GET shows a confirmation page.
    visit(page, url(path("account_logout")), label="logout confirmation")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    check_page(page, label="logged out")
    assert not logged_in(page)
