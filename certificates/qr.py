"""The QR code of a certificate: the absolute address of its public verification page.

The address is ``settings.SITE_URL`` followed by ``/verify/<token>/`` — the certificate's
unguessable token, never an id. The code is drawn by segno as inline SVG (WeasyPrint lays it
out without fetching anything), error correction level M, with the standard quiet zone of 4
modules on white, so it reads at about 25 mm even on a patterned pre-printed blank.
"""

from django.conf import settings
from django.urls import reverse

QR_ERROR = "m"
QR_BORDER = 4


def verification_url(token: str) -> str:
    """``https://…/verify/<token>/``: ``settings.SITE_URL`` (no trailing slash needed) and the
    path of ``certificates:verify``."""
    return settings.SITE_URL.rstrip("/") + reverse("certificates:verify", args=[token])


def qr_code(url: str):
    """The ``segno.QRCode`` of ``url`` (level M)."""
    import segno

    return segno.make(url, error=QR_ERROR, micro=False)


def qr_svg(url: str) -> str:
    """``url`` as an inline ``<svg>`` element sized by its container (a viewBox, no width or
    height), black modules on a white square including the quiet zone."""
    return qr_code(url).svg_inline(
        scale=1, border=QR_BORDER, dark="#000", light="#fff", omitsize=True
    )
