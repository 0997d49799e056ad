"""Every response carries a Content-Security-Policy that allows nothing inline, and the
frame and sniffing protections."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/sv/", "/tilat/", "/yhdistykset/", "/api/v1/rooms/"])
def test_pages_carry_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_policy_is_a_setting_and_a_view_may_set_its_own(settings):
    from django.http import HttpResponse

    from core.middleware import ContentSecurityPolicyMiddleware

    settings.CONTENT_SECURITY_POLICY = "default-src 'none'"
    plain = ContentSecurityPolicyMiddleware(lambda request: HttpResponse())
    assert plain(None)["Content-Security-Policy"] == "default-src 'none'"

    def own(request):
        response = HttpResponse()
        response["Content-Security-Policy"] = "sandbox"
        return response

    assert ContentSecurityPolicyMiddleware(own)(None)["Content-Security-Policy"] == "sandbox"
