from django.urls import path

from . import views

app_name = "insights"

urlpatterns = [
    path("tietojohtaminen/kunnat/", views.municipality_list, name="municipality_list"),
    path(
        "tietojohtaminen/kunnat/<str:code>/",
        views.municipality_detail,
        name="municipality_detail",
    ),
    path("henkilokunta/tietojohtaminen/indikaattorit/", views.catalogue, name="catalogue"),
    path(
        "henkilokunta/tietojohtaminen/indikaattorit/<int:pk>/seuraa/",
        views.follow,
        name="follow",
    ),
]
