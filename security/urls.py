"""Two-step verification pages, mounted under ``accounts/security/`` (config/urls.py)."""

from django.urls import path

from security import views

app_name = "security"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("verify/", views.verify, name="verify"),
    path("setup/", views.setup, name="setup"),
    path("backup-codes/", views.backup_codes_renew, name="backup_codes"),
]
