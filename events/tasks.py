"""Background work of the calendar. Tasks take primary keys and call services; each is
safe to run twice (an import is idempotent)."""

from celery import shared_task


@shared_task
def import_event_sources():
    from .import_services import import_active_sources

    return import_active_sources()


@shared_task
def import_event_source(source_id):
    from .import_services import source_import
    from .models import ImportSource

    source = ImportSource.objects.filter(pk=source_id).first()
    if source is None:
        return None
    return source_import(source=source).as_dict()
