from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Certificates (Bằng khen, Giấy khen) printed for the grants of a decision, and the public
    page a certificate's QR code opens to verify it."""

    name = "certificates"
    verbose_name = _("Certificates")
