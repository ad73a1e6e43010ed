from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    """Units (administrative and others), people, councils and role memberships."""

    name = "organizations"
    verbose_name = _("Organizations")
