"""Two dispatcher runs at the same moment (two beat schedulers, a run that overlaps the next):
each reminder is written once and each unit gets one mail."""

import threading
from collections import Counter

import pytest
from django.db import connection

from reminders.models import ReminderDispatch
from reminders.services.dispatch import DispatchResult, dispatch
from tests.reliability.conftest import owing_units

UNITS = 120


@pytest.mark.django_db(transaction=True)
def test_dispatch_twice_at_once_writes_and_sends_each_reminder_once(postgresql, smtp_sink):
    owing = owing_units(UNITS)
    start = threading.Barrier(2, timeout=30)
    results: list[DispatchResult] = []
    errors: list[BaseException] = []

    def run() -> None:  # each thread has its own database connection
        try:
            start.wait()
            results.append(dispatch(now=owing.now))  # tasks run in-process (eager)
        except BaseException as error:  # reported by the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    # Not asserted: a run's ``reminders`` also counts the rows the other run committed between
    # its two counts, so the two runs may both report UNITS (reported to the lead).
    print(f"\ntwo runs at once: {results}")
    assert len(results) == 2
    rows = ReminderDispatch.objects.all()
    assert rows.values("deadline", "unit", "offset").distinct().count() == rows.count() == UNITS
    assert set(rows.values_list("status", flat=True)) == {ReminderDispatch.Status.SENT}
    received = Counter(address for m in smtp_sink.messages for address in m.recipients)
    assert received == dict.fromkeys(owing.emails, 1)
    assert all(owing.deadline.title in m.subject for m in smtp_sink.messages)
