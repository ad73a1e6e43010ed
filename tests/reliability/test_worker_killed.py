"""A worker killed in the middle of sending 1,000 reminders: after a restart and the next
dispatcher run every unit has its reminder, and only the messages that were on the wire when
the power went out can reach their recipient twice."""

import datetime
import threading
import time
from collections import Counter

import pytest

from notifications.delivery import REQUEUE_AFTER
from reminders.models import ReminderDispatch
from reminders.services.dispatch import dispatch
from tests.reliability.conftest import owing_units

UNITS = 1_000
KILL_AT = 100  # the power goes out while this mail waits for the server's answer


def wait_until(condition, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_reminders_killed_worker_every_unit_reminded_once_but_in_flight(
    postgresql, broker, smtp_sink, start_worker
):
    owing = owing_units(UNITS)
    worker = start_worker()
    killed = threading.Event()
    smtp_sink.call_at(KILL_AT, lambda: (worker.kill(), killed.set()))

    first = dispatch(now=owing.now, sync=False)
    assert (first.reminders, first.handed_over) == (UNITS, UNITS)
    if not killed.wait(timeout=60):
        pytest.fail(f"{smtp_sink.count()} mails at the sink after 60 s:\n{worker.log_tail()}")
    at_kill = smtp_sink.count()
    sent_at_kill = ReminderDispatch.objects.filter(status=ReminderDispatch.Status.SENT).count()

    start_worker()
    later = owing.now + REQUEUE_AFTER + datetime.timedelta(minutes=1)
    second = dispatch(now=later, sync=False)
    sent = ReminderDispatch.objects.filter(status=ReminderDispatch.Status.SENT)
    wait_until(lambda: sent.count() == UNITS, timeout=90, what="every reminder sent")

    rows = ReminderDispatch.objects.all()
    received = Counter(address for m in smtp_sink.messages for address in m.recipients)
    duplicates = sum(received.values()) - len(received)
    print(
        f"\n{UNITS} reminders: {at_kill} mails received and {sent_at_kill} rows sent when the "
        f"worker was killed; the second run wrote {second.reminders} rows and handed "
        f"{second.handed_over} over again; {sum(received.values())} mails in all, "
        f"{duplicates} sent twice"
    )
    assert second.reminders == 0
    assert rows.count() == UNITS
    assert rows.values("deadline", "unit", "offset").distinct().count() == UNITS
    assert set(rows.values_list("status", flat=True)) == {ReminderDispatch.Status.SENT}
    assert set(received) == set(owing.emails)
    # The mail on the wire at the kill went again; so may that of the other pool process.
    assert 1 <= duplicates <= worker.concurrency
