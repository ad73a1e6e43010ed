"""Background tasks of reminders: ids in, a service call out."""

from celery import shared_task

from reminders.services.dispatch import dispatch
from reminders.services.sending import send_digests, send_reminders


@shared_task(name="reminders.dispatch")
def dispatch_task() -> dict:
    """One dispatcher run (``reminders.services.dispatch.dispatch``), from Celery beat every
    15 minutes. Returns its counts."""
    return vars(dispatch())


@shared_task(name="reminders.send_reminders", ignore_result=True)
def send_reminders_task(ids: list[int]) -> int:
    """Send the reminders ``ids`` (``send_reminders``). Returns how many were sent."""
    return send_reminders(ids=ids)


@shared_task(name="reminders.send_digests", ignore_result=True)
def send_digests_task(ids: list[int]) -> int:
    """Send the overdue digests ``ids`` (``send_digests``). Returns how many were sent."""
    return send_digests(ids=ids)
