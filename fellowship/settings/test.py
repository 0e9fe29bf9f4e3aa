"""Settings for the test suite: fast hashing, in-memory email, and tasks run immediately."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# The browser tests' live site gives its own address (a WAGTAILADMIN_BASE_URL left in a
# developer's shell is not read), so that the links it hands out can be followed.
WAGTAILADMIN_BASE_URL = env("TEST_SITE_ADDRESS", "http://testserver")  # noqa: F405
SEARCH_INDEX_PREFIX = "test-fellowship"
# Many tests search from one address within a minute; the rate limit's own tests switch it on.
SEARCH_RATE_LIMIT = None
# One process, so the local-memory cache is shared by every request that counts sign-ins.
SILENCED_SYSTEM_CHECKS = ["axes.W001"]
