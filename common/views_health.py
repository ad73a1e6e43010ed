"""The trivial view: ``/healthz/`` answers "ok" with no login and no database query.

A load balancer's liveness probe, and the baseline the load benchmark (benchmarks/load.py)
compares every page's throughput with: what the server does for a request that needs nothing
but the middleware.
"""

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@transaction.non_atomic_requests
@require_safe
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """``ok`` as plain text (GET or HEAD; 405 for other methods). Touches neither the session
    nor the database: no query, and outside ``ATOMIC_REQUESTS``' transaction."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
