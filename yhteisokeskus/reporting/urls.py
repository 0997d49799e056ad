from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("henkilokunta/", views.dashboard_view, name="dashboard"),
    path("henkilokunta/vuosiraportti/", views.annual_report_start, name="annual_start"),
    path("henkilokunta/pilottiraportti/", views.pilot_report_start, name="pilot_start"),
    path("henkilokunta/vuosiraportit/<int:pk>/", views.annual_report_detail, name="annual_report"),
    path(
        "henkilokunta/vuosiraportit/<int:pk>/lataa/",
        views.annual_report_download,
        name="annual_download",
    ),
]
