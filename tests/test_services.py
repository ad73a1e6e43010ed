"""Tests against the real services. Under CI (TDKT_REQUIRE_SERVICES=1) they fail if a service is
missing instead of skipping."""

import os
import time

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.db import connection
from django.urls import reverse

from config.celery_app import app as celery_app
from tests.conftest import require_service
from tests.factories import UserFactory


def redis_reachable(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=2).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def celery_worker_on_redis():
    """A real Celery worker thread consuming from the Redis at REDIS_URL."""
    url = os.environ.get("REDIS_URL", "")
    require_service("Redis", bool(url) and redis_reachable(url), f"REDIS_URL={url!r}")
    saved = {k: celery_app.conf[k] for k in ("broker_url", "result_backend", "task_always_eager")}
    celery_app.conf.update(broker_url=url, result_backend=url, task_always_eager=False)
    try:
        with start_worker(celery_app, perform_ping_check=False, loglevel="WARNING"):
            yield celery_app
    finally:
        celery_app.conf.update(saved)


@pytest.mark.django_db
def test_database_is_postgresql_when_configured():
    url = os.environ.get("DATABASE_URL", "")
    require_service("PostgreSQL", connection.vendor == "postgresql", f"DATABASE_URL={url!r}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        assert cursor.fetchone()[0].startswith("PostgreSQL")


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_password_reset_mail_is_sent_by_a_worker_through_redis(client, celery_worker_on_redis):
    UserFactory(username="canbo", email="canbo@phuong.example.com")

    response = client.post(reverse("password_reset"), {"email": "canbo@phuong.example.com"})

    assert response.status_code == 302
    deadline = time.monotonic() + 20
    while not mail.outbox and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [m.to for m in mail.outbox] == [["canbo@phuong.example.com"]]
