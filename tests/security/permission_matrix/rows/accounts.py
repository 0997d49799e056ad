"""Permission matrix rows: Accounts (allauth): representative rows."""

from .base import LOGIN_ANY, PUBLIC, r

ROWS = [
    # Accounts (allauth): representative rows -------------------------------------------
    r("account_login", expect="200 R R R R"),
    r("account_signup", expect="200 R R R R"),
    r("account_logout", expect="R 200 200 200 200"),
    r("account_reset_password", expect=PUBLIC),
    r("account_email", expect=LOGIN_ANY),
    r("account_change_password", expect=LOGIN_ANY),
]
