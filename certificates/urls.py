"""URLs of certificates: the public verification page a certificate's QR code opens (no
login). Printing runs as an export job (certificates/exporters.py)."""

from django.urls import path

from certificates import views

app_name = "certificates"

urlpatterns = [
    path("verify/<str:token>/", views.verify, name="verify"),
]
