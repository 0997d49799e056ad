"""Query vocabulary of the association register."""

from django.db import models
from django.db.models import Exists, OuterRef


class OrganisationQuerySet(models.QuerySet):
    def active(self):
        """Not dissolved."""
        return self.filter(status="active")

    def public(self):
        """Shown in the public directory: public and not dissolved."""
        return self.filter(is_public=True, status="active")

    def _active_membership(self):
        from .models import Membership

        return Membership.objects.filter(
            organisation=OuterRef("pk"), status=Membership.Status.ACTIVE
        )

    def members(self):
        """Organisations with a running membership in the centre."""
        return self.filter(Exists(self._active_membership()))

    def non_members(self):
        return self.exclude(Exists(self._active_membership()))

    def with_is_member(self):
        """Annotate each organisation with a boolean ``is_member``."""
        return self.annotate(is_member=Exists(self._active_membership()))


class MembershipQuerySet(models.QuerySet):
    def open(self):
        """Applied or running: at most one per organisation."""
        return self.filter(status__in=["applied", "active"])

    def active(self):
        return self.filter(status="active")

    def applied(self):
        return self.filter(status="applied")


class RepresentativeQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status="approved")

    def requested(self):
        return self.filter(status="requested")

    def admins(self):
        return self.filter(status="approved", role="admin")


class PartnershipQuerySet(models.QuerySet):
    def active_on(self, day):
        """Running on the given date (the end date included)."""
        return self.filter(models.Q(starts_on__lte=day)).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day)
        )

    def ending_between(self, first, last):
        return self.filter(ends_on__gte=first, ends_on__lte=last)
