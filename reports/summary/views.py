"""The annual summary page: /reports/summary/?year=&council=&cluster=&unit=."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from common.page_cache import cached_page
from reports.summary.cache import cached_summary, cached_years
from reports.summary.filters import EMPTY_CHOICE, SummaryFilter
from reports.summary.rules import PARAMS, SummaryScope, summary_scope

TEMPLATE = "reports/summary/page.html"


def _shown_filter(*, user, data, scope: SummaryScope | None) -> SummaryFilter:
    """The filter form as the page shows it: bound to ``data``, its selects limited to the
    choices around ``scope`` (none for the units when there is no scope)."""
    summary_filter = SummaryFilter(data, user=user)
    if scope is not None:
        summary_filter.show_choices(scope=scope, years=cached_years(council=scope.council))
    else:
        summary_filter.form.fields["unit"].widget.choices = [EMPTY_CHOICE]
        summary_filter.form.fields["cluster"].widget.choices = [EMPTY_CHOICE]
    return summary_filter


@login_required
def summary_page(request: HttpRequest) -> HttpResponse:
    """The summary of a council's year for its whole area, a cluster or a unit (defaults and
    permissions: reports/summary/rules.py ``summary_scope``): key figures, the two charts and
    the tables of each section, computed once per data version (reports/summary/cache.py).
    404 for a council, cluster or unit the user cannot see, 403 when he may not read it, 400
    with the form's message for a malformed choice. The page is cached for the user until the
    data changes (common/page_cache.py)."""
    return cached_page(request, TEMPLATE, context=lambda: _context(request))


def _context(request: HttpRequest) -> dict | HttpResponse:
    try:
        scope = summary_scope(user=request.user, params=request.GET)
    except ValidationError as error:
        try:
            fallback = summary_scope(user=request.user, params={})
        except (Http404, PermissionDenied):
            fallback = None
        data = {name: request.GET.get(name, "") for name in PARAMS}
        context = {
            "filter": _shown_filter(user=request.user, data=data, scope=fallback),
            "errors": error.messages,
        }
        return render(request, TEMPLATE, context, status=400)
    cached = cached_summary(
        council=scope.council, year=scope.year, cluster=scope.cluster, unit=scope.unit
    )
    params = {name: str(value) for name, value in scope.params().items()}
    return {
        # Built only when the cached fragment of the selects is missing (page.html).
        "filter": SimpleLazyObject(
            lambda: _shown_filter(user=request.user, data=params, scope=scope)
        ),
        "scope": scope,
        "summary": cached.summary,
        "charts": cached.charts,
        "computed_at": cached.computed_at,
        "fragment_key": cached.fragment_key,
        "fragment_seconds": cached.fragment_seconds,
    }
