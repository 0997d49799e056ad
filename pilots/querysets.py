"""Query vocabulary of the pilots."""

from django.db import models


class PilotQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def running(self):
        return self.filter(status="running")

    def with_organisation(self, organisation_ids):
        """Pilots that any of the organisations leads or is a partner in."""
        from .models import PilotPartner

        partner_in = PilotPartner.objects.filter(organisation_id__in=organisation_ids)
        return self.filter(
            models.Q(lead_organisation_id__in=organisation_ids)
            | models.Q(pk__in=partner_in.values("pilot_id"))
        )
