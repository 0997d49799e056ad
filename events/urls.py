from django.urls import path

from .feeds import EventAtomFeed, EventRssFeed
from .views import event_form, manage, public

app_name = "events"

urlpatterns = [
    # Public calendar (events/views/public.py)
    path("tapahtumat/", public.event_list, name="list"),
    path("tapahtumat/kalenteri/", public.event_calendar, name="calendar"),
    path("tapahtumat/<int:pk>/", public.event_detail, name="detail"),
    path("tapahtumat/<int:pk>/kalenteriin.ics", public.event_ics, name="detail_ics"),
    # Feeds: the same address in every language (/events/feed.ics, /sv/events/feed.ics).
    path("events/feed.ics", public.feed_ics, name="feed_ics"),
    path("events/feed.rss", EventRssFeed(), name="feed_rss"),
    path("events/feed.atom", EventAtomFeed(), name="feed_atom"),
    # Representatives (events/views/manage.py)
    path("tapahtumat/omat/", manage.my_events, name="my_events"),
    path("tapahtumat/uusi/", event_form.event_create, name="create"),
    path("tapahtumat/<int:pk>/muokkaa/", event_form.event_edit, name="edit"),
    path("tapahtumat/<int:pk>/laheta/", manage.event_submit, name="submit"),
    path("tapahtumat/<int:pk>/poista/", manage.event_delete, name="delete"),
    path("tapahtumat/<int:pk>/peru-lahetys/", manage.event_unsubmit, name="unsubmit"),
    # Before publishing: staff and the organisation's representatives (event_form.py)
    path("tapahtumat/<int:pk>/esikatselu/", event_form.event_preview, name="preview"),
    # Staff
    path("tapahtumat/kasittely/", manage.moderation_queue, name="moderation_queue"),
    path("tapahtumat/<int:pk>/julkaise/", manage.event_publish, name="publish"),
    path("tapahtumat/kasittely/julkaise/", manage.event_publish_many, name="publish_many"),
    path("tapahtumat/<int:pk>/palauta/", manage.event_return, name="return"),
    path("tapahtumat/luotettu/<int:pk>/", manage.organisation_trust, name="trust"),
]
