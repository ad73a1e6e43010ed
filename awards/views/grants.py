"""The list of award grants a user may see, filtered, 50 a page, with its export buttons (the
export writes every page: awards/exporters.py)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from awards.filters import GrantFilter
from awards.grants import GRANT_RELATED, grants_visible_to, recipient_kind, recipient_unit
from common.paging import query_without

GRANTS_PER_PAGE = 50


@login_required
def grant_list(request: HttpRequest) -> HttpResponse:
    """Grants filtered by ``GrantFilter``; each row with its recipient, the recipient's kind
    and unit, the award, the decision and whether it was revoked. A fixed number of queries
    however many grants there are."""
    grant_filter = GrantFilter(
        request.GET, queryset=grants_visible_to(request.user), user=request.user
    )
    grants = grant_filter.qs.select_related(*GRANT_RELATED)
    page = Paginator(grants, GRANTS_PER_PAGE).get_page(request.GET.get("page"))
    rows = [(grant, recipient_kind(grant), recipient_unit(grant)) for grant in page]
    return render(
        request,
        "awards/grant_list.html",
        {
            "filter": grant_filter,
            "page": page,
            "rows": rows,
            "selected_unit": grant_filter.selected_unit if grant_filter.is_valid() else None,
            "query": query_without(request, "page"),
            "unit_query": query_without(request, "page", "unit"),
        },
    )
