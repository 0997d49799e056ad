"""/linkedevents/v1/: Linked Events' own paths (a trailing slash, as theirs)."""

from django.urls import path

from . import views

app_name = "linkedevents"

urlpatterns = [
    path("event/", views.EventList.as_view(), name="event-list"),
    path("event/<str:pk>/", views.EventDetail.as_view(), name="event-detail"),
    path("place/", views.PlaceList.as_view(), name="place-list"),
    path("place/<str:pk>/", views.PlaceDetail.as_view(), name="place-detail"),
    path("keyword/", views.KeywordList.as_view(), name="keyword-list"),
    path("keyword/<str:pk>/", views.KeywordDetail.as_view(), name="keyword-detail"),
    path("language/", views.LanguageList.as_view(), name="language-list"),
    path("language/<str:pk>/", views.LanguageDetail.as_view(), name="language-detail"),
    path("search/", views.Search.as_view(), name="search"),
]
