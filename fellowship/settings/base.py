"""Settings shared by every environment. Safe by default: no debug, secrets only from the environment."""

import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    """Read a setting from the environment; an empty value counts as unset."""
    value = os.environ.get(name, "")
    return value if value != "" else default


def env_list(name, default=""):
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")

INSTALLED_APPS = [
    "core",
    "cohorts",
    "projects",
    "events",
    "reviews",
    "search",
    "reuse",
    "crawlers",
    "records",
    "trash",
    "tracking",
    "dashboard",
    "impact",
    "sharing",
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "rest_framework",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.security.SitePolicyCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "core.bad_input.BadInputMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.outage.DatabaseOutageMiddleware",
    # Last, as django-axes asks: it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fellowship.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "fellowship.wsgi.application"

# SQLite by default so that a fresh clone runs with nothing else installed;
# DATABASE_URL (postgres://...) selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
        # After a database restart, a kept connection is replaced before a request can fail on it.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable server is given up on in seconds (visitors get the 503 page), not waited on.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The editor writes in the background (autosave, editing-session pings) while a save runs. A
    # transaction that reads first takes the write lock only at its first write, and fails at
    # once ("database is locked") if another writer got in between; taking the lock as it
    # begins makes it wait its turn instead, up to the timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Where collectstatic writes the files whitenoise serves; a deployment may put them elsewhere.
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Complex page editors (a project with many findings) can exceed Django's default.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env("EMAIL_USE_TLS", "") == "1"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Fellowship Hub <noreply@fellowship-hub.local>")

# Index updates and notifications run as django-tasks tasks; the immediate
# backend runs them in the request, which keeps a one-process deployment simple.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

WAGTAIL_SITE_NAME = "Fellowship Hub"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Elasticsearch 8 serves search when its address is set; the database serves it otherwise.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL")
# Every index and alias name starts with this, so that test runs and sites can share a cluster.
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", "fellowship")
SEARCH_SYNONYMS_FILE = BASE_DIR / "search" / "synonyms.txt"
# Wagtail's own search (admin search, Page.search, choosers) uses the same cluster, its indices
# named with the same prefix; search.wagtail_backend is Wagtail's elasticsearch8 backend keeping
# drafts and private pages off the server. The database index is kept as well: the site search
# falls back on it when Elasticsearch cannot answer.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.wagtail_backend",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": f"{SEARCH_INDEX_PREFIX}-wagtail-",
            # Bounded, so that a hung server holds an editor's save or an admin search briefly.
            "TIMEOUT": 5,
            "OPTIONS": {"max_retries": 0},
            # English stemming for text fields, as the database backend has on PostgreSQL:
            # "behaviour" finds "behaviours" in the admin too.
            "INDEX_SETTINGS": {
                "settings": {
                    "analysis": {
                        "analyzer": {
                            "default": {
                                "type": "custom",
                                "tokenizer": "standard",
                                "filter": [
                                    "lowercase",
                                    "asciifolding",
                                    "english_possessive",
                                    "light_english",
                                ],
                            }
                        },
                        "filter": {
                            "english_possessive": {
                                "type": "stemmer",
                                "language": "possessive_english",
                            },
                            "light_english": {"type": "stemmer", "language": "light_english"},
                        },
                    }
                }
            },
        },
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "odp", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Raster formats only: an SVG can carry script, and would run it when opened from the media host.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False

# Themes are matched case-insensitively: "Zero tolerance" and "zero tolerance" are one theme.
TAGGIT_CASE_INSENSITIVE = True
# Themes are written with spaces ("Trauma informed communications"), so only commas separate them.
TAGGIT_TAGS_FROM_STRING = "projects.tagging.parse_theme_string"
TAGGIT_STRING_FROM_TAGS = "projects.tagging.render_theme_string"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # One line per task run is noise; failures are still logged.
    "loggers": {"django_tasks": {"level": "WARNING"}},
}


def require(setting_name, value):
    """Fail loudly at start-up when a setting a deployment needs is missing."""
    if not value:
        raise ImproperlyConfigured(f"Set the {setting_name} environment variable.")
    return value


def _proxy_count(name):
    """How many reverse proxies stand in front of the site, each appending to X-Forwarded-For."""
    value = (env(name, "0") or "").strip()
    if not value.isdigit():
        raise ImproperlyConfigured(
            f'{name} must be the number of reverse proxies in front of the site, for example "1", '
            'or "0" when visitors reach it directly.'
        )
    return int(value)


# The one proxy setting: the visitor's address (core.addresses) is read from X-Forwarded-For only
# behind this many proxies, and production trusts X-Forwarded-Proto only when it is above 0.
TRUSTED_PROXY_COUNT = _proxy_count("TRUSTED_PROXY_COUNT")

# The APIs serve anonymous readers and signed-in editors through their session; Django REST
# framework's default HTTP Basic authentication would be one more way to try passwords.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
}

# One sign-in policy for every view that calls authenticate() (see core.signin): django-axes's
# backend refuses a locked-out username or address before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
# Counted separately: five failures for a username, or five from an address, lock either out.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Kept in the cache (shared by every worker in production), where each count has its own entry,
# so that a successful sign-in can clear the account's count and leave the address's alone.
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_RESET_ON_SUCCESS = False  # core.signin clears only the account's count
# A refused attempt while locked out does not restart the 15 minutes.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "core.addresses.client_ip"
AXES_USERNAME_CALLABLE = "core.signin.username_key"
AXES_LOCKOUT_CALLABLE = "core.signin.locked_out"
# The Django admin is not mounted; sign-ins are logged, not browsed.
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False


def _rate_limit(name, default):
    """A limit written "requests/seconds" (e.g. "60/60"); "0" or "off" switches it off."""
    value = (env(name, default) or "").strip().lower()
    if value in ("0", "off", "none"):
        return None
    try:
        requests, seconds = (int(part) for part in value.split("/"))
    except ValueError:
        raise ImproperlyConfigured(
            f'{name} must be written as requests/seconds, for example "60/60", or "off".'
        ) from None
    return (requests, seconds) if requests > 0 and seconds > 0 else None


# Searches per client (the page and the API together); a load test from one address raises it.
SEARCH_RATE_LIMIT = _rate_limit("SEARCH_RATE_LIMIT", "60/60")
# Openings of follow-up links per client, right or wrong: plenty for a fellow, too few to guess.
FOLLOW_UP_RATE_LIMIT = _rate_limit("FOLLOW_UP_RATE_LIMIT", "30/3600")
# Requests to shared-draft links per client, right or wrong, and comments sent through them.
SHARE_LINK_RATE_LIMIT = _rate_limit("SHARE_LINK_RATE_LIMIT", "60/3600")
SHARE_COMMENT_RATE_LIMIT = _rate_limit("SHARE_COMMENT_RATE_LIMIT", "20/3600")

# Months after a project's end date at which its fellows are asked what happened next
# (impact/follow_ups.py), and the days each emailed link works for.
FOLLOW_UP_MONTHS = [int(m) for m in env_list("FOLLOW_UP_MONTHS", "6,12,24")]
FOLLOW_UP_LINK_DAYS = int(env("FOLLOW_UP_LINK_DAYS", "60"))


def _seconds(name, default):
    """A positive number of seconds, e.g. "5" or "0.5"."""
    value = env(name, default)
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = 0
    if not 0 < seconds < float("inf"):
        raise ImproperlyConfigured(f'{name} must be a number of seconds above 0, for example "5".')
    return seconds


# The longest a search may keep the database busy when it answers without Elasticsearch (or
# instead of it): the search page then says so rather than holding a worker for minutes.
SEARCH_DATABASE_TIMEOUT = _seconds("SEARCH_DATABASE_TIMEOUT", "5")


# Security headers: django-csp sends CSP_PUBLIC or CSP_ADMIN (chosen in core.security), and
# django-permissions-policy sends PERMISSIONS_POLICY.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Recordings on Knowledge Exchange pages are embedded from these providers.
EMBED_FRAME_SOURCES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
# Public pages run only the site's own script and style files: nothing inline, nothing from
# elsewhere, and no page may frame them.
CSP_PUBLIC = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "frame-src": ["'self'", *EMBED_FRAME_SOURCES],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# The Wagtail admin writes inline scripts (inline panels, date pickers) and styles, shows image
# previews from data: and blob: addresses, frames its own page previews, and asks
# releases.wagtail.org whether a newer Wagtail is out.
CSP_ADMIN = {
    **CSP_PUBLIC,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", "https://releases.wagtail.org"],
    "media-src": ["'self'", "blob:"],
    "worker-src": ["'self'", "blob:"],
    "frame-ancestors": ["'self'"],
}
# Powerful browser features the site never uses are switched off for it and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
# Admin avatars come from uploads only: an editor's email address (hashed) is not sent to Gravatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
