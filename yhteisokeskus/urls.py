from allauth.account.decorators import secure_admin_login
from anymail.webhooks.postmark import PostmarkTrackingWebhookView
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from core.media import public_media
from core.schema import SchemaView
from core.views import centre_css

from . import views

# The admin signs in through allauth, with its rate limits and verified email.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/schema/", SchemaView.as_view(), name="api-schema"),
    path("api/v1/", include("yhteisokeskus.api_urls")),
    # Bounces and complaints from the mail provider (newsletters.signals).
    path(
        "anymail/postmark/tracking/",
        PostmarkTrackingWebhookView.as_view(),
        name="anymail_postmark_tracking",
    ),
    path("centre.css", centre_css, name="centre_css"),
    path("linkedevents/v1/", include("events.linkedevents.urls")),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("saavutettavuus/", views.AccessibilityStatementView.as_view(), name="accessibility"),
    path("tietosuoja/", views.PrivacyNoticeView.as_view(), name="privacy"),
    path("verkosto/organisaatiot/<int:pk>/", views.network_view, name="network_view"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("organisations.urls")),
    path("", include("facilities.urls")),
    path("", include("yhteisokeskus.privacy.urls")),
    path("", include("pilots.urls")),
    path("", include("placements.urls")),
    path("", include("yhteisokeskus.reporting.urls")),
    path("", include("events.urls")),
    path("", include("trainings.urls")),
    path("", include("grants.urls")),
    path("", include("newsletters.urls")),
    path("", include("volunteering.urls")),
    path("", include("participation.urls")),
    path("", include("insights.urls")),
    prefix_default_language=False,
)

# Public uploads (images) only; private files go through their apps' views.
urlpatterns += [path("media/<path:path>", public_media, name="public_media")]
handler404 = "yhteisokeskus.views.page_not_found"
