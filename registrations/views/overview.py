"""The secretariat's overview of a window: per cluster and per unit, registered / missing /
returned, lines per award, and the units that have not registered."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from common.numbers import whole_number
from common.selectors import history_of
from registrations import selectors
from registrations.exports import export_states
from registrations.forms import DeadlineForm, ExtensionForm
from registrations.views.registrations import window_of

ROWS_PER_PAGE = 100
SHOWS = ("all", "not_registered", "returned", "registered")


@login_required
def overview_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The overview; ``show`` filters the unit table (all, not_registered, returned,
    registered), ``cluster`` limits it to one cluster, ``page`` pages it."""
    window = window_of(request, pk)
    if not request.user.has_perm("registrations.view_overview", window):
        raise PermissionDenied
    overview = selectors.overview(window=window)
    show = request.GET.get("show") if request.GET.get("show") in SHOWS else "all"
    rows = {
        "all": overview.rows,
        "not_registered": overview.not_registered,
        "returned": [r for r in overview.rows if r.state == selectors.Status.RETURNED],
        "registered": [r for r in overview.rows if r.is_registered],
    }[show]
    cluster = request.GET.get("cluster", "")
    if whole_number(cluster) is not None:
        rows = [r for r in rows if r.cluster_id == whole_number(cluster)]
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    can_manage = request.user.has_perm("registrations.grant_extension", window)
    return render(
        request,
        "registrations/overview.html",
        {
            "window": window,
            "overview": overview,
            "page": page,
            "query": f"show={show}"
            + (f"&cluster={whole_number(cluster)}" if whole_number(cluster) is not None else ""),
            "show": show,
            "cluster": cluster,
            "can_manage": can_manage,
            "extension_form": ExtensionForm(),
            "deadline_form": DeadlineForm(initial={"closes_on": window.closes_on}),
            "history": history_of(obj=window, field_labels={}),
            "exports": export_states(window=window),
        },
    )
