"""The annual summary page: /reports/summary/?year=&council=&cluster=&unit=."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from reports.summary.charts import summary_charts
from reports.summary.filters import EMPTY_CHOICE, SummaryFilter
from reports.summary.rules import PARAMS, SummaryScope, summary_scope
from reports.summary.selectors import annual_summary, summary_years

TEMPLATE = "reports/summary/page.html"


def _shown_filter(*, user, data, scope: SummaryScope | None) -> SummaryFilter:
    """The filter form as the page shows it: bound to ``data``, its selects limited to the
    choices around ``scope`` (none for the units when there is no scope)."""
    summary_filter = SummaryFilter(data, user=user)
    if scope is not None:
        summary_filter.show_choices(scope=scope, years=summary_years(council=scope.council))
    else:
        summary_filter.form.fields["unit"].widget.choices = [EMPTY_CHOICE]
        summary_filter.form.fields["cluster"].widget.choices = [EMPTY_CHOICE]
    return summary_filter


@login_required
def summary_page(request: HttpRequest) -> HttpResponse:
    """The summary of a council's year for its whole area, a cluster or a unit (defaults and
    permissions: reports/summary/rules.py ``summary_scope``): key figures, the two charts and
    the tables of each section. 404 for a council, cluster or unit the user cannot see, 403
    when he may not read it, 400 with the form's message for a malformed choice."""
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
    summary = annual_summary(
        council=scope.council, year=scope.year, cluster=scope.cluster, unit=scope.unit
    )
    awards_chart, trend_chart = summary_charts(summary)
    params = {name: str(value) for name, value in scope.params().items()}
    context = {
        "filter": _shown_filter(user=request.user, data=params, scope=scope),
        "scope": scope,
        "summary": summary,
        "charts": (awards_chart, trend_chart),
    }
    return render(request, TEMPLATE, context)
