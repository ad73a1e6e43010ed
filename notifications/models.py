"""Notifications in the application, mail waiting in the outbox, and users' preferences.

Every mail the application sends on its own (not the password-reset mail, which carries a
secret) is first a row: an ``OutgoingMail`` of an event, or a reminder (``reminders``). A row is
claimed under a row lock before it is sent, so two workers never send it twice, and it stays
``scheduled`` until the mail server has taken it: a broker or a worker that is down only
delays it (notifications/delivery.py).
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Delivery(models.Model):
    """What every row that sends mail keeps: its state and its attempts.

    ``scheduled`` rows are sent by a worker; a transient mail error (the server unreachable or
    disconnecting) leaves the row scheduled with ``next_attempt_at`` later, until
    ``notifications.delivery.MAX_ATTEMPTS``; any other error marks it ``failed`` at once.
    ``queued_at`` is when it was last handed to the broker: a row scheduled and not queued for
    a while is queued again by the dispatcher (a lost message, a broker that was down).
    """

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Not needed any more")

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    recipients = models.TextField(_("recipients"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        abstract = True


class OutgoingMail(Delivery):
    """One mail of an event (a dossier submitted, …) to one address, in its recipient's
    language, rendered when the event happened."""

    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML"), blank=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "queued_at"])]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class Notification(models.Model):
    """One line under a user's bell: a title, a short text and the page it is about."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    overdue = models.BooleanField(_("overdue"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.title


def new_calendar_token() -> str:
    """An unguessable token for a private calendar feed URL (URL-safe, 32 characters)."""
    return secrets.token_urlsafe(24)


class Preference(models.Model):
    """How a user wants to be told. Users without a row have the defaults: Vietnamese, reminders
    on, no calendar feed.

    ``mute_reminders`` stops the reminders before and on a deadline's day, never the overdue
    ones. ``calendar_token`` is the key of the user's private ICS feed; making a new one
    revokes the old URL, clearing it turns the feed off.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    language = models.CharField(
        _("language of mail"), max_length=8, choices=settings.LANGUAGES, default="vi"
    )
    mute_reminders = models.BooleanField(_("mute reminders before deadlines"), default=False)
    calendar_token = models.CharField(
        _("calendar key"), max_length=64, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)
