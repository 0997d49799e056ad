"""The admin of insights: indicators (an own indicator for uploaded values is made
here, with the source "Uploaded by the centre"), interpretations, and the import runs,
the values they changed and county values to look at."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import AreaObservation, ImportRun, Indicator, Interpretation, ObservationChange


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["title_fi", "source", "source_id", "theme", "followed"]
    list_filter = ["source", "theme", "followed"]
    search_fields = ["title_fi", "title_sv", "title_en", "source_id"]
    readonly_fields = ["read_at", "source_updated"]


@admin.register(Interpretation)
class InterpretationAdmin(TranslationAdmin):
    list_display = ["municipality", "indicator", "theme", "written_on", "published"]
    list_filter = ["published", "theme"]
    autocomplete_fields = ["indicator"]
    raw_id_fields = ["municipality", "author"]


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["source", "status", "finished_at", "succeeded", "failed"]
    list_filter = ["source", "status"]


@admin.register(AreaObservation)
class AreaObservationAdmin(admin.ModelAdmin):
    list_display = ["indicator", "county", "year", "value", "withheld"]
    list_filter = ["county"]
    raw_id_fields = ["indicator"]


@admin.register(ObservationChange)
class ObservationChangeAdmin(admin.ModelAdmin):
    list_display = ["measured", "old_value", "new_value", "changed_at", "run"]
    list_select_related = [
        "observation__indicator",
        "observation__municipality",
        "area_observation__indicator",
        "area_observation__county",
        "run",
    ]
    raw_id_fields = ["observation", "area_observation", "run"]
