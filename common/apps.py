from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommonConfig(AppConfig):
    """Cross-cutting pieces: the dashboard, account pages, mail sending and layout helpers."""

    name = "common"
    verbose_name = _("Common")

    def ready(self) -> None:
        from common import lookups

        lookups.register()

        # Writes replace the data version the caches of pages and summaries are keyed by.
        from common import data_version

        data_version.connect()
