"""Sends the placements outbox through core.outbox: each ReportDispatch row is one email
to the referring authority's contact for reports, with the month's attendance report as
PDF and the same figures as CSV."""

import re

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from core import centre
from core.outbox import Outbox
from core.pdf import html_to_pdf

from .models import ReportDispatch
from .reports import monthly_csv, monthly_report_html, monthly_rows


class ReportDispatchOutbox(Outbox):
    model = ReportDispatch
    select_related = ("authority",)

    def recipient(self, row: ReportDispatch) -> str:
        return row.authority.contact_email

    def language(self, row: ReportDispatch) -> str:
        return row.language

    def build_message(self, row: ReportDispatch, to: str) -> EmailMessage:
        authority, month = row.authority, row.month
        rows = monthly_rows(authority, month)
        context = {"authority": authority, "month": month, "rows": len(rows)}
        subject = _("Monthly attendance report %(month)s: %(authority)s") % {
            "month": f"{month:%m/%Y}",
            "authority": authority.name,
        }
        text = render_to_string("emails/placements/monthly_report.txt", context)
        text = re.sub(r"\n{3,}", "\n\n", text)
        message = EmailMessage(subject, text, to=[to], reply_to=[centre.current().contact_email])
        name = f"attendance-{authority.pk}-{month:%Y-%m}"
        message.attach(
            f"{name}.pdf", html_to_pdf(monthly_report_html(authority, month)), "application/pdf"
        )
        message.attach(f"{name}.csv", monthly_csv(authority, month, row.language), "text/csv")
        return message


send_pending = ReportDispatchOutbox().send_pending
