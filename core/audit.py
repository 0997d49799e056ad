"""The audit log: every save and delete of a registered model becomes an AuditEntry with
the fields that changed and the user who changed them.

Signals rather than calls in each service, so that no path can forget it: the services,
the Django admin, the management commands and the tasks all save through the ORM. The
actor is the signed-in user of the request (AuditActorMiddleware) or whoever a block of
code names with `acting_as(user)`; tasks and commands without one log no actor.
QuerySet.update() and bulk_create() bypass signals: the audited models do not use them."""

import contextvars
import datetime
import decimal
import uuid
from contextlib import contextmanager

from django.db.models.signals import post_delete, post_save, pre_save

_actor = contextvars.ContextVar("audit_actor", default=None)
_registered: dict = {}


@contextmanager
def acting_as(user):
    token = _actor.set(user if user is not None and user.is_authenticated else None)
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor():
    return _actor.get()


class AuditActorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with acting_as(getattr(request, "user", None)):
            return self.get_response(request)


def _plain(value):
    """A value as JSON can hold it."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if hasattr(value, "lower") and hasattr(value, "upper"):  # a range
        return [_plain(value.lower), _plain(value.upper)]
    return str(value)


def _values(instance, fields) -> dict:
    return {name: _plain(getattr(instance, attname)) for name, attname in fields}


def _fields(model, exclude):
    return [
        (f.name, f.attname)
        for f in model._meta.concrete_fields
        # A save always moves an auto_now time; it says nothing of its own.
        if f.name not in exclude and not f.primary_key and not getattr(f, "auto_now", False)
    ]


def _write(instance, action, changes):
    from django.contrib.contenttypes.models import ContentType

    from .models import AuditEntry

    AuditEntry.objects.create(
        actor=current_actor(),
        action=action,
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        changes=changes,
    )


def _before_save(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._audit_before = None
        return
    fields = _registered[sender]
    row = sender._base_manager.filter(pk=instance.pk).values(*(a for _, a in fields)).first()
    instance._audit_before = (
        None if row is None else {name: _plain(row[attname]) for name, attname in fields}
    )


def _after_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    after = _values(instance, _registered[sender])
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        _write(instance, "create", after)
        return
    changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    if changes:
        _write(instance, "update", changes)


def _after_delete(sender, instance, **kwargs):
    _write(instance, "delete", _values(instance, _registered[sender]))


def register(model, *, exclude=()):
    """Audit every save and delete of `model` (call from the app's AppConfig.ready)."""
    _registered[model] = _fields(model, set(exclude))
    uid = f"audit-{model._meta.label_lower}"
    pre_save.connect(_before_save, sender=model, dispatch_uid=uid)
    post_save.connect(_after_save, sender=model, dispatch_uid=uid)
    post_delete.connect(_after_delete, sender=model, dispatch_uid=uid)
