from django.contrib import admin
from django.contrib.sites import admin as sites_admin  # registers Site: unregistered below
from django.contrib.sites.models import Site
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from . import centre
from .models import AuditEntry, CentreSettings


def _admin_title() -> str:
    return str(centre.current().display_name)


# The admin's own header and browser title: the centre's name, read on every page.
admin.site.site_header = lazy(_admin_title, str)()
admin.site.site_title = lazy(_admin_title, str)()
# The portal's place is SITE_URL and its name CentreSettings; the sites framework's row
# (kept only because allauth needs one) would show as a second "Sites" beside the
# centre's own sites and rooms.
assert sites_admin
if admin.site.is_registered(Site):
    admin.site.unregister(Site)


@admin.register(CentreSettings)
class CentreSettingsAdmin(TranslationAdmin):
    """The one row of the centre's settings: the list goes straight to it."""

    fieldsets = [
        (None, {"fields": ["name", "tagline", "logo", "brand_colour", "brand_dark_colour"]}),
        (
            _("Contact"),
            {"fields": ["street_address", "postal_code", "post_office", "email", "phone"]},
        ),
        (
            _("Links"),
            {
                "fields": [
                    "website_url",
                    "facebook_url",
                    "instagram_url",
                    "linkedin_url",
                    "youtube_url",
                ]
            },
        ),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not CentreSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if CentreSettings.objects.exists():
            return HttpResponseRedirect(reverse("admin:core_centresettings_change", args=[1]))
        return HttpResponseRedirect(reverse("admin:core_centresettings_add"))


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log for staff: read only, searchable by object and by who."""

    list_display = ["at", "actor", "action", "content_type", "object_repr", "changed_fields"]
    list_filter = ["action", "content_type", "at"]
    search_fields = ["object_repr", "object_id", "actor__email"]
    list_select_related = ["actor", "content_type"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    @admin.display(description=_("fields"))
    def changed_fields(self, entry):
        return ", ".join(sorted(entry.changes))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
