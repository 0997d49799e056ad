"""The API event lists from plain rows: /api/v1/events/ (events/api.py) and the Linked
Events node's /linkedevents/v1/event/ (events/linkedevents/serializers.py).

A page of 20–100 events built as model instances (with their organiser, place, room,
site and municipality, and modeltranslation's set-up on each) and then walked through
DRF's serializer fields cost most of a list request. Here a page is one ``values()``
query over the same joins, and its keywords and published dates are one query each, as
``feed.ics`` does (events/ics.py). The list items are the same JSON as the serializers'
(a test compares them byte for byte); the detail endpoints still use the serializers,
and drf-spectacular still reads the schema from them."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from typing import NamedTuple

from django.utils import timezone
from modeltranslation.utils import get_language

from .models import Event

TEXT_LANGUAGES = ("fi", "sv", "en")


def _translated(*fields: str) -> list[str]:
    return [f"{field}_{code}" for field in fields for code in TEXT_LANGUAGES]


#: What either list shows of an event, as ``values()`` names it.
COLUMNS = (
    "pk",
    *_translated("name", "short_description", "description", "image_alt"),
    "kind",
    "start",
    "end",
    "all_day",
    "status",
    "publication",
    "organisation_id",
    "organisation__is_public",
    *_translated("organisation__name"),
    "organiser_name",
    "room_id",
    *_translated("room__name", "room__site__name"),
    "room__site__street_address",
    "room__site__postal_code",
    "room__site__post_office",
    "room__site__municipality_id",
    "room__site__municipality__code",
    *_translated("room__site__municipality__name"),
    "place_id",
    *_translated("place__name"),
    "place__street_address",
    "place__postal_code",
    "place__post_office",
    "place__municipality_id",
    "place__municipality__code",
    *_translated("place__municipality__name"),
    "online_url",
    "audiences",
    "languages",
    "is_free",
    "price",
    "registration_url",
    "info_url",
    "image",
    "image_url",
    "wheelchair_accessible",
    "induction_loop",
    "plain_language",
    "sign_language",
    "super_event_id",
    "created_at",
    "last_modified",
    "published_at",
    "deleted_at",
)


class KeywordRow(NamedTuple):
    """A keyword as the serializers read one (``code``, ``name_<language>``)."""

    code: str
    name_fi: str | None
    name_sv: str | None
    name_en: str | None


class MunicipalityRow(NamedTuple):
    name_fi: str | None
    name_sv: str | None
    name_en: str | None


class Rows:
    """The events of a queryset (its filters and order) as dicts of ``COLUMNS``, for a
    paginator: it counts the queryset itself, without the joins that only the columns
    need (counted over ``values()``, every page's count joined places, rooms, sites and
    municipalities), and reads one page of dicts."""

    def __init__(self, queryset):
        self.queryset = queryset
        self.rows = queryset.select_related(None).prefetch_related(None).values(*COLUMNS)

    @property
    def ordered(self) -> bool:
        return self.rows.ordered

    def count(self) -> int:
        return self.queryset.count()

    def __getitem__(self, index):
        return self.rows[index]


def plain(queryset) -> Rows:
    return Rows(queryset)


@dataclass
class Related:
    """A page's keywords (in name order) and published dates (``start``, pk order) by
    event; two queries whatever the page's size."""

    keywords: dict
    sub_events: dict

    @classmethod
    def of(cls, rows) -> "Related":
        pks = [row["pk"] for row in rows]
        keywords = defaultdict(list)
        sub_events = defaultdict(list)
        if pks:
            links = (
                Event.keywords.through.objects.filter(event_id__in=pks)
                .order_by("keyword__name_fi", "keyword_id")
                .values_list(
                    "event_id",
                    "keyword__code",
                    "keyword__name_fi",
                    "keyword__name_sv",
                    "keyword__name_en",
                )
            )
            for event_id, *keyword in links:
                keywords[event_id].append(KeywordRow(*keyword))
            dates = (
                Event.objects.public()
                .filter(super_event_id__in=pks)
                .order_by("start", "pk")
                .values_list("super_event_id", "pk")
            )
            for super_event_id, pk in dates:
                sub_events[super_event_id].append(pk)
        return cls(keywords, sub_events)


def translated(row: dict, field: str) -> str:
    """``field`` in the active language, falling back to Finnish, as modeltranslation's
    attribute gives it on a model instance."""
    for code in dict.fromkeys((get_language(), "fi")):
        value = row.get(f"{field}_{code}")
        if value is not None and value != "":
            return value
    return ""


def organiser_display(row: dict) -> str:
    """Event.organiser_display of a row."""
    if row["organisation_id"]:
        return translated(row, "organisation__name")
    return row["organiser_name"]


def first_day(row: dict):
    """Event.first_day of a row."""
    return timezone.localtime(row["start"]).date() if row["start"] else None


def last_day(row: dict):
    """Event.last_day of a row."""
    if not row["end"]:
        return None
    end = timezone.localtime(row["end"])
    if row["all_day"]:
        return max((end - timedelta(days=1)).date(), first_day(row))
    return end.date()


_IMAGE_STORAGE = Event._meta.get_field("image").storage


def image_src(row: dict) -> str:
    """Event.image_src of a row ("" when it has no image)."""
    if row["image"]:
        return _IMAGE_STORAGE.url(row["image"])
    return row["image_url"]


def municipality(row: dict, prefix: str) -> MunicipalityRow | None:
    if row[f"{prefix}_id"] is None:
        return None
    return MunicipalityRow(*(row[f"{prefix}__name_{code}"] for code in TEXT_LANGUAGES))
