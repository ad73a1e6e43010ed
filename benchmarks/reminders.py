"""A reminder for every commune of the country at once: a table, not a test.

Run from the repository root: ``.venv/bin/python benchmarks/reminders.py``; with
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt_bench`` it runs on PostgreSQL (the
targets are set there), without it on a temporary SQLite file (one worker process then). It
needs Redis: REDIS_URL's server (default 127.0.0.1:6379), database 7, emptied before and after.

The data: a province council, 3,321 communes each with one unit officer with an e-mail address
and its own deadline (kind "other", due on a working day a week ahead, reminded on the day),
responsible since a month before.
The measurements:
1. the dispatcher run at 9:00 on the due date (``reminders.services.dispatch.dispatch``): it
   finds the 3,321 reminders due (``reminders_due``, also timed alone), writes them and hands
   them to the broker in batches; no worker runs. Target: ≤ 10 s.
2. a real worker (``celery -A config worker --pool=prefork --concurrency=2``, as
   tests/reliability starts it) delivers them to a local SMTP server (aiosmtpd): mails per
   second from the first to the last. Target: ≥ 200 mails/s.
"""

import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path[0] = str(REPO)

from benchmarks.eligibility import _setup_django  # noqa: E402 - needs the path set above

UNITS = 3_321
DISPATCH_TARGET_S = 10.0
RATE_TARGET = 200.0  # mails per second
DELIVERY_TIMEOUT_S = 300


def build() -> datetime.datetime:
    """The data described in the module docstring; returns the moment the reminders are due."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from benchmarks.world import province_with_communes
    from common.working_days import working_days_after
    from organizations.models import Membership
    from reminders.models import Deadline, DeadlineUnit

    _province, council, communes = province_with_communes(UNITS)
    user_model = get_user_model()
    users = user_model.objects.bulk_create(
        user_model(username=f"canbo{n:04d}", email=f"canbo{n:04d}@xa.example.vn")
        for n in range(UNITS)
    )
    Membership.objects.bulk_create(
        Membership(user=user, unit=unit, role=Membership.Role.UNIT_OFFICER)
        for user, unit in zip(users, communes, strict=True)
    )
    due = working_days_after(timezone.localdate() + datetime.timedelta(days=7), 0)
    deadlines = Deadline.objects.bulk_create(
        Deadline(
            kind=Deadline.Kind.OTHER,
            council=council,
            title=f"Báo cáo kết quả thi đua của {commune.name}",
            due_date=due,
            offsets="0",
        )
        for commune in communes
    )
    DeadlineUnit.objects.bulk_create(
        DeadlineUnit(deadline=deadline, unit=commune)
        for deadline, commune in zip(deadlines, communes, strict=True)
    )
    now = timezone.make_aware(datetime.datetime.combine(due, datetime.time(9)))
    DeadlineUnit.objects.update(added_at=now - datetime.timedelta(days=30))
    return now


def measure_dispatch(now: datetime.datetime) -> float:
    """Time ``reminders_due`` alone, then the whole dispatcher run; prints both. Returns the
    run's seconds."""
    from reminders.services.dispatch import BATCH, dispatch, reminders_due

    start = time.perf_counter()
    due = reminders_due(now=now)
    found = time.perf_counter() - start
    start = time.perf_counter()
    result = dispatch(now=now)
    seconds = time.perf_counter() - start
    assert result.reminders == result.handed_over == len(due) == UNITS, result
    print(f"reminders_due: {len(due):,} reminders found in {found:.2f} s")
    print(
        f"dispatch: {result.reminders:,} written and handed over "
        f"({-(-result.handed_over // BATCH)} messages of {BATCH}) in {seconds:.2f} s"
    )
    return seconds


def measure_delivery(*, redis_url: str, concurrency: int) -> float:
    """Start a worker, wait until the SMTP sink has every mail; prints the rate from the first
    mail to the last and the whole time with the worker's start. Returns mails per second."""
    from django.db import connection

    from reminders.models import ReminderDispatch
    from tests.reliability.workers import CeleryWorker, database_url
    from tests.smtp_sink import SmtpSink

    with SmtpSink() as sink, tempfile.TemporaryDirectory(prefix="tdkt-bench-") as scratch:
        worker = CeleryWorker(
            redis_url=redis_url,
            database_url=database_url(connection.settings_dict),
            email_url=sink.url,
            log_path=Path(scratch) / "worker.log",
            concurrency=concurrency,
        )
        start = time.monotonic()
        worker.start()
        try:
            arrived = sink.wait_for(UNITS, timeout=DELIVERY_TIMEOUT_S)
            whole = time.monotonic() - start
        finally:
            worker.stop()
        if arrived < UNITS:
            print(worker.log_tail())
        messages = sink.messages
    sent = ReminderDispatch.objects.filter(status=ReminderDispatch.Status.SENT).count()
    span = messages[-1].at - messages[0].at if len(messages) > 1 else 0.0
    rate = (len(messages) - 1) / span if span else 0.0
    print(
        f"worker ({concurrency} process{'es' if concurrency > 1 else ''}): "
        f"{len(messages):,} mails at the SMTP server, "
        f"{sent:,} reminders marked sent; {whole:.1f} s from its start, {span:.1f} s from the "
        f"first mail to the last: {rate:.0f} mails/s"
    )
    return rate


def main() -> None:
    teardown, database = _setup_django()
    from django.db import connection

    from tests.reliability.workers import celery_broker, own_redis_url, redis_flush

    redis_url = own_redis_url()
    if not redis_flush(redis_url):
        teardown()
        sys.exit(f"Redis does not answer at {redis_url}")
    try:
        start = time.perf_counter()
        now = build()
        print(f"{UNITS:,} communes built in {time.perf_counter() - start:.1f} s on {database}")
        print(f"(machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f})\n")
        with celery_broker(redis_url):
            seconds = measure_dispatch(now)
        connection.close()  # the worker processes write the same database
        concurrency = 2 if connection.vendor == "postgresql" else 1
        rate = measure_delivery(redis_url=redis_url, concurrency=concurrency)
        print("\nTargets:")
        met = seconds <= DISPATCH_TARGET_S
        print(f"  dispatch ≤ {DISPATCH_TARGET_S:.0f} s: {seconds:.2f} s", "OK" if met else "MISSED")
        met = rate >= RATE_TARGET
        print(f"  delivery ≥ {RATE_TARGET:.0f} mails/s: {rate:.0f}", "OK" if met else "MISSED")
    finally:
        redis_flush(redis_url)
        teardown()


if __name__ == "__main__":
    main()
