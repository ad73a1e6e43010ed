from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    """Emulation and commendation plans, their schedules and deadlines (the plans issue)."""

    name = "plans"
    verbose_name = _("Plans")
