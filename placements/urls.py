from django.urls import path

from . import views

app_name = "placements"

urlpatterns = [
    # The public list of host places
    path("tyotoiminta/paikat/", views.host_list, name="hosts"),
    # The supervisor's pages: the host's placements and their attendance
    path("tyotoiminta/ohjattavat/", views.supervised_list, name="supervised"),
    path("tyotoiminta/ohjattavat/<int:pk>/", views.attendance, name="attendance"),
    # Staff pages
    path("henkilokunta/sijoitukset/", views.staff_list, name="staff_list"),
    path("henkilokunta/sijoitukset/uusi/", views.placement_create, name="create"),
    path(
        "henkilokunta/sijoitukset/osallistujat/uusi/",
        views.participant_create,
        name="participant_create",
    ),
    path("henkilokunta/sijoitukset/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("henkilokunta/sijoitukset/raportit/", views.reports, name="reports"),
    path("henkilokunta/sijoitukset/raportit/<int:pk>/", views.report_detail, name="report_detail"),
    path(
        "henkilokunta/sijoitukset/raportit/<int:pk>/lataa/",
        views.report_download,
        name="report_download",
    ),
]
