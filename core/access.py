"""Who a user is, for every app: the one definition of staff the permission checks use."""


def is_staff(user) -> bool:
    """An active, signed-in staff member (DESIGN.md §4)."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)
