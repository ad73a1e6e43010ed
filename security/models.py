"""The security event log: log-ins, second-factor checks and refused requests."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SecurityEvent(models.Model):
    """One thing that happened at the door: a log-in attempt, a second-factor check, a refused
    request. Written once (one INSERT), never changed; ``detail`` holds small extra facts (the
    refused view, the CSRF reason, whether the account was locked out) and never a password or
    a code."""

    class Kind(models.TextChoices):
        LOGIN_SUCCESS = "login_success", _("Log-in")
        LOGIN_FAILURE = "login_failure", _("Failed log-in")
        OTP_SUCCESS = "otp_success", _("Second factor passed")
        OTP_FAILURE = "otp_failure", _("Wrong second-factor code")
        OTP_LOCKOUT = "otp_lockout", _("Second factor locked")
        OTP_REFUSED = "otp_refused", _("Code refused while locked")
        OTP_SETUP = "otp_setup", _("Authenticator app set up")
        BACKUP_CODES_ISSUED = "backup_codes_issued", _("Backup codes issued")
        FORBIDDEN = "forbidden", _("Refused request (403)")
        CSRF_FAILURE = "csrf_failure", _("Refused form (CSRF)")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="security_events",
    )
    # The name typed or held at the time: kept when the user is deleted or never existed.
    username = models.CharField(_("username"), max_length=150, blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=255, blank=True)
    path = models.CharField(_("path"), max_length=500, blank=True)
    method = models.CharField(_("method"), max_length=10, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "kind", "created_at"], name="security_event_user_kind"),
            models.Index(fields=["kind", "created_at"], name="security_event_kind"),
            models.Index(fields=["created_at"], name="security_event_created"),
        ]

    def __str__(self) -> str:
        when = f"{self.created_at:%d/%m/%Y %H:%M}"
        return f"{self.get_kind_display()} – {self.username or '-'} – {when}"
