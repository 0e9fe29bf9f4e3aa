"""Production: every secret from the environment, HTTPS-only cookies, and refusal to start unsafely."""

from .base import *  # noqa: F403

# DEBUG leaks settings and tracebacks to visitors, so an attempt to switch it on stops start-up.
if (env("DEBUG", "") or "").strip().lower() not in ("", "0", "false", "no", "off"):  # noqa: F405
    raise ImproperlyConfigured("DEBUG must not be switched on in production; unset DEBUG.")  # noqa: F405
DEBUG = False

SECRET_KEY = require("SECRET_KEY", SECRET_KEY)  # noqa: F405
if (
    len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or SECRET_KEY.startswith(("dev-", "test-", "django-insecure"))
):
    raise ImproperlyConfigured(  # noqa: F405
        "SECRET_KEY must be a long random value of at least 50 characters, not a development key."
    )
ALLOWED_HOSTS = require("ALLOWED_HOSTS", env_list("ALLOWED_HOSTS"))  # noqa: F405
if "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the site's hosts, not '*'.")  # noqa: F405
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")  # noqa: F405

# Derived from the one proxy setting, so the two cannot disagree: the scheme a proxy reports is
# believed only when there is a proxy to report it; without one, a visitor could send the header
# and be taken for HTTPS.
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if TRUSTED_PROXY_COUNT else None  # noqa: F405
)
SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT", "1") == "1"  # noqa: F405
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# Uploads live on a volume named by MEDIA_ROOT (read in base); MEDIA_URL lets a proxy or CDN serve them.
MEDIA_URL = env("MEDIA_URL", MEDIA_URL)  # noqa: F405

# Error reports go to ADMINS ("Name <address>, ..."), sent from SERVER_EMAIL.
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405
ADMINS = [(address, address) for address in env_list("ADMINS")]  # noqa: F405

# Login throttling counts failures in the cache, so every worker process must share it. The database
# is already shared, which avoids running another service; create the table with `createcachetable`.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": env("CACHE_TABLE", "fellowship_cache"),  # noqa: F405
        # Django's default of 300 entries would, with a few hundred visitors searching at once,
        # evict sign-in lockouts along with rate-limit counts; expired entries are still culled.
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}
