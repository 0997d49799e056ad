"""Settings for the Yhteisökeskus portal: everything comes from the environment.

Development defaults apply only when DJANGO_DEBUG is true (the default for `make run`
and `make test`). With DJANGO_DEBUG=false the required production variables must be set,
or start-up fails with a message naming the missing one. See README.md for the list.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def required(name):
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} is required in production.")
    return value


DEBUG = env_bool("DJANGO_DEBUG", True)

if DEBUG:
    # Only ever used on a developer's machine; production requires its own.
    SECRET_KEY = env("SECRET_KEY", "insecure-development-key-do-not-use-in-production")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
else:
    SECRET_KEY = required("SECRET_KEY")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [required("ALLOWED_HOSTS")]

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")
# Where people write to the centre, and where accessibility feedback goes. The defaults
# use the reserved .example domain, so a deployment that forgets them shows it plainly.
CONTACT_EMAIL = env("CONTACT_EMAIL", "info@yhteisokeskus.example")
ACCESSIBILITY_CONTACT_EMAIL = env(
    "ACCESSIBILITY_CONTACT_EMAIL", "saavutettavuus@yhteisokeskus.example"
)

INSTALLED_APPS = [
    # core first: the ground floor every app builds on. modeltranslation must precede
    # the admin.
    "core",
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sites",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "django_htmx",
    "corsheaders",
    "yhteisokeskus",
    "organisations",
    "facilities",
    "pilots",
    "grants",
    "placements",
    "events",
    "trainings",
    "anymail",
    "newsletters",
    "volunteering",
    "participation",
    "insights",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "core.interfaces.InterfaceGZipMiddleware",
    "core.interfaces.InterfaceCachingMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.interfaces.InterfaceLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    "core.audit.AuditActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "yhteisokeskus.urls"
WSGI_APPLICATION = "yhteisokeskus.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "core.context_processors.site",
            ],
        },
    },
]

# Database: one PostgreSQL for every app. `make run`/`make test` start an embedded one
# and set DATABASE_URL when it is not set.
if DEBUG:
    _default_db = "postgresql://postgres@127.0.0.1:5432/yhteisokeskus"
    DATABASES = {"default": dj_database_url.parse(env("DATABASE_URL", _default_db))}
else:
    DATABASES = {"default": dj_database_url.parse(required("DATABASE_URL"))}
DATABASES["default"]["CONN_MAX_AGE"] = int(env("CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", "redis://127.0.0.1:6379/0") if DEBUG else required("REDIS_URL")

# Public pages for anonymous visitors are kept this long (core/pagecache.py);
# 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "60"))

# The cache is shared by every web process, so allauth's rate limits hold across them.
# While its Redis is away, each process answers from its own memory instead of failing
# (core/cache.py): pages are built per process and rate limits count per process.
CACHES = {
    "default": {
        "BACKEND": "core.cache.FailSoftRedisCache",
        "LOCATION": env("CACHE_URL", REDIS_URL),
        "KEY_PREFIX": "yk",
    }
}

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts (django-allauth): email is the login, and it must be verified.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Yhteisökeskus] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
# The centre's name (core.models.CentreSettings) and SITE_URL in allauth's emails, with an
# HTML part; the subject prefix is the centre's name.
ACCOUNT_ADAPTER = "core.accounts.AccountAdapter"
# allauth's defaults are on; named here so that they are visible and reviewable.
ACCOUNT_RATE_LIMITS = {
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reset_password": "20/m/ip,5/m/key",
    "reauthenticate": "10/m/user",
    "reset_password_from_key": "20/m/ip",
    "signup": "20/m/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
}
# Sessions live in PostgreSQL (Django's database backend, named here on purpose): never
# in the cache alone, so that nobody is signed out while Redis is away.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
LOGIN_REDIRECT_URL = "home"
LOGIN_URL = "account_login"

# Email: the console in development, SMTP in production.
if DEBUG and not env("EMAIL_HOST"):
    EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
else:
    EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    EMAIL_HOST = env("EMAIL_HOST", "localhost")
    EMAIL_PORT = int(env("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Yhteisökeskus <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Languages: Finnish at /, Swedish at /sv/, English at /en/.
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Finland-Swedish date formats differ from Sweden's (DESIGN.md §7).
FORMAT_MODULE_PATH = ["core.formats"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fi",)
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "staticfiles")))
# In development whitenoise serves straight from the app and static/ folders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Folders of MEDIA_ROOT whose images anyone may see (core.media).
PUBLIC_MEDIA_FOLDERS = ["rooms/", "events/", "centre/"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Files that only permitted people may download (partnership documents, meeting minutes):
# outside MEDIA_ROOT, never served by URL, only through views that check permission.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
# Largest public image (room photo, event image) accepted (core/uploads.py).
IMAGE_UPLOAD_MAX_BYTES = int(env("IMAGE_UPLOAD_MAX_BYTES", str(5 * 1024 * 1024)))
NETWORK_DOCUMENT_MAX_BYTES = int(env("NETWORK_DOCUMENT_MAX_BYTES", str(10 * 1024 * 1024)))
GRANT_ATTACHMENT_MAX_BYTES = int(env("GRANT_ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))
# Staff are reminded this many days before a partnership ends.
PARTNERSHIP_REMINDER_DAYS = int(env("PARTNERSHIP_REMINDER_DAYS", "60"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Newsletters: each batch sends this many messages, then the next waits this long
# (seconds); unconfirmed subscriptions expire after NEWSLETTER_CONFIRM_DAYS; a
# preferences link lasts NEWSLETTER_PREFERENCES_DAYS; the subscribe form takes
# NEWSLETTER_SUBSCRIBE_LIMIT attempts per address in NEWSLETTER_SUBSCRIBE_WINDOW seconds.
NEWSLETTER_BATCH_SIZE = int(env("NEWSLETTER_BATCH_SIZE", "50"))
NEWSLETTER_BATCH_INTERVAL = int(env("NEWSLETTER_BATCH_INTERVAL", "60"))
NEWSLETTER_CONFIRM_DAYS = int(env("NEWSLETTER_CONFIRM_DAYS", "7"))
NEWSLETTER_PREFERENCES_DAYS = int(env("NEWSLETTER_PREFERENCES_DAYS", "365"))
NEWSLETTER_SUBSCRIBE_LIMIT = int(env("NEWSLETTER_SUBSCRIBE_LIMIT", "5"))
NEWSLETTER_SUBSCRIBE_WINDOW = int(env("NEWSLETTER_SUBSCRIBE_WINDOW", "600"))
# Bounce and complaint webhooks (django-anymail, /anymail/<provider>/tracking/) require
# this "user:password" as HTTP basic auth; the provider's webhook URL carries it. Unset,
# a random secret refuses every call until it is configured.
ANYMAIL = {"WEBHOOK_SECRET": env("ANYMAIL_WEBHOOK_SECRET") or f"unset:{secrets.token_urlsafe(24)}"}

# Celery: Redis is the broker; schedules live in yhteisokeskus/celery.py.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", REDIS_URL)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", REDIS_URL)
# Nothing in the portal reads a task's result (tasks write to the database). A stored
# result would also make every enqueue subscribe to its result in Redis, and while Redis
# is away that subscription retries for about 20 seconds, holding the web request (and
# with it a gunicorn worker) after the write has committed.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
# A task is acknowledged only when it has finished, and a worker that dies mid-task hands
# it back: a pool process killed is requeued at once; a whole worker killed leaves the
# message unacknowledged in Redis, which redelivers it after the visibility timeout.
# Tasks are idempotent (DESIGN.md §3.6), so a second run does no harm.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(env("CELERY_VISIBILITY_TIMEOUT", "3600")),
    # How often a worker looks for such messages (a cheap sorted-set range in Redis).
    "unacked_restore_interval": int(env("CELERY_UNACKED_RESTORE_INTERVAL", "10")),
    "unacked_restore_throttle": 1,
}
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.EnvelopePagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Yhteisökeskus API",
    "DESCRIPTION": "Public and member API of the organisation resource centre portal.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.add_error_responses",
        "core.api.strict_nullable",
    ],
}

# Production hardening; `manage.py check --deploy` is clean with DJANGO_DEBUG=false.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Everything from the portal's own origin, nothing inline, no framing; images may also be
# data: URLs (the SVG charts). Override whole with CONTENT_SECURITY_POLICY if needed.
# Days after which personal data is anonymised (yhteisokeskus/privacy/retention.py).
RETENTION_ENROLMENT_DAYS = int(env("RETENTION_ENROLMENT_DAYS", str(2 * 365)))
RETENTION_CONTACT_DAYS = int(env("RETENTION_CONTACT_DAYS", "365"))
# Volunteer profiles and their experience areas, after this long without activity.
RETENTION_VOLUNTEER_DAYS = int(env("RETENTION_VOLUNTEER_DAYS", str(2 * 365)))
CONTENT_SECURITY_POLICY = env(
    "CONTENT_SECURITY_POLICY",
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'",
)
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}

# The public interfaces (core/interfaces.py): the JSON API, the Linked Events node, the
# schema and the calendar's feeds. They are gzipped, carry ETag and Cache-Control, and
# any origin may read them anonymously (CORS, without credentials: no cookies, and no
# Authorization header allowed across origins).
PUBLIC_INTERFACE_PATHS = r"^/(?:api/|linkedevents/|(?:(?:sv|en)/)?events/feed\.(?:ics|rss|atom)$)"
CORS_URLS_REGEX = PUBLIC_INTERFACE_PATHS
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = ("accept", "accept-language", "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Content-Language")
CORS_PREFLIGHT_MAX_AGE = 86400
# The data source of the Linked Events node (/linkedevents/v1/): the prefix of its ids.
LINKED_EVENTS_DATA_SOURCE = env("LINKED_EVENTS_DATA_SOURCE", "yhteisokeskus")
