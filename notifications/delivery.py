"""Sending a row of mail exactly once, whatever the workers and the broker do.

A row (``notifications.models.Delivery``) is claimed under ``SELECT … FOR UPDATE SKIP LOCKED``
inside a transaction that stays open while the mail goes out, and marked ``sent`` in the same
transaction. Two workers given the same row: the second skips it. A worker killed mid-send: the
transaction rolls back, the row is still ``scheduled`` and the next worker sends it again; that
one message is the only one that can reach its recipient twice.

Errors: only those that may pass on their own (``TRANSIENT_MAIL_ERRORS``) are retried, with
back-off, up to ``MAX_ATTEMPTS``; any other (a refused recipient, a bad address) fails the row at
once with the error kept for the outbox page.
"""

import datetime
import logging
import smtplib
from collections.abc import Callable

from django.db import models, transaction
from django.utils import timezone

from common.tasks import TRANSIENT_MAIL_ERRORS
from notifications.models import Delivery

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
# Wait before attempt n+1 (n = attempts made): 5 min, 15 min, 45 min, 2 h 15 …
FIRST_RETRY = datetime.timedelta(minutes=5)
# A scheduled row handed to the broker this long ago and still not sent is handed over again.
REQUEUE_AFTER = datetime.timedelta(minutes=10)

Status = Delivery.Status


def retry_delay(attempts: int) -> datetime.timedelta:
    """The wait after ``attempts`` failed attempts (1, 2, …): 5 minutes times 3^(attempts-1)."""
    return FIRST_RETRY * 3 ** max(attempts - 1, 0)


def is_transient(error: BaseException) -> bool:
    """Whether a mail error may pass on its own: the server unreachable, disconnecting, busy
    (a 4xx reply) or a network timeout."""
    if isinstance(error, TRANSIENT_MAIL_ERRORS):
        return True
    return isinstance(error, smtplib.SMTPResponseException) and 400 <= error.smtp_code < 500


def deliver(
    model: type[Delivery],
    pk: int,
    send: Callable[[Delivery], list[str] | None],
    *,
    now: datetime.datetime | None = None,
    before: Callable[[Delivery], None] | None = None,
) -> Delivery | None:
    """Claim the ``scheduled`` row ``pk`` of ``model`` and call ``send(row)`` under its lock.

    ``send`` sends the mail (raising on a mail error) and returns the addresses it went to, or
    ``None`` when the row turned out not to be needed any more (it is marked ``skipped``); what
    it writes is undone when it raises. ``before(row)``, when given, runs under the lock just
    before ``send``, and what it writes is kept even when the mail fails (a reminder's
    notifications under the bell). Returns the row as left, or ``None`` when it was not
    claimed: another worker holds it, it is no longer scheduled, or its next attempt is not
    due. Raises nothing for mail errors.
    """
    now = now or timezone.now()
    with transaction.atomic():
        row = (
            model.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, status=Status.SCHEDULED)
            .filter(models.Q(next_attempt_at__isnull=True) | models.Q(next_attempt_at__lte=now))
            .first()
        )
        if row is None:
            return None
        if before is not None:
            before(row)
        try:
            with transaction.atomic():
                recipients = send(row)
        except Exception as error:  # a mail error of any kind is recorded, never raised
            _record_failure(row, error, now=now)
        else:
            if recipients is None:
                row.status = Status.SKIPPED
            else:
                row.status, row.sent_at = Status.SENT, timezone.now()
                row.recipients = ", ".join(recipients)
            row.last_error = ""
            row.save(update_fields=["status", "sent_at", "recipients", "last_error"])
        return row


def _record_failure(row: Delivery, error: BaseException, *, now: datetime.datetime) -> None:
    row.attempts += 1
    row.last_error = f"{type(error).__name__}: {error}"[:2000]
    if is_transient(error) and row.attempts < MAX_ATTEMPTS:
        row.next_attempt_at = now + retry_delay(row.attempts)
        logger.warning("Mail of %s %s failed, retrying: %s", type(row).__name__, row.pk, error)
    else:
        row.status = Status.FAILED
        logger.warning("Mail of %s %s failed for good: %s", type(row).__name__, row.pk, error)
    row.save(update_fields=["attempts", "last_error", "next_attempt_at", "status"])


def due_rows(model: type[Delivery], *, now: datetime.datetime) -> models.QuerySet:
    """The scheduled rows of ``model`` to hand to the broker now: never queued, or queued more
    than ``REQUEUE_AFTER`` ago and not sent (the message or the worker was lost), whose next
    attempt is due."""
    return model.objects.filter(status=Status.SCHEDULED).filter(
        models.Q(queued_at__isnull=True) | models.Q(queued_at__lte=now - REQUEUE_AFTER),
        models.Q(next_attempt_at__isnull=True) | models.Q(next_attempt_at__lte=now),
    )


def publish(task, ids: list[int]) -> None:
    """Give the ids to the Celery ``task`` (one message) without waiting for a broker that is
    down: one connection attempt, no publish retries. Raises the broker's error at once (in
    milliseconds, not Celery's default ~20 seconds of reconnecting). With no broker configured
    (eager mode) the task runs here and now."""
    if task.app.conf.task_always_eager:
        task.apply_async(args=[ids])
        return
    with task.app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, interval_start=0)
        task.apply_async(args=[ids], retry=False, connection=connection)


def hand_over(model: type[Delivery], ids: list[int], task, *, batch: int) -> int:
    """Give ``ids`` to the Celery ``task`` in batches of ``batch`` (``publish``) and mark them
    queued. When the broker refuses a batch the rest wait too (unqueued: the next dispatcher
    run tries again) and it is logged; nothing is raised, so the caller's work is never undone
    by a broker that is down. Returns the number of rows handed over."""
    handed = 0
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        try:
            publish(task, chunk)
        except Exception:
            logger.exception(
                "The broker refused %s rows; %d wait for the next dispatcher run",
                model.__name__,
                len(ids) - handed,
            )
            break
        model.objects.filter(pk__in=chunk).update(queued_at=timezone.now())
        handed += len(chunk)
    return handed
