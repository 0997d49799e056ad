from django.urls import path

from . import views
from .feeds import NewsAtomFeed, NewsRssFeed

app_name = "newsletters"

urlpatterns = [
    path("uutiset/", views.news_list, name="news_list"),
    path("uutiset/<int:pk>/", views.news_detail, name="news_detail"),
    # Feeds: the same address in every language (/news/feed.atom, /sv/news/feed.atom).
    path("news/feed.rss", NewsRssFeed(), name="news_rss"),
    path("news/feed.atom", NewsAtomFeed(), name="news_atom"),
    path("uutiskirje/tilaa/", views.subscribe, name="subscribe"),
    path("uutiskirje/tilaa/lahetetty/", views.subscribe_sent, name="subscribe_sent"),
    path("uutiskirje/vahvista/<str:token>/", views.confirm, name="confirm"),
    path("uutiskirje/asetukset/<str:token>/", views.preferences, name="preferences"),
    path("uutiskirje/peru/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("uutiskirje/arkisto/", views.archive_list, name="archive_list"),
    path("uutiskirje/arkisto/<int:pk>/", views.archive_detail, name="archive_detail"),
    # Staff
    path("uutiskirje/hallinta/", views.staff_list, name="staff_list"),
    path("uutiskirje/hallinta/uusi/", views.issue_create, name="issue_create"),
    path("uutiskirje/hallinta/<int:pk>/", views.issue_edit, name="issue_edit"),
    path("uutiskirje/hallinta/<int:pk>/toiminto/", views.issue_action, name="issue_action"),
    path(
        "uutiskirje/hallinta/<int:pk>/kohta/<int:item_pk>/",
        views.item_action,
        name="item_action",
    ),
    path(
        "uutiskirje/hallinta/<int:pk>/esikatselu/<str:language>/",
        views.issue_preview,
        name="issue_preview",
    ),
    path("uutiskirje/hallinta/<int:pk>/lahetys/", views.issue_progress, name="issue_progress"),
]
