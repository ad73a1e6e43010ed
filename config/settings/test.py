"""Settings for the test suite: fast password hashing, in-memory mail, deterministic secrets.

``DATABASE_URL`` and ``REDIS_URL`` still come from the environment, so CI runs the same tests
against the real PostgreSQL and Redis.
"""

from pathlib import Path

from config.settings.base import *  # noqa: F403
from config.settings.base import BASE_DIR, env

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-0123456789abcdefghij"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A Celery worker started by a test sends to that test's SMTP server (tests/smtp_sink.py), e.g.
# TDKT_TEST_EMAIL_URL=smtp://127.0.0.1:8025; in-process mail stays in memory unless a test says.
if env("TDKT_TEST_EMAIL_URL", default=""):
    _email = env.email_url("TDKT_TEST_EMAIL_URL")
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST, EMAIL_PORT = _email["EMAIL_HOST"], _email["EMAIL_PORT"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "test-artifacts" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each test starts with an empty cache of its own process (tests/conftest.py clears it);
# tests/reports/summary/test_cache.py runs the summary cache on the real Redis.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The pages are cached as in production (one process per test worker, so its memory is shared).
TDKT_PAGE_CACHE_SECONDS = 300
# Tests opt into Redis explicitly (tests/conftest.py); by default tasks run in-process.
CELERY_TASK_ALWAYS_EAGER = True
# Serve static files from the app folders without collectstatic (live-server browser tests).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Two-step verification is off for the suite, which logs managing roles in with force_login
# and through the log-in page; tests/security_2fa turns it on and covers it.
TDKT_REQUIRE_2FA = False
