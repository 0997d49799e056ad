"""Sends the reminder outbox (pilots.reminders) through core.outbox: one email per row to
the pilot's responsible staff member, in the language chosen on the pilot."""

import re

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from core import centre
from core.links import absolute_url
from core.outbox import Outbox

from .models import PilotReminder, PilotStatus

TEMPLATES = "emails/pilots/"


class ReminderOutbox(Outbox):
    model = PilotReminder
    select_related = ("indicator__pilot__responsible",)

    def skip_reason(self, reminder: PilotReminder, now) -> str:
        if reminder.indicator.pilot.status != PilotStatus.RUNNING:
            return "the pilot is no longer running"
        if reminder.indicator.measurements.filter(
            measured_on__range=(reminder.period_start, reminder.period_end)
        ).exists():
            return "the measurement has been entered meanwhile"
        return ""

    def recipient(self, reminder: PilotReminder) -> str:
        responsible = reminder.indicator.pilot.responsible
        return responsible.email if responsible else ""

    def language(self, reminder: PilotReminder) -> str:
        return reminder.indicator.pilot.reminder_language

    def build_message(self, reminder: PilotReminder, to: str) -> EmailMessage:
        indicator = reminder.indicator
        pilot = indicator.pilot
        context = {
            "reminder": reminder,
            "indicator": indicator,
            "pilot": pilot,
            "url": absolute_url(reverse("pilots:measurement_create", args=[pilot.pk])),
            "contact_email": centre.current().contact_email,
        }
        subject = " ".join(render_to_string(TEMPLATES + "reminder_subject.txt", context).split())
        text = re.sub(r"\n{3,}", "\n\n", render_to_string(TEMPLATES + "reminder.txt", context))
        return EmailMessage(subject, text, to=[to], reply_to=[centre.current().contact_email])


send_pending = ReminderOutbox().send_pending
