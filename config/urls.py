"""Top-level URL configuration."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("TĐKT administration")
admin.site.site_title = _("TĐKT")
admin.site.index_title = _("Catalogs and accounts")

urlpatterns = [
    path("", include("common.urls")),
    path("units/", include("organizations.urls")),
    path("plans/", include("plans.urls")),
    path("awards/", include("awards.urls")),
    path("", include("campaigns.urls")),
    path("registrations/", include("registrations.urls")),
    path("dossiers/", include("dossiers.urls")),
    path("deadlines/", include("reminders.urls")),
    path("notifications/", include("notifications.urls")),
    path("reports/", include("reports.urls")),
    path("", include("certificates.urls")),
    path("accounts/security/", include("security.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
