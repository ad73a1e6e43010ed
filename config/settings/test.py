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
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "test-artifacts" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests opt into Redis explicitly (tests/conftest.py); by default tasks run in-process.
CELERY_TASK_ALWAYS_EAGER = True
# Serve static files from the app folders without collectstatic (live-server browser tests).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
