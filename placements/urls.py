from django.urls import path

from . import views

app_name = "placements"

urlpatterns = [
    # The public list of host places
    path("tyotoiminta/paikat/", views.host_list, name="hosts"),
    # The supervisor's pages: the host's placements and their attendance
    path("tyotoiminta/ohjattavat/", views.supervised_list, name="supervised"),
    path("tyotoiminta/ohjattavat/<int:pk>/", views.attendance, name="attendance"),
    # The participant's own placements, attendance and feedback
    path("tyotoiminta/omat/", views.own_list, name="own_list"),
    path("tyotoiminta/omat/<int:pk>/", views.own_detail, name="own_detail"),
    path("tyotoiminta/omat/<int:pk>/sopimus/", views.own_agreement_pdf, name="own_agreement_pdf"),
    path("tyotoiminta/palaute/<int:pk>/", views.feedback_give, name="feedback"),
    # Staff pages
    path("henkilokunta/sijoitukset/", views.staff_list, name="staff_list"),
    path("henkilokunta/sijoitukset/uusi/", views.placement_create, name="create"),
    path(
        "henkilokunta/sijoitukset/osallistujat/uusi/",
        views.participant_create,
        name="participant_create",
    ),
    path("henkilokunta/sijoitukset/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("henkilokunta/sijoitukset/<int:pk>/paata/", views.placement_end, name="end"),
    path("henkilokunta/sijoitukset/<int:pk>/sopimus/", views.agreement_pdf, name="agreement_pdf"),
    path("henkilokunta/sijoitukset/raportit/", views.reports, name="reports"),
    path("henkilokunta/sijoitukset/raportit/<int:pk>/", views.report_detail, name="report_detail"),
    path(
        "henkilokunta/sijoitukset/raportit/<int:pk>/lataa/",
        views.report_download,
        name="report_download",
    ),
]
