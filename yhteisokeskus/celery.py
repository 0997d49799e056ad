"""Celery application. Periodic schedules are declared here, in code."""

import os

from celery import Celery
from celery.schedules import crontab

# Whether the process was started with settings of its own (the test suite's, say):
# yhteisokeskus.embedded passes only those on to the command it runs.
SETTINGS_GIVEN = "DJANGO_SETTINGS_MODULE" in os.environ
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yhteisokeskus.settings")

app = Celery("yhteisokeskus")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # The grant applicants' outbox (received, returned, decision); sending also starts
    # right after each commit, this catches retries.
    "send-grant-notices": {
        "task": "grants.tasks.send_notices",
        "schedule": 60.0,
    },
    # The followed indicators from THL Sotkanet and Statistics Finland; idempotent, weekly.
    "import-followed-indicators": {
        "task": "insights.tasks.import_followed_indicators",
        "schedule": crontab(day_of_week=1, hour=4, minute=40),
    },
    # The booking outbox; sending also starts right after each commit, this catches retries.
    "send-booking-notifications": {
        "task": "facilities.tasks.send_booking_notifications",
        "schedule": 60.0,
    },
    # Idempotent, so hourly: a booking made today for tomorrow still gets its reminder.
    "queue-booking-reminders": {
        "task": "facilities.tasks.queue_booking_reminders",
        "schedule": crontab(minute=5),
    },
    # Pilot indicators without a measurement for their last period; unique per period.
    "queue-pilot-reminders": {
        "task": "pilots.tasks.queue_pilot_reminders",
        "schedule": crontab(hour=7, minute=15),
    },
    # The reminder outbox; catches retries (queueing also starts a send after commit).
    "send-pilot-reminders": {
        "task": "pilots.tasks.send_pilot_reminders",
        "schedule": crontab(minute="*/10"),
    },
    # The partnership network's outbox (reminders and meeting invitations).
    "send-network-notifications": {
        "task": "organisations.tasks.send_network_notifications",
        "schedule": 60.0,
    },
    # Idempotent (unique key per partnership, end date and recipient): daily is enough.
    "queue-partnership-reminders": {
        "task": "organisations.tasks.queue_partnership_reminders",
        "schedule": crontab(hour=7, minute=15),
    },
    # Event import from iCalendar and Linked Events sources; idempotent, so hourly.
    "import-event-sources": {
        "task": "events.tasks.import_event_sources",
        "schedule": crontab(minute=20),
    },
    # The training outbox, like the booking one.
    # Newsletter batches (each batch also queues the next while rows wait) and the
    # subscription confirmations; unconfirmed subscriptions expire daily.
    "send-newsletter-batch": {
        "task": "newsletters.tasks.send_newsletter_batch",
        "schedule": 60.0,
    },
    "send-newsletter-confirmations": {
        "task": "newsletters.tasks.send_confirmations",
        "schedule": 60.0,
    },
    "expire-newsletter-subscribers": {
        "task": "newsletters.tasks.expire_pending_subscribers",
        "schedule": crontab(hour=3, minute=40),
    },
    "send-training-notifications": {
        "task": "trainings.tasks.send_training_notifications",
        "schedule": 60.0,
    },
    # Session reminders for tomorrow and feedback requests; idempotent, so hourly.
    "queue-training-reminders": {
        "task": "trainings.tasks.queue_training_reminders",
        "schedule": crontab(minute=10),
    },
    # Offered places whose time ran out move on to the next on the waiting list.
    "expire-training-offers": {
        "task": "trainings.tasks.expire_training_offers",
        "schedule": 300.0,
    },
    # The volunteering outbox (offers with their .ics, agreed and cancelled tasks).
    "send-volunteering-notifications": {
        "task": "volunteering.tasks.send_volunteering_notifications",
        "schedule": 60.0,
    },
    # Offers not answered by their deadline expire; idempotent.
    "expire-volunteering-offers": {
        "task": "volunteering.tasks.expire_volunteering_offers",
        "schedule": 300.0,
    },
    # Last month's attendance report to each referring authority, on the 5th (the
    # supervisors have marked the month by then); unique per authority and month.
    "queue-placement-monthly-reports": {
        "task": "placements.tasks.queue_monthly_reports",
        "schedule": crontab(day_of_month=5, hour=6, minute=0),
    },
    # The placements outbox (the monthly reports with their PDF); catches retries.
    "send-placement-monthly-reports": {
        "task": "placements.tasks.send_monthly_reports",
        "schedule": crontab(minute="*/10"),
    },
    # Reports still waiting a few minutes after they were asked for (the broker or the
    # workers were away) go to the workers again; a report built meanwhile is left alone.
    "resume-waiting-reports": {
        "task": "core.tasks.resume_waiting_reports",
        "schedule": 120.0,
    },
    # Personal data past its retention period is anonymised; idempotent.
    "apply-retention": {
        "task": "yhteisokeskus.tasks.apply_retention",
        "schedule": crontab(hour=3, minute=30),
    },
}
