"""The Celery application.

Configuration comes from Django settings with the ``CELERY_`` prefix (config/settings/base.py):
JSON serialisers, task time limits, ``acks_late``, prefetch 1, and eager execution when no
``REDIS_URL`` is set. Start a worker with ``celery -A config worker -l info`` and the scheduler
with ``celery -A config beat -l info``.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("tdkt")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
