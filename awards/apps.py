from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    """Award catalog, award history and eligibility."""

    name = "awards"
    verbose_name = _("Awards")
