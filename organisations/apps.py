from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Association register")

    def ready(self):
        from core import audit, pagecache

        from .models import Membership, MembershipFee, Organisation, Representative

        for model in (Organisation, Membership, MembershipFee, Representative):
            audit.register(model)
        # The directory's cached pages (membership shows there) are built again on change.
        pagecache.bump_on_change("organisations", Organisation, Membership)
