"""Sends the applicants' notifications (GrantNotice) through core.outbox: one email per
row to the person who made the application, in the application's language. The decision
carries its letter as a PDF."""

import re

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from core.links import absolute_url
from core.outbox import Outbox

from .models import GrantNotice

TEMPLATES = "emails/grants/"


class NoticeOutbox(Outbox):
    model = GrantNotice
    select_related = ("application__created_by", "application__call", "application__organisation")

    def skip_reason(self, notice, now) -> str:
        if notice.kind == GrantNotice.Kind.DECISION and not hasattr(notice.application, "decision"):
            return "the application has no decision"
        return ""

    def recipient(self, notice) -> str:
        user = notice.application.created_by
        return user.email if user and user.is_active else ""

    def language(self, notice) -> str:
        return notice.application.language

    def build_message(self, notice, to: str) -> EmailMessage:
        application = notice.application
        context = {
            "notice": notice,
            "application": application,
            "call": application.call,
            "decision": getattr(application, "decision", None),
            "url": absolute_url(reverse("grants:application_detail", args=[application.pk])),
            "contact_email": settings.CONTACT_EMAIL,
        }
        subject = " ".join(render_to_string(TEMPLATES + "notice_subject.txt", context).split())
        text = re.sub(r"\n{3,}", "\n\n", render_to_string(TEMPLATES + "notice.txt", context))
        message = EmailMessage(subject, text, to=[to], reply_to=[settings.CONTACT_EMAIL])
        if notice.kind == GrantNotice.Kind.DECISION:
            from .models import DecisionLetter
            from .reports import render_letter_pdf

            letter = application.letters.order_by("-created_at").first()
            if letter and letter.file_ready:
                with letter.file.open("rb") as stored:
                    pdf = stored.read()
            else:
                pdf = render_letter_pdf(letter or DecisionLetter(application=application))
            message.attach(f"avustuspaatos-{application.pk}.pdf", pdf, "application/pdf")
        return message


send_pending = NoticeOutbox().send_pending
