"""Staff back office of trainings. Staff write programmes and trainings here; sessions
(which book rooms), status changes, enrolments, attendance and certificates go through
the services on the staff pages (trainings/views/staff.py), so every rule applies.
Rows the services make are shown read-only."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from facilities.admin import ReadOnlyAdmin

from .models import (
    Certificate,
    Enrolment,
    Feedback,
    Programme,
    ProgrammeParticipant,
    Session,
    Training,
    TrainingNotification,
)


class ProgrammeParticipantInline(admin.TabularInline):
    model = ProgrammeParticipant
    extra = 1
    autocomplete_fields = ("organisation",)
    fields = ("organisation", "committed_on", "contact_person")


@admin.register(Programme)
class ProgrammeAdmin(TranslationAdmin):
    list_display = ("name", "starts_on", "ends_on")
    search_fields = ("name_fi", "name_sv", "name_en")
    inlines = (ProgrammeParticipantInline,)


class SessionInline(admin.TabularInline):
    """Sessions are added on the training's staff page, which books the room."""

    model = Session
    extra = 0
    fields = ("starts", "ends", "room", "online_url", "booking")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Training)
class TrainingAdmin(TranslationAdmin):
    list_display = ("title", "programme", "format", "status", "capacity", "staff_page")
    list_filter = ("status", "format", "programme")
    list_select_related = ("programme",)
    search_fields = ("title_fi", "title_sv", "title_en", "trainers")
    autocomplete_fields = ("organiser", "trainer_accounts")
    readonly_fields = ("status", "published_at", "created_at")
    inlines = (SessionInline,)
    fieldsets = (
        (None, {"fields": ("title", "description", "audience", "programme", "organiser")}),
        (_("Format and trainers"), {"fields": ("format", "trainers", "trainer_accounts")}),
        (
            _("Enrolment"),
            {
                "fields": (
                    "capacity",
                    "enrolment_opens",
                    "enrolment_closes",
                    "max_per_organisation",
                    "waitlist_mode",
                    "offer_hours",
                )
            },
        ),
        (_("Prices"), {"fields": ("price_member", "price_other", "payment_instructions")}),
        (_("Certificate"), {"fields": ("certificate_rule", "certificate_min_sessions")}),
        (_("Status"), {"fields": ("status", "published_at", "created_at")}),
    )

    @admin.display(description=_("staff page"))
    def staff_page(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("trainings:manage", args=[obj.pk]), _("Enrolments")
        )


@admin.register(Enrolment)
class EnrolmentAdmin(ReadOnlyAdmin):
    list_display = ("name", "email", "training", "organisation", "status", "created_at")
    list_filter = ("status", "training")
    list_select_related = ("training", "organisation")
    search_fields = ("name", "email", "training__title_fi")


@admin.register(Feedback)
class FeedbackAdmin(ReadOnlyAdmin):
    list_display = ("enrolment", "rating", "created_at")
    list_select_related = ("enrolment__training",)


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ("number", "enrolment", "issued_at")
    list_select_related = ("enrolment__training",)
    search_fields = ("number", "enrolment__name")


@admin.register(TrainingNotification)
class TrainingNotificationAdmin(ReadOnlyAdmin):
    list_display = ("kind", "enrolment", "session", "created_at", "sent_at", "attempts")
    list_filter = ("kind",)
    list_select_related = ("enrolment__training", "session")
