from django.urls import path

from . import views

app_name = "participation"

urlpatterns = [
    # Public pages and the forms of the public
    path("osallistu/", views.consultation_list, name="list"),
    path("osallistu/<int:pk>/", views.consultation_detail, name="detail"),
    path("osallistu/<int:pk>/tulokset/", views.results, name="results"),
    path("osallistu/osiot/<int:pk>/kommentoi/", views.comment_create, name="comment"),
    path("osallistu/kommentit/<int:pk>/kannata/", views.comment_vote, name="vote"),
    path("osallistu/kommentit/<int:pk>/ilmoita/", views.comment_flag, name="flag"),
    path("osallistu/kyselyt/<int:pk>/vastaa/", views.poll_answer, name="poll_answer"),
    # Staff pages
    path("henkilokunta/osallistu/<int:pk>/", views.moderation, name="moderation"),
    path("henkilokunta/osallistu/<int:pk>/sulje/", views.consultation_close, name="close"),
    path(
        "henkilokunta/osallistu/<int:pk>/tyopajat/uusi/",
        views.workshop_create,
        name="workshop_create",
    ),
    path(
        "henkilokunta/osallistu/tyopajat/<int:pk>/tuonti/",
        views.workshop_import,
        name="workshop_import",
    ),
    path("henkilokunta/osallistu/<int:pk>/teemat/", views.theme_coding, name="themes"),
    path("henkilokunta/osallistu/kommentit/<int:pk>/teemat/", views.comment_code, name="code"),
    path("henkilokunta/osallistu/kommentit/<int:pk>/piilota/", views.comment_hide, name="hide"),
    path("henkilokunta/osallistu/kommentit/<int:pk>/palauta/", views.comment_unhide, name="unhide"),
    path("henkilokunta/osallistu/kommentit/<int:pk>/kiinnita/", views.comment_pin, name="pin"),
    path(
        "henkilokunta/osallistu/kommentit/<int:pk>/pida/",
        views.flags_dismiss,
        name="flags_dismiss",
    ),
]
