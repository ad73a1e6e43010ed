from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    """Emulation campaigns, clusters and blocs (filled by the campaigns issue)."""

    name = "campaigns"
    verbose_name = _("Campaigns")
