from django.urls import path

from . import representative_views, staff_views, views

app_name = "insights"

urlpatterns = [
    path("tietojohtaminen/kunnat/", views.municipality_list, name="municipality_list"),
    path(
        "tietojohtaminen/kunnat/<str:code>/",
        views.municipality_detail,
        name="municipality_detail",
    ),
    path(
        "tietojohtaminen/kunnat/<str:code>/luvut.csv",
        views.municipality_csv,
        name="municipality_csv",
    ),
    path("tietojohtaminen/vertailu/", views.comparison, name="comparison"),
    path("tietojohtaminen/vertailu/luvut.csv", views.comparison_csv, name="comparison_csv"),
    path(
        "tietojohtaminen/tulkinnat/omat/",
        representative_views.my_interpretations,
        name="my_interpretations",
    ),
    path(
        "tietojohtaminen/kunnat/<str:code>/tulkinnat/uusi/",
        representative_views.interpretation_propose,
        name="interpretation_propose",
    ),
    path(
        "tietojohtaminen/tulkinnat/<int:pk>/muokkaa/",
        representative_views.interpretation_draft_edit,
        name="interpretation_draft_edit",
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
