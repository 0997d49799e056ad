from django.urls import path

from . import staff_views, views

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
    path(
        "henkilokunta/tietojohtaminen/kunnat/<str:code>/tulkinnat/",
        staff_views.interpretation_list,
        name="interpretation_list",
    ),
    path(
        "henkilokunta/tietojohtaminen/kunnat/<str:code>/tulkinnat/uusi/",
        staff_views.interpretation_create,
        name="interpretation_create",
    ),
    path(
        "henkilokunta/tietojohtaminen/tulkinnat/<int:pk>/",
        staff_views.interpretation_edit,
        name="interpretation_edit",
    ),
    path(
        "henkilokunta/tietojohtaminen/kunnat/<str:code>/tietokooste/",
        staff_views.summary_request,
        name="summary_request",
    ),
    path(
        "henkilokunta/tietojohtaminen/tietokoosteet/<int:pk>/",
        staff_views.summary_detail,
        name="summary_detail",
    ),
    path(
        "henkilokunta/tietojohtaminen/tietokoosteet/<int:pk>/lataa/",
        staff_views.summary_download,
        name="summary_download",
    ),
    path("henkilokunta/tietojohtaminen/tuonti/", staff_views.upload, name="upload"),
]
