"""Fixtures of the reliability tests: a real SMTP server, a Redis database of their own, real
Celery workers in other processes, and many units owing one deadline.

The workers read and write the test database, so these tests commit their data
(``django_db(transaction=True)``) and need PostgreSQL: locally a missing PostgreSQL or Redis
skips them, under ``TDKT_REQUIRE_SERVICES=1`` it fails them (``require_service``).
"""

import datetime
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from common.text import search_key
from common.working_days import working_days_after
from organizations.models import Council, Membership, Unit
from reminders.models import Deadline, DeadlineUnit
from tests.conftest import require_service
from tests.dossiers.conftest import world  # noqa: F401 - a fixture of the broker-down test
from tests.reliability.workers import (
    CeleryWorker,
    celery_broker,
    database_url,
    own_redis_url,
    redis_flush,
)
from tests.smtp_sink import SmtpSink


@pytest.fixture
def postgresql(transactional_db) -> None:
    """Fail or skip unless the test database is PostgreSQL (row locks, other processes)."""
    url = os.environ.get("DATABASE_URL", "")
    require_service("PostgreSQL", connection.vendor == "postgresql", f"DATABASE_URL={url!r}")


@pytest.fixture
def redis_url() -> Iterator[str]:
    """The URL of the reliability tests' Redis database, empty."""
    url = own_redis_url()
    require_service("Redis", redis_flush(url), f"nothing answers at {url}")
    yield url
    redis_flush(url)


@pytest.fixture
def smtp_sink(settings) -> Iterator[SmtpSink]:
    """A running SMTP server (tests/smtp_sink.py) that mail sent in this process goes to."""
    with SmtpSink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = sink.host, sink.port
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        yield sink


@pytest.fixture
def broker(redis_url) -> Iterator[str]:
    """This process queues its tasks on the reliability Redis database instead of running them
    in-process. Returns its URL."""
    with celery_broker(redis_url):
        yield redis_url


@pytest.fixture
def start_worker(
    postgresql, redis_url, smtp_sink, tmp_path
) -> Iterator[Callable[[], CeleryWorker]]:
    """Starts a real worker process (``CeleryWorker``: prefork, 2 processes) on the reliability
    Redis database, the test database and the SMTP sink each time it is called; every worker
    still running is stopped at the end, and the output of each is printed (shown when the
    test fails)."""
    started: list[CeleryWorker] = []

    def start() -> CeleryWorker:
        worker = CeleryWorker(
            redis_url=redis_url,
            database_url=database_url(connection.settings_dict),
            email_url=smtp_sink.url,
            log_path=tmp_path / f"worker-{len(started) + 1}.log",
        )
        started.append(worker.start())
        return worker

    yield start
    for number, worker in enumerate(started, start=1):
        worker.stop()
        print(f"--- worker {number} output ---\n{worker.log_tail()}")


@dataclass
class Owing:
    """A council's deadline owed by ``units``, each with one officer of address ``emails[i]``;
    ``now`` is a moment its reminder is due (9:00 on its due date)."""

    deadline: Deadline
    units: list[Unit]
    emails: list[str]
    now: datetime.datetime


def owing_units(count: int) -> Owing:
    """A province council whose deadline (kind "other", reminded on its day only) is owed by
    ``count`` communes, responsible since a month before; each commune has one unit officer
    with an e-mail address. The due date is a working day at least a week ahead, so that
    ``now`` is later than the moment of any worker's clock (rows queued in the test are due
    again REQUEUE_AFTER after ``now``)."""
    province = Unit.objects.create(name="Tỉnh Tin Cậy", kind=Unit.Kind.PROVINCE, code="96")
    council = Council.objects.create(unit=province, name="Hội đồng Thi đua – Khen thưởng tỉnh")
    units = Unit.objects.bulk_create(
        Unit(
            name=f"Xã Tin Cậy {n:04d}",
            search_name=search_key(f"Xã Tin Cậy {n:04d}"),
            kind=Unit.Kind.COMMUNE,
            parent=province,
        )
        for n in range(count)
    )
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"canbo{n:04d}", email=f"canbo{n:04d}@xa.example.vn")
        for n in range(count)
    )
    Membership.objects.bulk_create(
        Membership(user=user, unit=unit, role=Membership.Role.UNIT_OFFICER)
        for user, unit in zip(users, units, strict=True)
    )
    due = working_days_after(timezone.localdate() + datetime.timedelta(days=7), 0)
    deadline = Deadline.objects.create(
        kind=Deadline.Kind.OTHER,
        council=council,
        title="Gửi báo cáo kết quả phong trào thi đua năm",
        due_date=due,
        offsets="0",
    )
    DeadlineUnit.objects.bulk_create(DeadlineUnit(deadline=deadline, unit=unit) for unit in units)
    now = timezone.make_aware(datetime.datetime.combine(due, datetime.time(9)))
    DeadlineUnit.objects.filter(deadline=deadline).update(
        added_at=now - datetime.timedelta(days=30)
    )
    return Owing(deadline, units, [user.email for user in users], now)
