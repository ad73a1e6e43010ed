from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Two-step verification for the managing roles and the security event log."""

    name = "security"
    verbose_name = _("Security")

    def ready(self) -> None:
        from security import signals  # noqa: F401 - connects the login receivers
