"""Reads for two-step verification: who must pass it, which devices a user has, whether his
second factor is locked after wrong codes."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from organizations.models import Membership
from organizations.selectors import membership_unit_ids
from security.models import SecurityEvent

# Wrong codes in a row (within the lockout time) after which no code is accepted, and for how
# long: settings.TDKT_OTP_FAILURE_LIMIT and settings.TDKT_OTP_LOCKOUT_MINUTES.
DEFAULT_FAILURE_LIMIT = 5
DEFAULT_LOCKOUT_MINUTES = 15


def failure_limit() -> int:
    """Wrong codes in a row that lock the second factor (``TDKT_OTP_FAILURE_LIMIT``, 5)."""
    return getattr(settings, "TDKT_OTP_FAILURE_LIMIT", DEFAULT_FAILURE_LIMIT)


def lockout_time() -> datetime.timedelta:
    """How long the second factor stays locked (``TDKT_OTP_LOCKOUT_MINUTES``, 15 minutes)."""
    minutes = getattr(settings, "TDKT_OTP_LOCKOUT_MINUTES", DEFAULT_LOCKOUT_MINUTES)
    return datetime.timedelta(minutes=minutes)


def holds_managing_role(user: AbstractBaseUser | AnonymousUser) -> bool:
    """The user is staff, a superuser, or holds a secretariat or administrator membership in
    any unit. Reads the user's memberships once per request (``membership_unit_ids``), which
    the permission checks of the same request then reuse; no query for staff."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return bool(membership_unit_ids(user, *Membership.MANAGING_ROLES))


def second_factor_required(user: AbstractBaseUser | AnonymousUser) -> bool:
    """The user must pass a second factor after the password: ``settings.TDKT_REQUIRE_2FA`` is
    on and he holds a managing role (``holds_managing_role``)."""
    return bool(getattr(settings, "TDKT_REQUIRE_2FA", True)) and holds_managing_role(user)


def totp_device_of(user: AbstractBaseUser) -> TOTPDevice | None:
    """The user's confirmed authenticator app, or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def backup_device_of(user: AbstractBaseUser) -> StaticDevice | None:
    """The user's confirmed backup-code device, or None."""
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def backup_codes_left(user: AbstractBaseUser) -> int:
    """How many unused backup codes the user has."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def has_usable_device(user: AbstractBaseUser) -> bool:
    """The user can pass a second factor: a confirmed authenticator app or at least one unused
    backup code. Without one he may set up an authenticator with his password alone."""
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or StaticToken.objects.filter(device__user=user, device__confirmed=True).exists()
    )


@dataclass(frozen=True)
class Lockout:
    """The second factor is locked until ``until`` (aware datetime)."""

    until: datetime.datetime

    def minutes_left(self, *, now: datetime.datetime) -> int:
        """Whole minutes until the lock ends, at least 1."""
        return max(1, -(-int((self.until - now).total_seconds()) // 60))


def second_factor_lockout(
    *, user: AbstractBaseUser, now: datetime.datetime | None = None
) -> Lockout | None:
    """The lock on the user's second factor, or None when he may try a code (one query).

    Reads the user's latest second-factor events of the lockout time: a lock recorded less than
    the lockout time ago holds until it ends; otherwise ``failure_limit()`` wrong codes in a row
    (no success or lock between them) lock from the last of them. Counted per user over all his
    devices and sessions, so changing browser or device type gains nothing.
    """
    now = now or timezone.now()
    limit = failure_limit()
    events = list(
        SecurityEvent.objects.filter(
            user=user,
            kind__in=(
                SecurityEvent.Kind.OTP_SUCCESS,
                SecurityEvent.Kind.OTP_FAILURE,
                SecurityEvent.Kind.OTP_LOCKOUT,
            ),
            created_at__gt=now - lockout_time(),
        )
        .order_by("-created_at", "-id")
        .values_list("kind", "created_at")[:limit]
    )
    if events and events[0][0] == SecurityEvent.Kind.OTP_LOCKOUT:
        return Lockout(until=events[0][1] + lockout_time())
    failures = 0
    for kind, _created_at in events:
        if kind != SecurityEvent.Kind.OTP_FAILURE:
            break
        failures += 1
    if failures >= limit:
        return Lockout(until=events[0][1] + lockout_time())
    return None


def recent_events_of(*, user: AbstractBaseUser, count: int = 10) -> QuerySet[SecurityEvent]:
    """The user's latest log-ins and second-factor events, newest first, for his own security
    page (so that he notices a log-in that was not his)."""
    kinds = [
        SecurityEvent.Kind.LOGIN_SUCCESS,
        SecurityEvent.Kind.OTP_SUCCESS,
        SecurityEvent.Kind.OTP_FAILURE,
        SecurityEvent.Kind.OTP_LOCKOUT,
        SecurityEvent.Kind.OTP_SETUP,
        SecurityEvent.Kind.BACKUP_CODES_ISSUED,
    ]
    return SecurityEvent.objects.filter(user=user, kind__in=kinds).order_by("-created_at", "-id")[
        :count
    ]
