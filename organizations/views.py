"""Unit pages. Every queryset starts from ``units_visible_to``: another unit's page is a 404."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from common.paging import query_without
from organizations.filters import UnitFilter
from organizations.selectors import unit_ancestors, units_visible_to

UNITS_PER_PAGE = 50
PEOPLE_SHOWN = 100


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    """Units the user may see, searchable and filterable, 50 a page."""
    visible = units_visible_to(request.user).select_related("parent")
    unit_filter = UnitFilter(request.GET, queryset=visible)
    page = Paginator(unit_filter.qs, UNITS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "organizations/unit_list.html",
        {"filter": unit_filter, "page": page, "query": query_without(request, "page")},
    )


@login_required
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A unit: where it sits in the tree, its council, the units and people under it."""
    unit = get_object_or_404(
        units_visible_to(request.user).select_related("parent", "council"), pk=pk
    )
    visible = units_visible_to(request.user)
    ancestors = unit_ancestors(unit=unit)
    visible_ancestor_ids = set(
        visible.filter(pk__in=[a.pk for a in ancestors]).values_list("pk", flat=True)
    )
    children = unit.children.filter(pk__in=visible.values("pk")).order_by("name")
    people = unit.people.order_by("full_name")
    return render(
        request,
        "organizations/unit_detail.html",
        {
            "unit": unit,
            "ancestors": ancestors,
            "visible_ancestor_ids": visible_ancestor_ids,
            "children": children,
            "people": people[:PEOPLE_SHOWN],
            "people_count": people.count(),
        },
    )
