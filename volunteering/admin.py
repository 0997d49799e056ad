"""The admin keeps volunteering's vocabularies (skills, experience areas, translated),
marks trainings as experience-expert training, and shows fee tiers and travel rules.
Profiles are handled on the coordinators' pages; here they are read only, and the
experience areas (health data) are not shown at all."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import ExperienceArea, ExpertTrainingCourse, FeeTier, Profile, Skill, TravelRule


@admin.register(Skill)
class SkillAdmin(TranslationAdmin):
    search_fields = ["name_fi", "name_sv", "name_en"]


@admin.register(ExperienceArea)
class ExperienceAreaAdmin(TranslationAdmin):
    search_fields = ["name_fi", "name_sv", "name_en"]


@admin.register(ExpertTrainingCourse)
class ExpertTrainingCourseAdmin(admin.ModelAdmin):
    autocomplete_fields = ["training"]
    list_display = ["training"]


@admin.register(FeeTier)
class FeeTierAdmin(TranslationAdmin):
    list_display = ["name", "hourly_rate", "for_trained", "active"]
    list_filter = ["active", "for_trained"]


@admin.register(TravelRule)
class TravelRuleAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "per_date"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "created_at", "last_active_at"]
    list_filter = ["status"]
    search_fields = ["name", "user__email"]
    fields = ["user", "name", "status", "roles", "languages", "may_contact", "created_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False
