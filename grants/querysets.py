"""Query vocabulary of grants."""

from django.db import models

from core import clock


class CallQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def open(self):
        """Published and taking applications now."""
        now = clock.now()
        return self.published().filter(opens_at__lte=now, closes_at__gt=now)

    def past(self):
        return self.published().filter(closes_at__lte=clock.now())


class ApplicationQuerySet(models.QuerySet):
    def submitted(self):
        """In the call's review: submitted, or already decided."""
        return self.filter(status__in=["submitted", "granted", "refused"])

    def for_organisations(self, organisation_ids):
        return self.filter(organisation_id__in=organisation_ids)
