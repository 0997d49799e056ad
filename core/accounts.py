"""allauth's emails (sign-up verification, password reset, notices) under the centre's
own name and the portal's address, with a branded HTML part beside the plain text: the
sites framework's default row ("example.com") never reaches a person."""

from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from django.template.loader import render_to_string

from . import centre


def current_site() -> SimpleNamespace:
    """What allauth's templates read as ``current_site``: the centre's name and
    SITE_URL's host."""
    return SimpleNamespace(name=centre.current().display_name, domain=centre.site_domain())


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = {**context, "current_site": current_site()}
        super().send_mail(template_prefix, email, context)

    def render_mail(self, template_prefix, email, context, headers=None):
        context = {**context, "current_site": current_site()}
        message = super().render_mail(template_prefix, email, context, headers=headers)
        if not getattr(message, "alternatives", None) and hasattr(message, "attach_alternative"):
            html = render_to_string("emails/text_as_html.html", {"text": message.body})
            message.attach_alternative(html, "text/html")
        return message

    def format_email_subject(self, subject: str) -> str:
        return f"[{centre.current().display_name}] {subject}"

    def get_from_email(self) -> str:
        return centre.from_address()
