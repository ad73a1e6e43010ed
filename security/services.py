"""Writes for two-step verification and the security event log.

The event log never breaks a request: ``security_event_record`` logs to the "security" logger
first, then inserts one row in a savepoint and swallows (and logs) any failure.
"""

import ipaddress
import json
import logging
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from security import selectors
from security.models import SecurityEvent

logger = logging.getLogger("security")

BACKUP_CODE_COUNT = 10
TOTP_DEVICE_NAME = "authenticator"
BACKUP_DEVICE_NAME = "backup-codes"
# Kinds logged at WARNING: an attempt that failed or was refused.
WARNING_KINDS = {
    SecurityEvent.Kind.LOGIN_FAILURE,
    SecurityEvent.Kind.OTP_FAILURE,
    SecurityEvent.Kind.OTP_LOCKOUT,
    SecurityEvent.Kind.OTP_REFUSED,
    SecurityEvent.Kind.FORBIDDEN,
    SecurityEvent.Kind.CSRF_FAILURE,
}


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address as django-axes reads it (same proxy settings), or None when there
    is no request or the address is not a valid IP address."""
    if request is None:
        return None
    try:
        from axes.helpers import get_client_ip_address

        address = get_client_ip_address(request)
    except Exception:  # a missing address is not worth a failed request
        address = request.META.get("REMOTE_ADDR")
    try:
        return str(ipaddress.ip_address(str(address).strip())) if address else None
    except ValueError:
        return None


def security_event_record(
    *,
    kind: str,
    request: HttpRequest | None = None,
    user: AbstractBaseUser | None = None,
    username: str = "",
    detail: dict | None = None,
) -> SecurityEvent | None:
    """Log ``kind`` to the "security" logger and store it as a ``SecurityEvent``.

    ``request`` gives the address, browser, path and method; ``user`` (an authenticated user or
    None) the account, ``username`` the name typed when there is no account. Never raises:
    returns the saved event, or None when it could not be stored (the failure is logged).
    """
    try:
        user = user if user is not None and getattr(user, "is_authenticated", False) else None
        meta = request.META if request is not None else {}
        event = SecurityEvent(
            kind=kind,
            user=user,
            username=(user.get_username() if user is not None else username or "")[:150],
            ip=client_ip(request),
            user_agent=str(meta.get("HTTP_USER_AGENT", ""))[:255],
            path=(request.path if request is not None else "")[:500],
            method=((request.method or "") if request is not None else "")[:10],
            detail=detail or {},
            created_at=timezone.now(),
        )
        level = logging.WARNING if kind in WARNING_KINDS else logging.INFO
        logger.log(
            level,
            "%s user=%s ip=%s method=%s path=%s detail=%s",
            kind,
            event.username or "-",
            event.ip or "-",
            event.method or "-",
            event.path or "-",
            json.dumps(event.detail, ensure_ascii=False, default=str),
        )
        with transaction.atomic():
            event.save(force_insert=True)
        return event
    except Exception:
        logger.exception("security event %s could not be stored", kind)
        return None


# --- verifying a code ---------------------------------------------------------------------------


@dataclass(frozen=True)
class VerifyResult:
    """What became of a code: ``device`` that accepted it (None when refused), ``lockout`` when
    the second factor is locked (before or because of this attempt)."""

    device: Device | None
    lockout: selectors.Lockout | None = None


def second_factor_verify(*, request: HttpRequest, code: str, backup: bool) -> VerifyResult:
    """Check ``code`` for ``request.user``: a 6-digit authenticator code, or (``backup``) one of
    his backup codes, which is used up. On success the session is marked verified (django-otp)
    and gets a new key; every attempt is recorded.

    While the second factor is locked (``selectors.second_factor_lockout``) no code is checked.
    The ``failure_limit()``-th wrong code in a row records the lock.
    """
    user = request.user
    lockout = selectors.second_factor_lockout(user=user)
    method = "backup" if backup else "totp"
    if lockout is not None:
        security_event_record(
            kind=SecurityEvent.Kind.OTP_REFUSED,
            request=request,
            user=user,
            detail={"method": method},
        )
        return VerifyResult(device=None, lockout=lockout)
    device = _device_accepting(user=user, code=code, backup=backup)
    if device is not None:
        otp_login(request, device)
        request.session.cycle_key()
        security_event_record(
            kind=SecurityEvent.Kind.OTP_SUCCESS,
            request=request,
            user=user,
            detail={"method": method},
        )
        return VerifyResult(device=device)
    return VerifyResult(device=None, lockout=_failure_recorded(request=request, method=method))


def _device_accepting(*, user: AbstractBaseUser, code: str, backup: bool) -> Device | None:
    model = StaticDevice if backup else TOTPDevice
    with transaction.atomic():
        devices = model.objects.filter(user=user, confirmed=True).select_for_update()
        for device in devices:
            if device.verify_token(code):
                return device
    return None


# --- setting up ---------------------------------------------------------------------------------


def totp_device_start(*, user: AbstractBaseUser) -> TOTPDevice:
    """The authenticator device being set up for ``user``: his unconfirmed one (the same secret
    while he reloads the page) or a new one with a fresh random secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


class CodeRefused(Exception):
    """A code was not accepted: wrong, or (``lockout`` set) the second factor is locked."""

    def __init__(self, lockout: selectors.Lockout | None = None):
        super().__init__("second factor locked" if lockout else "wrong code")
        self.lockout = lockout


def totp_device_confirm(*, request: HttpRequest, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the authenticator being set up with a code it shows, replacing any earlier one.

    On success the session is verified and gets a new key, ``BACKUP_CODE_COUNT`` new backup
    codes replace the old ones and are returned (to be shown once). Raises ``CodeRefused`` when
    the code is wrong (it counts towards the lock like any wrong code) or while the second factor
    is locked.
    """
    user = request.user
    lockout = selectors.second_factor_lockout(user=user)
    if lockout is not None:
        security_event_record(
            kind=SecurityEvent.Kind.OTP_REFUSED,
            request=request,
            user=user,
            detail={"method": "totp", "setup": True},
        )
        raise CodeRefused(lockout)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        accepted = device.verify_token(code)
        if accepted:
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
    if not accepted:
        raise CodeRefused(_failure_recorded(request=request, setup=True))
    otp_login(request, device)
    request.session.cycle_key()
    security_event_record(kind=SecurityEvent.Kind.OTP_SETUP, request=request, user=user)
    return backup_codes_issue(user=user, request=request)


def _failure_recorded(*, request: HttpRequest, setup: bool = False, method: str = "totp"):
    """Record a wrong code, and the lock when it is the last one allowed; return the lock."""
    user = request.user
    detail = {"method": method, "setup": True} if setup else {"method": method}
    security_event_record(
        kind=SecurityEvent.Kind.OTP_FAILURE, request=request, user=user, detail=detail
    )
    lockout = selectors.second_factor_lockout(user=user)
    if lockout is not None:
        security_event_record(
            kind=SecurityEvent.Kind.OTP_LOCKOUT,
            request=request,
            user=user,
            detail={"until": lockout.until.isoformat()},
        )
    return lockout


def backup_codes_issue(*, user: AbstractBaseUser, request: HttpRequest | None = None) -> list[str]:
    """Replace the user's backup codes with ``BACKUP_CODE_COUNT`` new random ones (8 letters and
    digits each, each usable once) and return them; they are not shown again."""
    with transaction.atomic():
        device = StaticDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()
        if device is None:
            device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME)
        StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.token_set.all().delete()
        codes = _distinct_codes(BACKUP_CODE_COUNT)
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    security_event_record(
        kind=SecurityEvent.Kind.BACKUP_CODES_ISSUED,
        request=request,
        user=user,
        detail={"count": len(codes)},
    )
    return codes


def _distinct_codes(count: int) -> list[str]:
    codes: list[str] = []
    while len(codes) < count:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    return codes
