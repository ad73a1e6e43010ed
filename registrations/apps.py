from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    """Emulation registrations (filled by the registrations issue)."""

    name = "registrations"
    verbose_name = _("Registrations")
