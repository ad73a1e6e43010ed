"""The list of people a user may see, filtered, 50 a page, with its export buttons (the export
writes every page: organizations/exporters.py)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from common.paging import query_without
from organizations.filters import PersonFilter
from organizations.selectors import people_visible_to

PEOPLE_PER_PAGE = 50


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    """People of the units the user may see, filtered by ``PersonFilter``, with their unit
    and the unit above it. A fixed number of queries however many people there are."""
    people = PersonFilter(request.GET, queryset=people_visible_to(request.user), user=request.user)
    rows = people.qs.select_related("unit__parent")
    page = Paginator(rows, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "organizations/person_list.html",
        {
            "filter": people,
            "page": page,
            "selected_unit": people.selected_unit if people.is_valid() else None,
            "query": query_without(request, "page"),
            "unit_query": query_without(request, "page", "unit"),
        },
    )
