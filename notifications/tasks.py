"""Background tasks of notifications: ids in, a service call out."""

from celery import shared_task

from notifications.services import mails_send


@shared_task(name="notifications.send_mail", ignore_result=True)
def send_mail_task(ids: list[int]) -> int:
    """Send the outbox rows ``ids`` (``mails_send``); rows sent or taken meanwhile are skipped.
    Returns how many were sent."""
    return mails_send(ids=ids)
