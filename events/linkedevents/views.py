"""/linkedevents/v1/: a read-only node of the Linked Events API over the calendar (see
README, "For integrators"). The events are those of /api/v1/events/ and chosen by the
same querying (querying.py); only the shape differs (serializers.py)."""

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from rest_framework import permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from core import clock
from core.api import EnvelopePagination
from events.api import api_queryset
from events.models import Event, EventLanguage, Keyword, Place
from events.rows import plain
from events.search import search_events
from events.selectors import with_details
from facilities.models import Room

from . import ids, serializers
from .querying import ParameterError, events_for, includes

PAGING = {"page", "page_size", "format"}


class NodeView(APIView):
    """Anonymous and read-only; left out of /api/schema/ (Linked Events documents its
    own API)."""

    authentication_classes = []
    permission_classes = [permissions.AllowAny]
    schema = None

    def only(self, request, allowed: set[str]):
        unknown = set(request.query_params) - allowed - PAGING
        if unknown:
            return Response(
                {name: [_("Unknown parameter.")] for name in sorted(unknown)}, status=400
            )
        return None

    def paged(self, request, items, serialize):
        paginator = EnvelopePagination()
        page = paginator.paginate_queryset(items, request, view=self)
        return paginator.get_paginated_response([serialize(item) for item in page])


def public_places():
    """Rooms and places where published events are, and the online place."""
    public = Event.objects.public()
    rooms = Room.objects.filter(Exists(public.filter(room=OuterRef("pk")))).select_related(
        "site__municipality"
    )
    places = Place.objects.filter(Exists(public.filter(place=OuterRef("pk")))).select_related(
        "municipality"
    )
    located = [Event(room=room) for room in rooms.order_by("pk")]
    located += [Event(place=place) for place in places.order_by("pk")]
    located.append(Event(online_url="https://"))
    return located


class EventList(NodeView):
    def get(self, request):
        try:
            events = events_for(request.query_params)
        except ParameterError as error:
            return Response(error.errors, status=400)
        include = includes(request.query_params)
        paginator = EnvelopePagination()
        page = paginator.paginate_queryset(plain(events), request, view=self)
        return paginator.get_paginated_response(serializers.list_items(page, include))


class EventDetail(NodeView):
    def get(self, request, pk):
        refused = self.only(request, {"include"})
        if refused:
            return refused
        number = ids.event_pk(pk)
        if number is None:
            raise Http404
        published_once = Q(publication=Event.Publication.PUBLISHED, deleted_at__isnull=True) | Q(
            deleted_at__isnull=False, published_at__isnull=False
        )
        event = get_object_or_404(
            api_queryset(include_deleted=True).filter(published_once), pk=number
        )
        data = serializers.event_data(event, includes(request.query_params))
        return Response(data, status=status.HTTP_410_GONE if event.is_deleted else 200)


class PlaceList(NodeView):
    def get(self, request):
        refused = self.only(request, set())
        return refused or self.paged(request, public_places(), serializers.place_data)


class PlaceDetail(NodeView):
    def get(self, request, pk):
        refused = self.only(request, set())
        if refused:
            return refused
        parsed = ids.parse_place_id(pk)
        if parsed is None:
            raise Http404
        kind, number = parsed
        if kind == "room":
            event = Event(room=get_object_or_404(Room.objects.select_related("site"), pk=number))
        elif kind == "place":
            event = Event(place=get_object_or_404(Place, pk=number))
        else:
            event = Event(online_url="https://")
        return Response(serializers.place_data(event))


class KeywordList(NodeView):
    def get(self, request):
        refused = self.only(request, set())
        keywords = Keyword.objects.order_by("code")
        return refused or self.paged(request, keywords, serializers.keyword_data)


class KeywordDetail(NodeView):
    def get(self, request, pk):
        refused = self.only(request, set())
        if refused:
            return refused
        keyword = get_object_or_404(Keyword, code=ids.keyword_code(pk))
        return Response(serializers.keyword_data(keyword))


class LanguageList(NodeView):
    def get(self, request):
        refused = self.only(request, set())
        return refused or self.paged(request, EventLanguage.values, serializers.language_data)


class LanguageDetail(NodeView):
    def get(self, request, pk):
        refused = self.only(request, set())
        if refused:
            return refused
        if pk not in EventLanguage.values:
            raise Http404
        return Response(serializers.language_data(pk))


class Search(NodeView):
    """Linked Events' search: ``q`` (or ``input``) over ``type`` (event, place,
    keyword; event by default); events that are not over yet."""

    TYPES = {"event", "place", "keyword"}

    def get(self, request):
        refused = self.only(request, {"q", "input", "type"})
        if refused:
            return refused
        text = (request.query_params.get("q") or request.query_params.get("input") or "").strip()
        kinds = [k for k in (request.query_params.get("type") or "event").split(",") if k]
        errors = {}
        if not text or len(text) > 200 or "\x00" in text:
            errors["q"] = [_("Give the words to look for.")]
        if set(kinds) - self.TYPES:
            errors["type"] = [_("Give event, place or keyword.")]
        if errors:
            return Response(errors, status=400)
        results = []
        if "event" in kinds:
            events = search_events(with_details(Event.objects.public()), text)
            for event in events.upcoming(clock.now()).order_by("start", "pk")[:100]:
                results.append({**serializers.event_data(event), "resource_type": "event"})
        if "place" in kinds:
            for located in public_places():
                data = serializers.place_data(located)
                if any(
                    text.lower() in (name or "").lower() for name in (data["name"] or {}).values()
                ):
                    results.append({**data, "resource_type": "place"})
        if "keyword" in kinds:
            condition = (
                Q(name_fi__icontains=text) | Q(name_sv__icontains=text) | Q(name_en__icontains=text)
            )
            for keyword in Keyword.objects.filter(condition).order_by("code")[:100]:
                results.append({**serializers.keyword_data(keyword), "resource_type": "keyword"})
        return self.paged(request, results, lambda item: item)
