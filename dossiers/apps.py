from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DossiersConfig(AppConfig):
    """Award dossiers, review rounds and council votes (filled by the dossiers issue)."""

    name = "dossiers"
    verbose_name = _("Dossiers")
