"""One row per URL: how to build it from the world, the method, and what each role gets.

An expectation is five tokens, one per role in the order of ROLES (anonymous, person,
A's representative, B's representative, staff):
  a number  the status code (200, 400, 401, 403, 404, 405);
  L         302 to the login page (/accounts/login/);
  AL        302 to the admin login page (the Django admin only);
  R         302 somewhere else (a form that was handled and redirects).

A staff page (guarded by core.access.staff_required) is a `staff` row: anonymous → L,
everybody signed in but staff → 404, staff → what the page answers them.
"""

from dataclasses import dataclass, field

from django.urls import reverse

from tests.security.permission_matrix.world import ROLES


@dataclass(frozen=True)
class Row:
    name: str  # the URL name (with namespace), or the pattern of an unnamed URL
    args: tuple = ()  # names of world objects (their pk) or literal strings
    expect: str = ""
    method: str = "get"
    label: str = ""  # distinguishes rows of the same name
    data: dict = field(default_factory=dict)
    # (world object, attribute) that a refused request must leave as it was
    watch: tuple = ()
    staff_only: bool = False  # a staff page: see staff()

    @property
    def id(self) -> str:
        return f"{self.name}{'[' + self.label + ']' if self.label else ''}-{self.method}"

    def expected(self) -> dict:
        tokens = self.expect.split()
        assert len(tokens) == len(ROLES), self
        return dict(zip(ROLES, tokens, strict=True))

    def url(self, world) -> str:
        if self.name.startswith("/"):
            return self.name.format(**{k: world.objects[k].pk for k in self.args})
        args = [getattr(world.objects.get(a, a), "pk", world.objects.get(a, a)) for a in self.args]
        return reverse(self.name, args=args or None)


def r(name, args=(), expect="", **kwargs):
    if isinstance(args, str):
        args = (args,)
    return Row(name=name, args=tuple(args), expect=expect, **kwargs)


def staff(name, args=(), ok="200", **kwargs):
    """A staff page: anonymous → login, anybody else signed in → 404, staff → `ok`."""
    return r(name, args, expect=f"L 404 404 404 {ok}", staff_only=True, **kwargs)


PUBLIC = "200 200 200 200 200"
LOGIN_ANY = "L 200 200 200 200"
STAFF_ADMIN = "AL AL AL AL 200"  # the Django admin
