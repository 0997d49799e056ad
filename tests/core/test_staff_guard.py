"""The one staff guard (core.access): a staff page sends an anonymous visitor to the
portal's login with ?next=, answers 404 to anybody signed in who is not staff (an
inactive staff member included), and lets staff in; the API permission answers the
same, with DRF's "not signed in" for anonymous callers.

Every staff page of the portal is asked by the permission matrix
(tests/security/test_permission_matrix.py): its staff() rows expect 404 for a person
and two representatives, and a redirect to the login for an anonymous visitor. Here
only: those rows are exactly the views the guard protects."""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from core.access import IsStaff, staff_required
from tests.factories.organisations import RepresentativeFactory, StaffFactory, UserFactory
from tests.security.permission_matrix.rows import ROWS

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@staff_required
def staff_page(request):
    return HttpResponse("henkilökunnalle")


def _get(user, path="/henkilokunta/?sivu=2"):
    request = RequestFactory().get(path)
    request.user = user
    return staff_page(request)


def test_anonymous_visitors_are_sent_to_the_portals_login_with_next():
    response = _get(AnonymousUser())
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={quote('/henkilokunta/?sivu=2', safe='/')}"


@pytest.mark.parametrize(
    "make_user",
    [
        UserFactory,
        lambda: RepresentativeFactory().user,
        lambda: StaffFactory(is_active=False),
    ],
    ids=["person", "representative", "inactive-staff"],
)
def test_anybody_signed_in_but_staff_gets_404(make_user):
    with pytest.raises(Http404):
        _get(make_user())


def test_staff_pass():
    response = _get(StaffFactory())
    assert response.status_code == 200 and response.content.decode() == "henkilökunnalle"


def test_a_real_staff_page_sends_to_login_in_the_visitors_language(client):
    response = client.get("/en/henkilokunta/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/henkilokunta/"


# The API ---------------------------------------------------------------------------------


class StaffAction(APIView):
    permission_classes = [IsStaff]

    def get(self, request):
        return Response({"ok": True})


def _call(user=None, authentication=(SessionAuthentication, TokenAuthentication)):
    request = APIRequestFactory().get("/api/v1/staff-action/")
    if user is not None:
        force_authenticate(request, user=user)
    return StaffAction.as_view(authentication_classes=list(authentication))(request)


def test_api_anonymous_callers_are_told_to_authenticate():
    # DRF answers 403 when the first authentication is the session, 401 with a token.
    response = _call()
    assert response.status_code == 403
    assert response.data["detail"].code == "not_authenticated"
    assert _call(authentication=(TokenAuthentication,)).status_code == 401


@pytest.mark.parametrize(
    "make_user",
    [UserFactory, lambda: RepresentativeFactory().user, lambda: StaffFactory(is_active=False)],
    ids=["person", "representative", "inactive-staff"],
)
def test_api_anybody_signed_in_but_staff_gets_404(make_user):
    response = _call(make_user())
    assert response.status_code == 404
    assert response.data["detail"].code == "not_found"


def test_api_staff_pass():
    response = _call(StaffFactory())
    assert response.status_code == 200 and response.data == {"ok": True}


# Every staff page --------------------------------------------------------------------------


def _views(resolver=None, namespace=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _views(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry.callback


def test_the_matrix_has_staff_rows_for_exactly_the_guarded_views():
    guarded = {name for name, view in _views() if getattr(view, "staff_required", False)}
    assert len(guarded) > 30  # the walk finds them (a decorator that lost its mark would not)
    assert guarded == {row.name for row in ROWS if row.staff_only}
