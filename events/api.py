"""JSON API of the public calendar: /api/v1/events/ and /api/v1/events/{id}/.

Follows Linked Events where it fits (DESIGN.md §5): the list envelope of
core.api.EnvelopePagination, translated fields as {"fi", "sv", "en"} (null
where missing), ISO 8601 times, schema.org ``@context``/``@type``/``@id``, and the field
names ``start_time``, ``end_time``, ``event_status``, ``publication_status``,
``type_id``, ``keywords``, ``in_language``, ``offers``, ``info_url``, ``images``,
``super_event``, ``sub_events``, ``last_modified_time``, ``deleted``. A date-only
event has ``has_start_time: false`` and dates without a time (``end_time`` its last
day).

Incremental sync: with ``last_modified_since`` the list also holds events deleted since
then, as stubs with ``"deleted": true`` (as Linked Events does). A deleted event's own
address answers 410 Gone with its stub."""

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.http import http_date
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.reverse import reverse

from core.api import LANGUAGES, TRANSLATED_SCHEMA, TranslatedField
from core.links import absolute_url, for_each_pk

from . import rows
from .filters import EventApiFilter
from .models import Event, Keyword
from .selectors import calendar_last_modified, with_details

EVENT_STATUS = {
    Event.Status.SCHEDULED: "EventScheduled",
    Event.Status.CANCELLED: "EventCancelled",
    Event.Status.POSTPONED: "EventPostponed",
}
TYPE_ID = {
    Event.Kind.GENERAL: "General",
    Event.Kind.COURSE: "Course",
    Event.Kind.MEETING_PLACE: "General",
    Event.Kind.VOLUNTEERING: "Volunteering",
}


def _one_language(value: str) -> dict:
    """A text we keep in one language only, in the translated shape."""
    return {code: (value or None) if code == "fi" else None for code in LANGUAGES}


class KeywordSerializer(serializers.ModelSerializer):
    id = serializers.CharField(source="code")
    name = TranslatedField()

    class Meta:
        model = Keyword
        fields = ["id", "name"]


class EventSerializer(serializers.ModelSerializer):
    name = TranslatedField()
    short_description = TranslatedField()
    description = TranslatedField()
    start_time = serializers.SerializerMethodField()
    end_time = serializers.SerializerMethodField()
    has_start_time = serializers.SerializerMethodField()
    event_status = serializers.SerializerMethodField()
    publication_status = serializers.SerializerMethodField()
    type_id = serializers.SerializerMethodField()
    location = serializers.SerializerMethodField()
    is_virtualevent = serializers.SerializerMethodField()
    virtual_event_url = serializers.SerializerMethodField()
    organiser = serializers.SerializerMethodField()
    provider = serializers.SerializerMethodField()
    keywords = KeywordSerializer(many=True, read_only=True)
    audience = serializers.ListField(source="audiences", child=serializers.CharField())
    in_language = serializers.ListField(source="languages", child=serializers.CharField())
    offers = serializers.SerializerMethodField()
    info_url = serializers.SerializerMethodField()
    images = serializers.SerializerMethodField()
    accessibility = serializers.SerializerMethodField()
    super_event = serializers.SerializerMethodField()
    sub_events = serializers.SerializerMethodField()
    super_event_type = serializers.SerializerMethodField()
    sub_event_type = serializers.SerializerMethodField()
    created_time = serializers.DateTimeField(source="created_at")
    last_modified_time = serializers.DateTimeField(source="last_modified")
    date_published = serializers.DateTimeField(source="published_at")
    deleted = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            "name",
            "short_description",
            "description",
            "start_time",
            "end_time",
            "has_start_time",
            "event_status",
            "publication_status",
            "type_id",
            "kind",
            "location",
            "is_virtualevent",
            "virtual_event_url",
            "organiser",
            "provider",
            "keywords",
            "audience",
            "in_language",
            "offers",
            "info_url",
            "images",
            "accessibility",
            "super_event",
            "sub_events",
            "super_event_type",
            "sub_event_type",
            "created_time",
            "last_modified_time",
            "date_published",
            "deleted",
        ]

    def get_fields(self):
        fields = super().get_fields()
        return {
            "@id": serializers.SerializerMethodField(method_name="get_id_url"),
            "@context": serializers.SerializerMethodField(method_name="get_context_url"),
            "@type": serializers.SerializerMethodField(method_name="get_type_name"),
            **fields,
        }

    def _url(self, pk) -> str:
        return absolute_url(reverse("event-detail", args=[pk]))

    def get_id_url(self, obj) -> str:
        return self._url(obj.pk)

    def get_context_url(self, obj) -> str:
        return "http://schema.org"

    def get_type_name(self, obj) -> str:
        return "Event"

    def _moment(self, obj, value, *, last_day=False):
        if value is None:
            return None
        if obj.all_day:
            return (obj.last_day if last_day else obj.first_day).isoformat()
        return timezone.localtime(value).isoformat()

    def get_start_time(self, obj) -> str | None:
        return self._moment(obj, obj.start)

    def get_end_time(self, obj) -> str | None:
        return self._moment(obj, obj.end, last_day=True)

    def get_has_start_time(self, obj) -> bool:
        return not obj.all_day

    def get_event_status(self, obj) -> str:
        return EVENT_STATUS[obj.status]

    def get_publication_status(self, obj) -> str:
        return "public" if obj.publication == Event.Publication.PUBLISHED else "draft"

    def get_type_id(self, obj) -> str:
        return TYPE_ID[obj.kind]

    @extend_schema_field({"type": "object", "nullable": True})
    def get_location(self, obj):
        if obj.room_id:
            site = obj.room.site
            name = {code: getattr(obj.room, f"name_{code}", None) or None for code in LANGUAGES}
            return {
                "id": f"room:{obj.room_id}",
                "name": name,
                "street_address": _one_language(site.street_address),
                "postal_code": site.postal_code,
                "address_locality": _one_language(site.post_office),
                "municipality": site.municipality.code if site.municipality_id else None,
            }
        if obj.place_id:
            place = obj.place
            return {
                "id": f"place:{place.pk}",
                "name": {code: getattr(place, f"name_{code}", None) or None for code in LANGUAGES},
                "street_address": _one_language(place.street_address),
                "postal_code": place.postal_code or None,
                "address_locality": _one_language(place.post_office),
                "municipality": place.municipality.code if place.municipality_id else None,
            }
        return None

    def get_is_virtualevent(self, obj) -> bool:
        return bool(obj.online_url)

    def get_virtual_event_url(self, obj) -> str | None:
        return obj.online_url or None

    @extend_schema_field({"type": "object", "nullable": True})
    def get_organiser(self, obj):
        if obj.organisation_id:
            return {
                "id": obj.organisation_id,
                "@id": absolute_url(reverse("organisation-detail", args=[obj.organisation_id]))
                if obj.organisation.is_public
                else None,
                "name": obj.organisation.name,
            }
        return {"id": None, "@id": None, "name": obj.organiser_name}

    @extend_schema_field(TRANSLATED_SCHEMA)
    def get_provider(self, obj):
        return _one_language(obj.organiser_display)

    @extend_schema_field({"type": "array", "items": {"type": "object"}})
    def get_offers(self, obj):
        return [
            {
                "is_free": obj.is_free,
                "price": _one_language(obj.price) if obj.price else None,
                "info_url": _one_language(obj.registration_url) if obj.registration_url else None,
                "description": None,
            }
        ]

    @extend_schema_field({**TRANSLATED_SCHEMA, "nullable": True})
    def get_info_url(self, obj):
        return _one_language(obj.info_url) if obj.info_url else None

    @extend_schema_field({"type": "array", "items": {"type": "object"}})
    def get_images(self, obj):
        if not obj.has_image:
            return []
        url = obj.image_src
        if url.startswith("/"):
            url = absolute_url(url)
        alt = {code: getattr(obj, f"image_alt_{code}", None) or None for code in LANGUAGES}
        return [{"url": url, "alt_text": alt}]

    @extend_schema_field({"type": "object"})
    def get_accessibility(self, obj):
        return {
            "wheelchair_accessible": obj.wheelchair_accessible,
            "induction_loop": obj.induction_loop,
            "plain_language": obj.plain_language,
            "sign_language": obj.sign_language,
        }

    @extend_schema_field({"type": "object", "nullable": True})
    def get_super_event(self, obj):
        return {"@id": self._url(obj.super_event_id)} if obj.super_event_id else None

    @extend_schema_field({"type": "array", "items": {"type": "object"}})
    def get_sub_events(self, obj):
        return [{"@id": self._url(sub.pk)} for sub in obj.public_sub_events]

    def get_super_event_type(self, obj) -> str | None:
        """ "recurring" for an event with sessions (as Linked Events names a series); the
        feeds list its sessions, not it."""
        return super_event_type(obj)

    def get_sub_event_type(self, obj) -> str | None:
        return "sub_recurring" if obj.super_event_id else None

    def get_deleted(self, obj) -> bool:
        return obj.is_deleted

    def to_representation(self, instance):
        if instance.is_deleted:
            return deleted_stub(instance, self.context.get("request"))
        return super().to_representation(instance)


def super_event_type(event: Event) -> str | None:
    return "recurring" if getattr(event, "public_sub_events", None) else None


def deleted_stub(event: Event, request) -> dict:
    """What is left of a deleted event: enough for a syncing client to remove it."""
    return {
        "@id": absolute_url(reverse("event-detail", args=[event.pk])),
        "@context": "http://schema.org",
        "@type": "Event",
        "id": event.pk,
        "name": {code: getattr(event, f"name_{code}", None) or None for code in LANGUAGES},
        "last_modified_time": event.last_modified.isoformat(),
        "deleted": True,
    }


def api_queryset(*, include_deleted: bool):
    """Published events (and, for a sync, the deleted ones that had been published),
    with everything the serializer shows in a constant number of queries."""
    if include_deleted:
        events = Event.objects.filter(
            Q(publication=Event.Publication.PUBLISHED, deleted_at__isnull=True)
            | Q(deleted_at__isnull=False, published_at__isnull=False)
        )
    else:
        events = Event.objects.public()
    sub_events = Event.objects.public().only("pk", "super_event_id").order_by("start", "pk")
    return with_details(events).prefetch_related(
        Prefetch("sub_events", queryset=sub_events, to_attr="public_sub_events")
    )


_MOMENT = serializers.DateTimeField()  # the serializer's created_time and the like


def _moment(value) -> str | None:
    return _MOMENT.to_representation(value) if value else None


def list_items(page: list[dict]) -> list[dict]:
    """The list's items from plain rows (events.rows): the same JSON as EventSerializer
    gives for the same events, without a model instance or serializer field per value.
    Two queries for the page's keywords and dates; one reverse() per link kind."""
    related = rows.Related.of(page)
    event_url = for_each_pk(lambda pk: absolute_url(reverse("event-detail", args=[pk])))
    organisation_url = for_each_pk(
        lambda pk: absolute_url(reverse("organisation-detail", args=[pk]))
    )

    def texts(row, field) -> dict:
        return {code: row[f"{field}_{code}"] or None for code in LANGUAGES}

    def moment(row, value, last_day=False):
        if value is None:
            return None
        if row["all_day"]:
            return (rows.last_day(row) if last_day else rows.first_day(row)).isoformat()
        return timezone.localtime(value).isoformat()

    def location(row):
        if row["room_id"]:
            return {
                "id": f"room:{row['room_id']}",
                "name": texts(row, "room__name"),
                "street_address": _one_language(row["room__site__street_address"]),
                "postal_code": row["room__site__postal_code"],
                "address_locality": _one_language(row["room__site__post_office"]),
                "municipality": row["room__site__municipality__code"],
            }
        if row["place_id"]:
            return {
                "id": f"place:{row['place_id']}",
                "name": texts(row, "place__name"),
                "street_address": _one_language(row["place__street_address"]),
                "postal_code": row["place__postal_code"] or None,
                "address_locality": _one_language(row["place__post_office"]),
                "municipality": row["place__municipality__code"],
            }
        return None

    def organiser(row):
        pk = row["organisation_id"]
        if pk:
            public = row["organisation__is_public"]
            return {
                "id": pk,
                "@id": organisation_url(pk) if public else None,
                "name": rows.translated(row, "organisation__name"),
            }
        return {"id": None, "@id": None, "name": row["organiser_name"]}

    def images(row):
        src = rows.image_src(row)
        if not src:
            return []
        if src.startswith("/"):
            src = absolute_url(src)
        return [{"url": src, "alt_text": texts(row, "image_alt")}]

    def item(row) -> dict:
        pk = row["pk"]
        if row["deleted_at"] is not None:
            return {
                "@id": event_url(pk),
                "@context": "http://schema.org",
                "@type": "Event",
                "id": pk,
                "name": texts(row, "name"),
                "last_modified_time": row["last_modified"].isoformat(),
                "deleted": True,
            }
        sub_events = related.sub_events.get(pk, ())
        return {
            "@id": event_url(pk),
            "@context": "http://schema.org",
            "@type": "Event",
            "id": pk,
            "name": texts(row, "name"),
            "short_description": texts(row, "short_description"),
            "description": texts(row, "description"),
            "start_time": moment(row, row["start"]),
            "end_time": moment(row, row["end"], last_day=True),
            "has_start_time": not row["all_day"],
            "event_status": EVENT_STATUS[row["status"]],
            "publication_status": "public"
            if row["publication"] == Event.Publication.PUBLISHED
            else "draft",
            "type_id": TYPE_ID[row["kind"]],
            "kind": row["kind"],
            "location": location(row),
            "is_virtualevent": bool(row["online_url"]),
            "virtual_event_url": row["online_url"] or None,
            "organiser": organiser(row),
            "provider": _one_language(rows.organiser_display(row)),
            "keywords": [
                {"id": keyword.code, "name": texts(keyword._asdict(), "name")}
                for keyword in related.keywords.get(pk, ())
            ],
            "audience": [str(value) for value in row["audiences"]],
            "in_language": [str(value) for value in row["languages"]],
            "offers": [
                {
                    "is_free": row["is_free"],
                    "price": _one_language(row["price"]) if row["price"] else None,
                    "info_url": _one_language(row["registration_url"])
                    if row["registration_url"]
                    else None,
                    "description": None,
                }
            ],
            "info_url": _one_language(row["info_url"]) if row["info_url"] else None,
            "images": images(row),
            "accessibility": {
                "wheelchair_accessible": row["wheelchair_accessible"],
                "induction_loop": row["induction_loop"],
                "plain_language": row["plain_language"],
                "sign_language": row["sign_language"],
            },
            "super_event": {"@id": event_url(row["super_event_id"])}
            if row["super_event_id"]
            else None,
            "sub_events": [{"@id": event_url(sub)} for sub in sub_events],
            "super_event_type": "recurring" if sub_events else None,
            "sub_event_type": "sub_recurring" if row["super_event_id"] else None,
            "created_time": _moment(row["created_at"]),
            "last_modified_time": _moment(row["last_modified"]),
            "date_published": _moment(row["published_at"]),
            "deleted": False,
        }

    return [item(row) for row in page]


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    """The public event calendar. Filters (Linked Events names): `start`, `end`
    (ISO 8601 date or time, or `today`/`now`: events going on after `start` and
    starting before `end`), `text` (names and descriptions; Finnish word forms and
    word beginnings match), `keyword`, `audience`, `language`, `municipality`
    (comma-separated codes; any matches), `organiser` (organisation id), `is_free`
    (true/false), `last_modified_since` (ISO 8601; deleted events included as stubs),
    `page`, `page_size` (at most 100)."""

    serializer_class = EventSerializer
    filterset_class = EventApiFilter
    permission_classes = [permissions.AllowAny]

    def _include_deleted(self) -> bool:
        return self.action == "retrieve" or bool(
            self.request.query_params.get("last_modified_since")
        )

    def get_queryset(self):
        return api_queryset(include_deleted=self._include_deleted())

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.action == "list" and self.request.query_params.get("last_modified_since"):
            # A sync pages through changes in the order they happened.
            return queryset.order_by("last_modified", "pk")
        return queryset

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(rows.plain(queryset))
        response = self.get_paginated_response(list_items(page))
        # Not the newest item's time: a removed item changes the list too.
        latest = calendar_last_modified()
        if latest is not None:
            response["Last-Modified"] = http_date(latest.timestamp())
        return response

    @extend_schema(responses={200: EventSerializer, 410: None})
    def retrieve(self, request, *args, **kwargs):
        event = self.get_object()
        if event.is_deleted:
            return Response(deleted_stub(event, request), status=status.HTTP_410_GONE)
        return with_last_modified(Response(self.get_serializer(event).data), [event])


def with_last_modified(response, events):
    """Last-Modified: the latest change among the events shown (core.interfaces answers
    a conditional GET with it and the ETag)."""
    changes = [event.last_modified for event in events or () if event.last_modified]
    if changes:
        response["Last-Modified"] = http_date(max(changes).timestamp())
    return response
