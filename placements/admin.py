"""Staff back office of placements: the referring authorities and the host places are
edited here. Participants, placements and attendance are made through the staff and
supervisor pages (placements.services), so that every limit applies; here they are
read only."""

from django.contrib import admin

from .models import Attendance, Authority, Host, Participant, Placement


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Authority)
class AuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "contact_email", "daily_compensation"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Host)
class HostAdmin(admin.ModelAdmin):
    list_display = ["organisation", "capacity", "place", "is_public"]
    list_filter = ["is_public"]
    search_fields = ["organisation__name"]
    autocomplete_fields = ["organisation"]


@admin.register(Participant)
class ParticipantAdmin(ReadOnlyAdmin):
    list_display = ["name", "email", "phone"]
    search_fields = ["name"]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    can_delete = False
    fields = ["day", "status", "hours"]
    readonly_fields = fields


@admin.register(Placement)
class PlacementAdmin(ReadOnlyAdmin):
    list_display = ["participant", "kind", "host", "start_date", "end_date", "status"]
    list_filter = ["kind", "status", "authority"]
    list_select_related = ["participant", "host__organisation"]
    inlines = [AttendanceInline]
