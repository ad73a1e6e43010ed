"""Two-step verification pages: verify a code, set up the authenticator app, see and renew
backup codes; and the CSRF failure view that marks the refusal for the event log.

Every page here answers ``Cache-Control: no-store``: codes and secrets stay off shared devices.
No page offers to remember a device: each new session asks again.
"""

from base64 import b32encode
from urllib.parse import urlencode, urlsplit

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import csrf
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from security import selectors, services
from security.forms import AuthenticatorCodeForm, BackupCodeForm

FLOW_LAYOUT = "security/_layout.html"
PAGE_LAYOUT = "base.html"


def next_url(request: HttpRequest) -> str:
    """Where to go after verifying: the ``next`` asked for when it stays on this site and is not
    a verification page or the log-out, else the dashboard."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    closed = {reverse("security:verify"), reverse("security:setup"), reverse("logout")}
    if candidate and allowed and urlsplit(candidate).path not in closed:
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(view_name: str, target: str) -> str:
    return f"{reverse(view_name)}?{urlencode({'next': target})}"


def _unverified(request: HttpRequest) -> bool:
    return selectors.second_factor_required(request.user) and not request.user.is_verified()


@never_cache
@sensitive_post_parameters("code", "backup_code")
def verify(request: HttpRequest) -> HttpResponse:
    """Ask for the second factor: the authenticator code, or a backup code. Answers 429 while
    the second factor is locked after repeated wrong codes."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user, target = request.user, next_url(request)
    if not selectors.second_factor_required(user) or user.is_verified():
        return redirect(target)
    if not selectors.has_usable_device(user):
        return redirect(_with_next("security:setup", target))
    app_form, backup_form = AuthenticatorCodeForm(), BackupCodeForm()
    lockout = None
    if request.method == "POST":
        backup = "backup_code" in request.POST
        form = BackupCodeForm(request.POST) if backup else AuthenticatorCodeForm(request.POST)
        if backup:
            backup_form = form
        else:
            app_form = form
        if form.is_valid():
            field = "backup_code" if backup else "code"
            result = services.second_factor_verify(
                request=request, code=form.cleaned_data[field], backup=backup
            )
            if result.device is not None:
                if backup:
                    _after_backup_code(request)
                return redirect(target)
            lockout = result.lockout
            if lockout is None:
                form.add_error(field, _("This code is not right. Check it and try again."))
    else:
        lockout = selectors.second_factor_lockout(user=user)
    has_app = selectors.totp_device_of(user) is not None
    return render(
        request,
        "security/verify.html",
        {
            "layout": FLOW_LAYOUT,
            "app_form": app_form,
            "backup_form": backup_form,
            "has_app": has_app,
            "backup_open": not has_app or "backup_code" in request.POST,
            "lockout_minutes": lockout.minutes_left(now=timezone.now()) if lockout else None,
            "next": target,
        },
        status=429 if lockout else 200,
    )


def _after_backup_code(request: HttpRequest) -> None:
    left = selectors.backup_codes_left(request.user)
    messages.warning(
        request,
        ngettext(
            "You used a backup code; %(count)d is left.",
            "You used a backup code; %(count)d are left.",
            left,
        )
        % {"count": left},
    )
    if selectors.totp_device_of(request.user) is None or left <= 2:
        messages.info(
            request,
            _("Set up an authenticator app or make new backup codes on your security page."),
        )


@never_cache
@sensitive_post_parameters("code")
def setup(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: a QR code (and the key to type), then a code to confirm
    it; shows the new backup codes once. Open with the password alone only while the user has
    no usable second factor; replacing one needs a verified session."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    user, target = request.user, next_url(request)
    if not selectors.second_factor_required(user):
        return redirect(target)
    if not user.is_verified() and selectors.has_usable_device(user):
        return redirect(_with_next("security:verify", target))
    device = services.totp_device_start(user=user)
    form = AuthenticatorCodeForm(request.POST or None)
    lockout = None
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.totp_device_confirm(
                request=request, device=device, code=form.cleaned_data["code"]
            )
        except services.CodeRefused as refused:
            lockout = refused.lockout
            if lockout is None:
                form.add_error(
                    "code",
                    _("This code is not right. Check the time on your phone and try again."),
                )
        else:
            messages.success(request, _("Your authenticator app is set up."))
            return _codes_page(request, codes=codes, layout=FLOW_LAYOUT, target=target)
    elif request.method != "POST":
        lockout = selectors.second_factor_lockout(user=user)
    return render(
        request,
        "security/setup.html",
        {
            "layout": FLOW_LAYOUT,
            "form": form,
            "qr_svg": _qr_svg(device),
            "secret": _grouped(b32encode(device.bin_key).decode()),
            "replacing": user.is_verified(),
            "lockout_minutes": lockout.minutes_left(now=timezone.now()) if lockout else None,
            "next": target,
        },
        status=429 if lockout else 200,
    )


def _qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address of the device as an inline SVG QR code (no script, no style)."""
    qr = segno.make(device.config_url, error="m")
    return qr.svg_inline(
        scale=5, border=2, dark="#000", light="#fff", title=_("QR code for your authenticator app")
    )


def _grouped(text: str, size: int = 4) -> str:
    return " ".join(text[i : i + size] for i in range(0, len(text), size))


def _codes_page(request: HttpRequest, *, codes: list[str], layout: str, target: str):
    return render(
        request,
        "security/backup_codes.html",
        {"layout": layout, "codes": [_grouped(code) for code in codes], "next": target},
    )


@never_cache
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """The user's security page: his authenticator app, how many backup codes are left, his
    latest log-ins and checks."""
    user = request.user
    if not selectors.second_factor_required(user):
        return redirect(settings.LOGIN_REDIRECT_URL)
    if _unverified(request):
        return redirect(_with_next("security:verify", request.get_full_path()))
    return render(
        request,
        "security/overview.html",
        {
            "device": selectors.totp_device_of(user),
            "codes_left": selectors.backup_codes_left(user),
            "events": selectors.recent_events_of(user=user),
        },
    )


@never_cache
@login_required
@require_POST
def backup_codes_renew(request: HttpRequest) -> HttpResponse:
    """Replace the user's backup codes and show the new ones once."""
    if not selectors.second_factor_required(request.user):
        return redirect(settings.LOGIN_REDIRECT_URL)
    if _unverified(request):
        return redirect("security:verify")
    codes = services.backup_codes_issue(user=request.user, request=request)
    return _codes_page(
        request, codes=codes, layout=PAGE_LAYOUT, target=reverse("security:overview")
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's CSRF failure page (settings.CSRF_FAILURE_VIEW), marking the request so that
    ``SecurityEventMiddleware`` records it as a refused form with its reason."""
    request.security_csrf_reason = reason
    return csrf.csrf_failure(request, reason=reason)
