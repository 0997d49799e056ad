"""Query vocabulary of trainings."""

from django.db import models
from django.db.models import Count, Max, Min, Q


class TrainingQuerySet(models.QuerySet):
    def public(self):
        """Shown in the catalogue: published, and what became of published trainings."""
        return self.filter(status__in=["published", "cancelled", "completed"])

    def published(self):
        return self.filter(status="published")

    def with_dates(self):
        """Annotate ``first_start`` and ``last_end`` from the sessions."""
        return self.annotate(first_start=Min("sessions__starts"), last_end=Max("sessions__ends"))

    def with_counts(self):
        """Annotate ``confirmed_count`` and ``waiting_count`` (for lists)."""
        return self.annotate(
            confirmed_count=Count(
                "enrolments",
                filter=Q(enrolments__status__in=["confirmed", "offered"]),
                distinct=True,
            ),
            waiting_count=Count(
                "enrolments", filter=Q(enrolments__status="waiting"), distinct=True
            ),
        )


class EnrolmentQuerySet(models.QuerySet):
    def holding(self):
        """Confirmed or offered: they take one of the places."""
        return self.filter(status__in=["confirmed", "offered"])

    def active(self):
        return self.filter(status__in=["confirmed", "offered", "waiting"])

    def confirmed(self):
        return self.filter(status="confirmed")

    def waiting(self):
        """The waiting list in order."""
        return self.filter(status="waiting").order_by("waiting_since", "pk")
