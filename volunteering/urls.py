from django.urls import path

from . import views

app_name = "volunteering"

urlpatterns = [
    # The person's own pages
    path("vapaaehtoistoiminta/", views.home, name="home"),
    path("vapaaehtoistoiminta/profiili/", views.profile_edit, name="profile"),
    path("vapaaehtoistoiminta/profiili/kokemus/", views.experience_edit, name="experience"),
    path(
        "vapaaehtoistoiminta/profiili/kokemus/peru-suostumus/",
        views.experience_withdraw,
        name="experience_withdraw",
    ),
    path("vapaaehtoistoiminta/tehtavat/", views.open_requests, name="open_requests"),
    path("vapaaehtoistoiminta/tehtavat/<int:pk>/kiinnostunut/", views.interest, name="interest"),
    path(
        "vapaaehtoistoiminta/tarjoukset/<int:pk>/vastaa/", views.offer_respond, name="offer_respond"
    ),
    path("vapaaehtoistoiminta/sovitut/<int:pk>/tunnit/", views.hours_log, name="hours_log"),
    path(
        "vapaaehtoistoiminta/sovitut/<int:pk>/peru/",
        views.assignment_cancel,
        name="assignment_cancel",
    ),
    path("vapaaehtoistoiminta/todistus/", views.certificate_request, name="certificate_request"),
    # Requesters: representatives and partners' contacts (staff too)
    path("vapaaehtoistoiminta/pyynnot/", views.my_requests, name="my_requests"),
    path("vapaaehtoistoiminta/pyynnot/uusi/", views.request_create, name="request_create"),
    path("vapaaehtoistoiminta/pyynnot/<int:pk>/", views.request_detail, name="request_detail"),
    path("vapaaehtoistoiminta/pyynnot/<int:pk>/peru/", views.request_cancel, name="request_cancel"),
    path(
        "vapaaehtoistoiminta/tunnit/<int:pk>/vahvista/", views.hours_confirm, name="hours_confirm"
    ),
    path("vapaaehtoistoiminta/palkkioerittely/", views.statement_request, name="statement_request"),
    path("vapaaehtoistoiminta/raportit/<int:pk>/", views.report_detail, name="report_detail"),
    path(
        "vapaaehtoistoiminta/raportit/<int:pk>/lataa/",
        views.report_download,
        name="report_download",
    ),
    # Coordinators (staff)
    path("henkilokunta/vapaaehtoistoiminta/", views.coordination, name="coordination"),
    path(
        "henkilokunta/vapaaehtoistoiminta/henkilot/<int:pk>/",
        views.staff_profile,
        name="staff_profile",
    ),
    path(
        "henkilokunta/vapaaehtoistoiminta/pyynnot/<int:pk>/",
        views.staff_request,
        name="staff_request",
    ),
    path(
        "henkilokunta/vapaaehtoistoiminta/pyynnot/<int:pk>/sulje/",
        views.staff_request_close,
        name="staff_request_close",
    ),
    path(
        "henkilokunta/vapaaehtoistoiminta/tunnit/<int:pk>/paata/",
        views.hours_decide,
        name="hours_decide",
    ),
    path("henkilokunta/vapaaehtoistoiminta/palkkiot/", views.fees, name="fees"),
    path(
        "henkilokunta/vapaaehtoistoiminta/maksulista.csv", views.payment_list, name="payment_list"
    ),
    path("henkilokunta/vapaaehtoistoiminta/luvut/", views.figures, name="figures"),
]
