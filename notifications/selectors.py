"""Reads of notifications."""

from django.db.models import QuerySet

from notifications.models import Notification, OutgoingMail


def unread_count(*, user) -> int:
    """How many of the user's notifications are unread: one query."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_of(*, user) -> QuerySet[Notification]:
    """The user's notifications, newest first."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-pk")


def outbox(*, status: str = "") -> QuerySet[OutgoingMail]:
    """The outbox, newest first, of one status when ``status`` is given."""
    mails = OutgoingMail.objects.order_by("-created_at", "-pk")
    return mails.filter(status=status) if status else mails
