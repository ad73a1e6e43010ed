from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    """Award dossiers: review rounds, attachments, appraisal, council sessions and decisions."""

    name = "dossiers"
    verbose_name = _("Dossiers")
