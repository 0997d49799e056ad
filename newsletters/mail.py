"""The newsletter outboxes, sent by core.outbox: an issue to each recipient in their
language (HTML with inlined CSS and a plain-text part, no tracking, the RFC 8058
unsubscribe headers), and the double opt-in confirmation."""

import re

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from core.outbox import Outbox

from . import links
from .models import ConfirmationMessage, IssueDelivery, Subscriber, Suppression, email_hash
from .render import issue_context

TEMPLATES = "emails/newsletters/"


def _text(template: str, context: dict) -> str:
    return re.sub(r"\n{3,}", "\n\n", render_to_string(template, context)).strip() + "\n"


class IssueOutbox(Outbox):
    model = IssueDelivery
    select_related = ("issue", "subscriber")

    def skip_reason(self, delivery, now) -> str:
        if Suppression.objects.filter(email_hash=email_hash(delivery.email)).exists():
            return "the address is suppressed"
        subscriber = delivery.subscriber
        if subscriber is not None and subscriber.status != Subscriber.Status.CONFIRMED:
            return "the subscriber unsubscribed"
        return ""

    def recipient(self, delivery) -> str:
        return delivery.email

    def language(self, delivery) -> str:
        return delivery.language

    def build_message(self, delivery, to: str, test: bool = False) -> EmailMultiAlternatives:
        issue = delivery.issue
        unsubscribe = links.unsubscribe_url(delivery)
        context = {
            **issue_context(issue),
            "unsubscribe_url": unsubscribe,
            "preferences_url": (
                links.preferences_url(delivery.subscriber) if delivery.subscriber else ""
            ),
            "test": test,
        }
        subject = " ".join(issue.subject.split())
        if test:
            subject = f"[TEST] {subject}"
        text = _text(TEMPLATES + "issue.txt", context)
        html = css_inline.inline(render_to_string(TEMPLATES + "issue.html", context))
        message = EmailMultiAlternatives(
            subject,
            text,
            to=[to],
            reply_to=[settings.CONTACT_EMAIL],
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "List-Id": f"<newsletter.{settings.SITE_URL.split('://')[-1].split('/')[0]}>",
                "Content-Language": delivery.language,
            },
        )
        message.attach_alternative(html, "text/html")
        return message


class ConfirmationOutbox(Outbox):
    model = ConfirmationMessage
    select_related = ("subscriber",)

    def skip_reason(self, row, now) -> str:
        if row.subscriber.status != Subscriber.Status.PENDING:
            return "already confirmed or unsubscribed"
        return ""

    def recipient(self, row) -> str:
        return row.subscriber.email

    def language(self, row) -> str:
        return row.subscriber.language

    def build_message(self, row, to: str) -> EmailMultiAlternatives:
        subscriber = row.subscriber
        context = {
            "subscriber": subscriber,
            "lists": list(subscriber.lists.all()),
            "confirm_url": links.confirm_url(subscriber),
            "days": settings.NEWSLETTER_CONFIRM_DAYS,
            "contact_email": settings.CONTACT_EMAIL,
        }
        subject = " ".join(render_to_string(TEMPLATES + "confirm_subject.txt", context).split())
        text = _text(TEMPLATES + "confirm.txt", context)
        return EmailMultiAlternatives(subject, text, to=[to], reply_to=[settings.CONTACT_EMAIL])


send_issues = IssueOutbox().send_pending
send_confirmations = ConfirmationOutbox().send_pending
