"""Certificate templates and the certificates printed for award grants.

A ``CertificateTemplate`` says how the certificate of an award looks: its heading ("BẰNG KHEN",
"GIẤY KHEN"), the issuer line, the signer's title and, for printing onto pre-printed blanks (in
phôi), where each text goes (``positions``, certificates/positions.py). Which template a grant
gets is decided in ``certificates.services.template_for``.

A ``Certificate`` is the printed paper of one grant: created the first time the decision's
certificates are printed, it holds the unguessable ``token`` of the public verification page
its QR code opens (never the grant's id), and how often and by whom it was printed.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from awards.models import AwardForm, AwardGrant, EmulationTitle
from certificates.positions import default_positions, positions_normalised, validate_positions

TOKEN_BYTES = 18


def new_token() -> str:
    """An unguessable token for a certificate's verification page: 18 random bytes,
    URL-safe base64, 24 characters (``secrets.token_urlsafe``)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


class CertificateTemplate(models.Model):
    """How the certificates of an award (a title or a form; neither: any award) conferred by
    an authority look.

    ``authority`` is matched against the decision's conferring authority text
    (``AwardDecision.authority``), ignoring case and accents: the template applies when the
    decision's authority contains it ("UBND thị xã Sơn Tây" applies to "Chủ tịch UBND thị xã
    Sơn Tây"); empty applies to any authority. ``issuer_line`` empty prints the decision's
    authority in capitals with "UBND" written out ("CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ XÃ SƠN TÂY").

    ``positions`` is completed with the defaults and checked on every save (raises
    ``ValidationError``, certificates/positions.py), so a template in the database always has a
    position for every field.
    """

    name = models.CharField(_("name"), max_length=255)
    title = models.ForeignKey(
        EmulationTitle,
        verbose_name=_("emulation title"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="certificate_templates",
    )
    form = models.ForeignKey(
        AwardForm,
        verbose_name=_("form of commendation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="certificate_templates",
    )
    authority = models.CharField(
        _("conferring authority"),
        max_length=255,
        blank=True,
        help_text=_(
            "Used for decisions whose conferring authority contains this text (case and "
            "accents ignored), e.g. “UBND thị xã Sơn Tây”. Empty: any authority."
        ),
    )
    heading = models.CharField(_("certificate heading"), max_length=100, default="GIẤY KHEN")
    issuer_line = models.CharField(
        _("issuer line"),
        max_length=255,
        blank=True,
        help_text=_(
            "E.g. “CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ XÃ SƠN TÂY”. Empty: the decision's conferring "
            "authority in capitals."
        ),
    )
    verb = models.CharField(
        _("verb line"), max_length=50, blank=True, default="TẶNG", help_text=_("E.g. “TẶNG”.")
    )
    signer_title = models.CharField(_("signer's title"), max_length=255, default="CHỦ TỊCH")
    positions = models.JSONField(
        _("positions on pre-printed blanks"),
        default=default_positions,
        blank=True,
        validators=[validate_positions],
        help_text=_(
            "Millimetres from the top-left corner of the A4 landscape sheet and font sizes in "
            "points, per field: heading, issuer, verb, recipient, details, reason, decision, "
            "place_date, signer_title, signer_name (x, y, width, size, align, bold, italic, "
            "show) and qr (x, y, size in mm, show). Missing values take the defaults."
        ),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(title__isnull=True) | Q(form__isnull=True),
                name="certificate_template_title_or_form",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.positions = positions_normalised(self.positions)
        super().save(*args, **kwargs)


class Certificate(models.Model):
    """The certificate of one grant, with the token of its public verification page."""

    grant = models.OneToOneField(
        AwardGrant,
        verbose_name=_("award grant"),
        on_delete=models.CASCADE,
        related_name="certificate",
    )
    token = models.CharField(
        _("verification key"), max_length=64, unique=True, default=new_token, editable=False
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    printed_at = models.DateTimeField(_("last printed at"), null=True, blank=True)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last printed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    times_printed = models.PositiveIntegerField(_("times printed"), default=0)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["grant"]

    def __str__(self) -> str:
        return str(self.grant)
