"""Background tasks shared by every app. Tasks are thin: plain arguments in, a service call out."""

import smtplib

from celery import shared_task
from django.core.mail import EmailMultiAlternatives

# Only errors that may pass on their own are retried; a refused recipient is not.
TRANSIENT_MAIL_ERRORS = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    ConnectionError,
    TimeoutError,
)


@shared_task(
    name="common.send_email",
    autoretry_for=TRANSIENT_MAIL_ERRORS,
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    max_retries=6,
)
def send_email(*, subject: str, body: str, to: list[str], html_body: str | None = None) -> int:
    """Send one message (plain text, optionally with an HTML alternative) to ``to``.

    Returns the number of messages sent (0 or 1). Transient SMTP or network errors are retried
    with exponential back-off, up to six times.
    """
    message = EmailMultiAlternatives(subject=subject, body=body, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    return message.send()
