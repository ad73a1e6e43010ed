"""The public verification page of a certificate (no login), reached by its QR code.

It shows the recipient's name, the award, the decision's number and date, and whether the award
was revoked (with the date) — nothing else: no unit, no birth date, no ids. Any bad token gets
the same 404 page. The page is never indexed (``X-Robots-Tag: noindex``) nor cached
(``Cache-Control: no-store``), so a revocation shows at once.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from certificates.selectors import verification_of

NO_CACHE = "no-store"
NO_INDEX = "noindex, nofollow"


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = NO_CACHE
    response["X-Robots-Tag"] = NO_INDEX
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
def verify(request: HttpRequest, token: str) -> HttpResponse:
    """The five facts of the certificate whose token is ``token``; 404 (one page for every
    bad token) otherwise."""
    facts = verification_of(token=token)
    if facts is None:
        return _private(render(request, "404.html", status=404))
    award = facts.award_en if (get_language() or "").startswith("en") else facts.award_vi
    return _private(render(request, "certificates/verify.html", {"facts": facts, "award": award}))
