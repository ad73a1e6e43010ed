from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """How people are told: in-app notifications (the bell), the mail outbox and each user's
    preferences (language, muted reminders, private calendar feed)."""

    name = "notifications"
    verbose_name = _("Notifications")
