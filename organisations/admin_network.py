"""Staff back office of the partnership network. Uploaded files are checked by the model
fields' validator (type from content, size limit); the admin never links to a file's
storage, only to the views that check permission."""

from django import forms
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .models import (
    Attendance,
    ContactPerson,
    CooperationGroup,
    GroupMember,
    Meeting,
    NetworkNotification,
    Partnership,
    PartnershipDocument,
)


class PrivateFileInput(forms.ClearableFileInput):
    """A file input that never shows the stored file's URL (private files have none)."""

    def is_initial(self, value):
        return False


PRIVATE_FILES = {models.FileField: {"widget": PrivateFileInput}}


@admin.register(ContactPerson)
class ContactPersonAdmin(admin.ModelAdmin):
    list_display = ("name", "title", "organisation", "service_area", "email", "legal_basis")
    list_filter = ("legal_basis", "organisation__kind")
    list_select_related = ("organisation",)
    search_fields = ("name", "title", "email", "service_area", "organisation__name_fi")
    autocomplete_fields = ("organisation",)


class PartnershipDocumentInline(admin.TabularInline):
    model = PartnershipDocument
    extra = 0
    fields = ("title", "file", "download", "content_type", "size", "uploaded_at")
    readonly_fields = ("download", "content_type", "size", "uploaded_at")
    formfield_overrides = PRIVATE_FILES

    @admin.display(description=_("download"))
    def download(self, obj):
        if not obj.pk:
            return "–"
        url = reverse("organisations:document_download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("download"))


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ("title", "partner", "kind", "starts_on", "ends_on")
    list_filter = ("kind", "partner__kind")
    list_select_related = ("partner",)
    search_fields = ("title", "description", "partner__name_fi")
    autocomplete_fields = ("partner",)
    filter_horizontal = ("partner_contacts", "staff_contacts")
    date_hierarchy = "starts_on"
    inlines = [PartnershipDocumentInline]

    def save_formset(self, request, form, formset, change):
        for instance in formset.save(commit=False):
            if isinstance(instance, PartnershipDocument) and instance.uploaded_by_id is None:
                instance.uploaded_by = request.user
            instance.save()
        for instance in formset.deleted_objects:
            instance.delete()
        formset.save_m2m()


class GroupMemberInline(admin.TabularInline):
    model = GroupMember
    extra = 0
    autocomplete_fields = ("organisation",)
    filter_horizontal = ("representatives",)


@admin.register(CooperationGroup)
class CooperationGroupAdmin(TranslationAdmin):
    list_display = ("name", "convener", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name_fi", "name_sv", "name_en")
    autocomplete_fields = ("convener",)
    inlines = [GroupMemberInline]


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    autocomplete_fields = ("organisation",)


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("title", "group", "start", "place")
    list_filter = ("group",)
    list_select_related = ("group",)
    search_fields = ("title", "agenda", "minutes")
    date_hierarchy = "start"
    readonly_fields = ("files",)
    formfield_overrides = PRIVATE_FILES
    inlines = [AttendanceInline]

    @admin.display(description=_("stored files"))
    def files(self, obj):
        links = []
        for which, field, label in (
            ("agenda", obj.agenda_file, _("agenda")),
            ("minutes", obj.minutes_file, _("minutes")),
        ):
            if obj.pk and field:
                url = reverse("organisations:meeting_file", args=[obj.pk, which])
                links.append(format_html('<a href="{}">{}</a>', url, label))
        return format_html(" · ".join(["{}"] * len(links)), *links) if links else "–"

    def save_model(self, request, obj, form, change):
        if change and {"start", "end", "place"} & set(form.changed_data):
            obj.sequence += 1  # calendar apps update the invited event
        if obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(NetworkNotification)
class NetworkNotificationAdmin(admin.ModelAdmin):
    list_display = ("kind", "to", "created_at", "sent_at", "attempts")
    list_filter = ("kind", "sent_at")
    search_fields = ("to", "key")
    readonly_fields = [f.name for f in NetworkNotification._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
