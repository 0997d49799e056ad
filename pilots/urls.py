from django.urls import path

from . import views

app_name = "pilots"

urlpatterns = [
    # Public pages of the public pilots
    path("pilotit/", views.pilot_list, name="list"),
    path("pilotit/<int:pk>/", views.pilot_detail, name="detail"),
    # Measurements, by staff or a representative of the lead or a partner organisation
    path("pilotit/mittaukset/", views.measurement_pilots, name="measurement_pilots"),
    path("pilotit/<int:pk>/mittaukset/", views.measurement_create, name="measurement_create"),
    # Staff pages
    path("henkilokunta/pilotit/", views.staff_pilot_list, name="staff_list"),
    path("henkilokunta/pilotit/<int:pk>/", views.staff_pilot_detail, name="staff_detail"),
    path("henkilokunta/pilotit/<int:pk>/tila/", views.pilot_transition, name="transition"),
    path("henkilokunta/pilotit/<int:pk>/arviointi/", views.evaluation_edit, name="evaluation"),
    path("henkilokunta/pilotit/<int:pk>/raportti/", views.report_request, name="report_request"),
    path("henkilokunta/pilotit/raportit/<int:pk>/", views.report_detail, name="report_detail"),
    path(
        "henkilokunta/pilotit/raportit/<int:pk>/lataa/",
        views.report_download,
        name="report_download",
    ),
]
