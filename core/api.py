"""Shared pieces of the JSON API (/api/v1/): the list envelope, translated fields and
the documented error answers."""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from .links import absolute_url


def site_link(link: str | None) -> str | None:
    """A link DRF built from the request's host, rebuilt from SITE_URL (core.links)."""
    if link is None:
        return None
    parts = urlsplit(link)
    return absolute_url(urlunsplit(("", "", parts.path, parts.query, "")))


class EnvelopePagination(PageNumberPagination):
    """Linked Events' list envelope: {"meta": {"count", "next", "previous"}, "data": [...]}."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_next_link(self):
        return site_link(super().get_next_link())

    def get_previous_link(self):
        return site_link(super().get_previous_link())

    def get_paginated_response(self, data):
        return Response(
            {
                "meta": {
                    "count": self.page.paginator.count,
                    "next": self.get_next_link(),
                    "previous": self.get_previous_link(),
                },
                "data": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["meta", "data"],
            "properties": {
                "meta": {
                    "type": "object",
                    "properties": {
                        "count": {"type": "integer"},
                        "next": {"type": "string", "nullable": True, "format": "uri"},
                        "previous": {"type": "string", "nullable": True, "format": "uri"},
                    },
                },
                "data": schema,
            },
        }


# The error answers every operation can give, in the schema too, so that clients (and
# schemathesis in tests/security/) know them: DRF's {"detail": "…"} or {"field": ["…"]}.
ERROR_SCHEMA = {
    "type": "object",
    "description": 'Either {"detail": "message"} or {"field": ["message", …]}.',
    "additionalProperties": True,
}
ERROR_RESPONSES = {
    "400": "Invalid input; the message says what to change.",
    "401": "Not signed in (token authentication).",
    "403": "Not signed in, or not allowed to do this.",
    "404": "No such object, or not one this user may see.",
    "429": "Too many requests; try again later.",
}
CONFLICT = {"409": "Conflicts with the current state, e.g. the time is already booked."}


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: documents the error answers."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", ERROR_SCHEMA)
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            errors = dict(ERROR_RESPONSES)
            if method in {"post", "put", "patch", "delete"}:
                errors.update(CONFLICT)
            for status, description in errors.items():
                operation["responses"].setdefault(
                    status, {"description": description, "content": reference}
                )
    return result


NULL_SCHEMA = {"type": "object", "nullable": True, "enum": [None]}


def _strict_nullable(node):
    """``{"allOf": [X], "nullable": true}`` (what drf-spectacular writes for a nullable
    nested object) becomes ``{"anyOf": [X, null]}``: in OpenAPI 3.0.3 ``nullable`` only
    counts beside a ``type`` in the same object, so strict validators ignored it."""
    if isinstance(node, dict):
        if node.get("nullable") is True and "type" not in node:
            for combiner in ("allOf", "oneOf"):
                if isinstance(node.get(combiner), list) and len(node[combiner]) == 1:
                    node["anyOf"] = [node.pop(combiner)[0], NULL_SCHEMA]
                    node.pop("nullable")
                    break
        for value in node.values():
            _strict_nullable(value)
    elif isinstance(node, list):
        for value in node:
            _strict_nullable(value)


def strict_nullable(result, generator, request, public):
    """drf-spectacular postprocessing hook: see _strict_nullable."""
    _strict_nullable(result)
    return result


LANGUAGES = [code for code, _name in settings.LANGUAGES]

TRANSLATED_SCHEMA = {
    "type": "object",
    "description": "The text in each language; null where it has not been given.",
    "properties": {code: {"type": "string", "nullable": True} for code in LANGUAGES},
    "required": ["fi"],
}


@extend_schema_field(TRANSLATED_SCHEMA)
class TranslatedField(serializers.Field):
    """A modeltranslation field as {"fi": …, "sv": …, "en": …}."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("source", "*")
        self.field_name_base = kwargs.pop("base", None)
        super().__init__(**kwargs)

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.field_name_base = self.field_name_base or field_name

    def to_representation(self, instance):
        return {
            code: getattr(instance, f"{self.field_name_base}_{code}", None) or None
            for code in LANGUAGES
        }
