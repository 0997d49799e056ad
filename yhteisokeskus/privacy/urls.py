from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("oma-tili/omat-tiedot/", views.my_data, name="my_data"),
    path("oma-tili/omat-tiedot.json", views.my_data_download, name="download"),
    path("oma-tili/omat-tiedot/poista/", views.my_data_erase, name="erase"),
]
