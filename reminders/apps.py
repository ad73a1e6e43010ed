from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    """Deadlines with their responsible units, reminders before and after them, the overdue
    digest and the calendar feed."""

    name = "reminders"
    verbose_name = _("Deadlines and reminders")
