"""Who a user is, for every app: the one definition of staff, and the one staff guard.

The rule of a staff page (docs/architecture.md, "How a request flows"):

- staff (`is_staff`: signed in, active, with the staff flag) pass;
- an anonymous visitor is sent to the portal's login page (`settings.LOGIN_URL`) with
  `?next=` the page asked for;
- anybody else signed in gets 404, as if the page did not exist: never 403, which would
  tell that it does.

Pages use `staff_required`; a staff-only action of the JSON API uses `IsStaff`, which
answers the same way: not signed in, DRF's usual 401/403 (authentication required);
signed in but not staff, 404. A page for staff or someone else (a representative, a
trainer) keeps its own check and answers 404 to those who may not. The Django admin
(/admin/) keeps its own login and is not guarded here.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from rest_framework import exceptions, permissions


def is_staff(user) -> bool:
    """An active, signed-in staff member."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def staff_required(view):
    """Guards a view function of a staff page: see the rule above."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    guarded.staff_required = True  # lets tests find every guarded view
    return guarded


class IsStaff(permissions.BasePermission):
    """DRF permission of a staff-only API action: see the rule above."""

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False  # DRF answers NotAuthenticated: 401 with a token, else 403
        if not is_staff(request.user):
            raise exceptions.NotFound
        return True
