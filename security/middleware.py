"""Two middleware: one asks for the second factor, one records refused requests.

Order in settings.MIDDLEWARE: ``SecurityEventMiddleware`` before ``CsrfViewMiddleware`` (it sees
the CSRF refusals), ``django_otp.middleware.OTPMiddleware`` after ``AuthenticationMiddleware``,
then ``SecondFactorMiddleware``.
"""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from security.models import SecurityEvent
from security.selectors import second_factor_required
from security.services import security_event_record

logger = logging.getLogger("security")
# Views an unverified user may still reach (besides the "security" pages themselves).
OPEN_VIEW_NAMES = frozenset({"login", "logout", "set_language", "admin:logout"})
# Set on a response that must not be recorded as a refused request.
SKIP_LOG_ATTRIBUTE = "security_event_skip"


def wants_json(request: HttpRequest) -> bool:
    """The request comes from a script (fetch/XHR) rather than a page load: it asks for JSON,
    says X-Requested-With, or the browser marks it as not a navigation (Sec-Fetch-Dest)."""
    accept = request.headers.get("Accept", "")
    return (
        ("application/json" in accept and "text/html" not in accept)
        or "X-Requested-With" in request.headers
        or request.headers.get("Sec-Fetch-Dest") == "empty"
    )


class SecondFactorMiddleware:
    """Until a user who must pass a second factor (``second_factor_required``) has passed it in
    this session, send his page loads to the verification page with ``next`` kept (GET only),
    and answer his scripts' requests 403 with a JSON body, so that nothing loops.

    Costs nothing while ``settings.TDKT_REQUIRE_2FA`` is off; otherwise one query per request
    (the verified device, or the user's roles).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not getattr(settings, "TDKT_REQUIRE_2FA", True):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        match = request.resolver_match
        if match is not None and (
            match.namespace == "security" or match.view_name in OPEN_VIEW_NAMES
        ):
            return None
        if settings.STATIC_URL and request.path.startswith(settings.STATIC_URL):
            return None
        if user.is_verified() or not second_factor_required(user):
            return None
        return self.refuse(request)

    @staticmethod
    def refuse(request: HttpRequest) -> HttpResponse:
        """The answer to an unverified request: JSON 403 for scripts, else a redirect to the
        verification page (with ``next`` for a GET)."""
        verify_url = reverse("security:verify")
        if wants_json(request):
            response = JsonResponse(
                {
                    "error": "second_factor_required",
                    "message": _("Enter your verification code to continue."),
                    "verify_url": verify_url,
                },
                status=403,
            )
            setattr(response, SKIP_LOG_ATTRIBUTE, True)
            response["Cache-Control"] = "private, no-store"
            return response
        if request.method in ("GET", "HEAD"):
            verify_url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(verify_url)


class SecurityEventMiddleware:
    """Record every 403 answer as a refused request (``forbidden``), or a refused form
    (``csrf_failure``, marked by ``security.views.csrf_failure``), with the view and the reason.

    A 404 for an object the user may not see is indistinguishable from a missing object and is
    not recorded. The 403 that asks a script for the second factor is not a refusal and is not
    recorded either. Costs nothing on other answers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 403 and not getattr(response, SKIP_LOG_ATTRIBUTE, False):
            self.record(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        """Remember that the view refused (the 403 is recorded on the way out)."""
        if isinstance(exception, PermissionDenied):
            request.security_refusal = str(exception)[:200]

    @staticmethod
    def record(request: HttpRequest) -> None:
        """Store the refused request; never raises."""
        try:
            match = getattr(request, "resolver_match", None)
            detail: dict = {"view": match.view_name} if match is not None else {}
            csrf_reason = getattr(request, "security_csrf_reason", None)
            if csrf_reason is not None:
                kind = SecurityEvent.Kind.CSRF_FAILURE
                detail["reason"] = str(csrf_reason)[:200]
            else:
                kind = SecurityEvent.Kind.FORBIDDEN
                refusal = getattr(request, "security_refusal", None)
                if refusal:
                    detail["reason"] = refusal
            user = getattr(request, "user", None)
            security_event_record(kind=kind, request=request, user=user, detail=detail)
        except Exception:  # a refused request must stay refused, not become a 500
            logger.exception("refusal not recorded")
