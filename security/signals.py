"""Log-in attempts into the security event log, through django.contrib.auth's signals.

``user_login_failed`` carries the credentials with the password already masked by Django; only
the username is kept. django-axes refuses a locked-out account by failing authentication, so a
locked-out attempt is a failure too, marked ``locked_out``.
"""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from security.models import SecurityEvent
from security.services import security_event_record


@receiver(user_logged_in, dispatch_uid="security_login_success")
def login_succeeded(sender, request, user, **kwargs) -> None:
    """Record a successful password log-in (also ``Client.force_login`` in tests)."""
    security_event_record(kind=SecurityEvent.Kind.LOGIN_SUCCESS, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="security_login_failure")
def login_failed(sender, credentials, request=None, **kwargs) -> None:
    """Record a failed log-in with the username typed (never the password)."""
    username = str((credentials or {}).get("username") or "")
    detail = {"locked_out": True} if getattr(request, "axes_locked_out", False) else {}
    security_event_record(
        kind=SecurityEvent.Kind.LOGIN_FAILURE, request=request, username=username, detail=detail
    )
