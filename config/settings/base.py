"""Settings shared by every environment, read from the environment with django-environ.

Environment variables (all optional in development):
- ``DATABASE_URL``: default a SQLite file ``db.sqlite3`` in the project root.
- ``REDIS_URL``: Celery broker and result backend, and the cache; unset means tasks run
  eagerly in-process and the cache is the process's memory.
- ``CACHE_URL``: another Redis for the cache (default ``REDIS_URL``);
  ``TDKT_SUMMARY_CACHE_SECONDS``: the longest an annual summary stays cached (default 900);
  ``TDKT_PAGE_CACHE_SECONDS``: the longest a user's rendered page stays cached (default 300 with
  a cache URL, else 0: off).
- ``DJANGO_SECRET_KEY``, ``DJANGO_ALLOWED_HOSTS`` (comma separated), ``DJANGO_DEBUG``.
- ``EMAIL_URL`` (e.g. ``smtp://user:pass@host:587``; default: console), ``DEFAULT_FROM_EMAIL``.
- ``MEDIA_ROOT``: where uploaded files are stored (outside the web root).
- ``SITE_URL``: the public address of the site, for links in mail and calendar feeds.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])

# --- Apps -----------------------------------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.admin",
]
THIRD_PARTY_APPS = [
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "django_filters",
    # Two-step verification (security/): authenticator apps and backup codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
LOCAL_APPS = [
    "common",
    "organizations",
    "plans",
    "campaigns",
    "registrations",
    "awards",
    "dossiers",
    "notifications",
    "reminders",
    "reports",
    "certificates",
    "security",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "common.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Records every 403 (and CSRF refusal) in the security log; must come before CsrfView.
    "security.middleware.SecurityEventMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Sends managing roles to the second-factor page until they pass it (TDKT_REQUIRE_2FA).
    "security.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Replaces the data version after every write request (common/data_version.py).
    "common.data_version.DataVersionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # AxesMiddleware must be last: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    }
]

# --- Database ---------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication ---------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # AxesStandaloneBackend must be first: it refuses locked-out credentials before checking them.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# django-axes: lock a username + address pair out after repeated failures, for one hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True

# Uploads: small files in memory, larger ones to a temporary file that stops growing past the
# largest accepted upload (common/uploads.py), so an oversize file is refused with the page.
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "common.uploads.LimitedUploadHandler",
]

# Two-step verification (security/): staff, superusers and every secretariat or administrator
# membership must pass an authenticator code or a backup code after the password.
TDKT_REQUIRE_2FA = env.bool("TDKT_REQUIRE_2FA", default=True)
# Wrong codes in a row that lock a user's second factor, and for how long (minutes). This
# per-user lock replaces django-otp's per-device back-off (its throttle factors are 0).
TDKT_OTP_FAILURE_LIMIT = 5
TDKT_OTP_LOCKOUT_MINUTES = 15
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
OTP_TOTP_ISSUER = "TĐKT"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# The CSRF failure page, marked for the security log.
CSRF_FAILURE_VIEW = "security.views.csrf_failure"

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
# Dates are shown and entered as dd/mm/yyyy in every language (config/formats/*/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]

# --- Static and media files -----------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploaded files live outside the web root and are served only through permission-checked views.
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# No URL serves MEDIA_ROOT in production: downloads go through permission-checked views.
MEDIA_URL = "/media/"

# --- Forms ------------------------------------------------------------------------------------
# The plan edit page has a field for every section and schedule cell (about 700 for a town plan).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- E-mail -----------------------------------------------------------------------------------
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "")
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="TĐKT <no-reply@tdkt.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address links in mail and calendar feeds start with (no request to take it from).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# --- Cache --------------------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
# Redis when REDIS_URL (or CACHE_URL) is set: shared by every app server and Celery worker, so a
# write anywhere forgets the cached summaries and pages everywhere (common/data_version.py).
# Without it, this process's memory: right for the demo's single process only.
CACHE_URL = env("CACHE_URL", default=REDIS_URL)
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "tdkt",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# How long a computed annual summary is kept at most (seconds); writes forget it sooner.
TDKT_SUMMARY_CACHE_SECONDS = env.int("TDKT_SUMMARY_CACHE_SECONDS", default=15 * 60)
# How long a user's rendered page is kept at most (common/page_cache.py); writes forget it sooner.
# Off without a shared cache: one process's memory does not see another process's writes.
TDKT_PAGE_CACHE_SECONDS = env.int("TDKT_PAGE_CACHE_SECONDS", default=5 * 60 if CACHE_URL else 0)

# --- Celery -----------------------------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
# With no broker configured, tasks run in the calling process so the demo needs no server.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 10 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 9 * 60
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_RESULT_EXPIRES = 24 * 60 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The reminder dispatcher: finds the reminders and digests due, hands them and any mail left
# waiting (broker down, worker lost) to the workers (reminders/services/dispatch.py).
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "reminders-dispatch": {"task": "reminders.dispatch", "schedule": 15 * 60},
    # Exported files are kept EXPORT_KEEP_HOURS, then their files and rows are deleted.
    "reports-purge-exports": {"task": "reports.purge_exports", "schedule": 60 * 60},
}
# Hours a file exported in the background (reports.ExportJob) stays downloadable.
EXPORT_KEEP_HOURS = 24
# Reminders go out from this hour (local time) of their day; offsets before a deadline, in
# order: "w" working days, "d" calendar days, negative before the due date, positive after.
REMINDER_SEND_HOUR = env.int("REMINDER_SEND_HOUR", default=8)
REMINDER_DEFAULT_OFFSETS = "-7w, -3w, -1d, 0, +1d"

# --- Security (hardened further in production.py) ---------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# --- Project ------------------------------------------------------------------------------------
# Sample plan documents imported by the demo; shipped in the repository (copied from shared/plans).
SAMPLE_PLANS_DIR = BASE_DIR / "plans" / "samples"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # Log-ins, second-factor checks and refused requests (security/services.py).
        "security": {"level": "INFO"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
