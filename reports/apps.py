from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """What comes out of the system at year end: the annual summary, the statutory forms of
    Circular 02/2023/TT-BNV, and every list as Excel, CSV or PDF, rendered in the background
    (``ExportJob``) with a progress bar and kept for 24 hours."""

    name = "reports"
    verbose_name = _("Reports and exports")

    def ready(self) -> None:
        # Every app's ``exporters`` module registers its exporters (reports/registry.py).
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("exporters")
