"""Settings for the load benchmark (benchmarks/load.py, benchmarks/seed_large.py).

Production's settings (DEBUG off, the manifest static files storage, persistent database
connections, PBKDF2 password hashing, every middleware), served by gunicorn over plain HTTP on
the loopback interface, where no TLS-terminating proxy sits in front: the HTTPS redirect, HSTS
and the secure-only cookies are turned off, nothing else.

Environment: ``DATABASE_URL`` (the seeded database), ``DJANGO_SECRET_KEY`` (load.py passes a
random one; every worker must share it), ``DJANGO_ALLOWED_HOSTS`` (default 127.0.0.1 and
localhost), ``STATIC_ROOT`` and ``MEDIA_ROOT`` (default under test-artifacts/). Never deploy with
these settings.
"""

import os
from pathlib import Path

os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")

from config.settings.base import BASE_DIR, env
from config.settings.production import *  # noqa: F403

# Plain HTTP on 127.0.0.1: no redirect to HTTPS, no HSTS, cookies sent without TLS.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
SECURE_HSTS_PRELOAD = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# collectstatic writes here (load.py runs it); uploads of the seeded data live here.
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "test-artifacts" / "load-static")))
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "test-artifacts" / "load-media")))
