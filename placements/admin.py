"""Staff back office of placements: the referring authorities and the host places are
edited here (a host's capacity never below the placements it has running at once:
placements.services.host_save). Participants, placements and attendance are made
through the staff and supervisor pages (placements.services), so that every limit
applies; here they are read only."""

from django import forms
from django.contrib import admin

from core.errors import add_error_to_form

from . import services
from .errors import PlacementError
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


class HostAdminForm(forms.ModelForm):
    class Meta:
        model = Host
        fields = ["organisation", "tasks", "capacity", "place", "accessibility", "is_public"]

    def clean(self):
        data = super().clean()
        if "capacity" in data:
            try:
                services.host_capacity_check(host=self.instance, capacity=data["capacity"])
            except PlacementError as error:
                add_error_to_form(self, error)
        return data


@admin.register(Host)
class HostAdmin(admin.ModelAdmin):
    form = HostAdminForm
    list_display = ["organisation", "capacity", "place", "is_public"]
    list_filter = ["is_public"]
    search_fields = ["organisation__name"]
    autocomplete_fields = ["organisation"]

    def save_model(self, request, obj, form, change):
        services.host_save(actor=request.user, host=obj)


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
