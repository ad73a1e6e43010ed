"""The cluster leader's page for a window: members' registrations, the consolidated list
(collectives first, then individuals), the cluster documents, and sending it to the council;
the secretariat accepts or returns the list there."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.selectors import clusters_visible_to, document_checklist
from common.feedback import attempt, show_errors
from registrations import selectors
from registrations.exports import export_states
from registrations.forms import ExtensionForm, ReviewForm
from registrations.models import ClusterList
from registrations.services import cluster_lists as services
from registrations.views.registrations import extension_post, window_of


def _list(request: HttpRequest, pk: int) -> ClusterList:
    queryset = selectors.cluster_lists_visible_to(request.user).select_related(
        "cluster__leader", "window__campaign__council__unit"
    )
    return get_object_or_404(queryset, pk=pk)


def _back(cluster_list: ClusterList) -> HttpResponse:
    return redirect(
        "registrations:cluster_list",
        window_pk=cluster_list.window_id,
        cluster_pk=cluster_list.cluster_id,
    )


@login_required
def cluster_list_page(request: HttpRequest, window_pk: int, cluster_pk: int) -> HttpResponse:
    """Members and their registrations, the list being consolidated, documents and actions."""
    window = window_of(request, window_pk)
    cluster = get_object_or_404(
        clusters_visible_to(request.user).select_related("leader"),
        pk=cluster_pk,
        council_id=window.campaign.council_id,
        year=window.campaign.year,
    )
    cluster_list = services.cluster_list_of(window=window, cluster=cluster)
    user = request.user
    can_lead = user.has_perm("registrations.lead_cluster_list", cluster_list)
    can_review = user.has_perm("registrations.review_cluster_list", cluster_list)
    if not (can_lead or can_review or user.has_perm("registrations.view_overview", window)):
        raise PermissionDenied
    context = {
        "window": window,
        "cluster": cluster,
        "cluster_list": cluster_list,
        "members": selectors.cluster_members(window=window, cluster=cluster),
        "entries": selectors.list_entries(cluster_list=cluster_list),
        "checklist": document_checklist(cluster=cluster),
        "can_lead": can_lead and cluster_list.is_editable,
        "can_review": can_review and cluster_list.status == ClusterList.Status.SUBMITTED,
        "can_extend": user.has_perm("registrations.grant_extension", cluster_list),
        "review_form": ReviewForm(),
        "extension_form": ExtensionForm(),
        "history": selectors.registration_history(registration=cluster_list),
        "exports": export_states(window=window, cluster_list=cluster_list),
    }
    return render(request, "registrations/cluster_list.html", context)


def _acting(request: HttpRequest, pk: int, perm: str) -> ClusterList:
    """The list, visible (404) and with ``perm`` (403)."""
    cluster_list = _list(request, pk)
    if not request.user.has_perm(perm, cluster_list):
        raise PermissionDenied
    return cluster_list


@login_required
@require_POST
def cluster_list_consolidate(request: HttpRequest, pk: int) -> HttpResponse:
    """Put the accepted registrations into the list."""
    cluster_list = _acting(request, pk, "registrations.lead_cluster_list")
    attempt(
        request,
        lambda: services.cluster_list_consolidate(cluster_list=cluster_list, actor=request.user),
        _("The accepted registrations are in the cluster list."),
    )
    return _back(cluster_list)


@login_required
@require_POST
def cluster_list_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the list to the council."""
    cluster_list = _acting(request, pk, "registrations.lead_cluster_list")
    attempt(
        request,
        lambda: services.cluster_list_submit(cluster_list=cluster_list, actor=request.user),
        _("The cluster list has been sent to the council."),
    )
    return _back(cluster_list)


@login_required
@require_POST
def cluster_list_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretariat accepts the list or returns it with a reason."""
    cluster_list = _acting(request, pk, "registrations.review_cluster_list")
    form = ReviewForm(request.POST)
    if not form.is_valid():
        show_errors(request, form)
    elif form.cleaned_data["decision"] == ReviewForm.ACCEPT:
        attempt(
            request,
            lambda: services.cluster_list_accept(cluster_list=cluster_list, actor=request.user),
            _("The cluster list has been accepted."),
        )
    else:
        attempt(
            request,
            lambda: services.cluster_list_return(
                cluster_list=cluster_list, actor=request.user, reason=form.cleaned_data["reason"]
            ),
            _("The cluster list has been returned to the leader."),
        )
    return _back(cluster_list)


@login_required
@require_POST
def cluster_list_extension(request: HttpRequest, pk: int) -> HttpResponse:
    """Grant the cluster's list a later last day, with a reason."""
    cluster_list = _acting(request, pk, "registrations.grant_extension")
    extension_post(request, target=cluster_list)
    return _back(cluster_list)
