"""Cluster pages: list, create, edit, detail with the document checklist, uploads, downloads
and the election of next year's leader."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns import selectors
from campaigns.forms import ClusterDocumentForm, ClusterForm, ElectionForm
from campaigns.models import Cluster, ClusterDocument
from campaigns.services import clusters as services
from campaigns.views.lookups import (
    back_to_document_form,
    chosen_council,
    council_units,
    councils_managed_by,
    document_form_initial,
    visible_cluster,
)
from common.feedback import show_errors
from common.numbers import whole_number
from common.uploads import document_response
from organizations.models import Council, Membership


@login_required
def cluster_list(request: HttpRequest) -> HttpResponse:
    """Clusters and blocs the user may see, by year: leader, deputy, member count."""
    found = selectors.clusters_with_counts(clusters=selectors.clusters_visible_to(request.user))
    year = request.GET.get("year", "")
    if whole_number(year) is not None:
        found = found.filter(year=whole_number(year))
    return render(
        request,
        "campaigns/cluster_list.html",
        {
            "clusters": found,
            "year": year,
            "can_create": councils_managed_by(request.user).exists(),
        },
    )


def _council_members(council: Council):
    return (
        get_user_model()
        .objects.filter(
            memberships__unit=council.unit, memberships__role=Membership.Role.COUNCIL_MEMBER
        )
        .distinct()
    )


def _cluster_form_page(request, *, council: Council, cluster: Cluster | None = None):
    initial = {"year": timezone.localdate().year}
    form = ClusterForm(
        request.POST or None,
        instance=cluster,
        initial=initial,
        units=council_units(council),
        council_members=_council_members(council),
    )
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "members"}
        members = form.cleaned_data["members"]
        try:
            if cluster is None:
                cluster = services.cluster_create(
                    council=council, actor=request.user, members=members, **fields
                )
            else:
                services.cluster_update(
                    cluster=cluster, actor=request.user, members=members, **fields
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The cluster has been saved."))
            return redirect("campaigns:cluster_detail", pk=cluster.pk)
    return render(
        request,
        "campaigns/cluster_form.html",
        {"form": form, "council": council, "cluster": cluster},
    )


@login_required
def cluster_create(request: HttpRequest) -> HttpResponse:
    """The council's secretariat sets up a cluster or bloc for a year."""
    councils = councils_managed_by(request.user)
    if not councils.exists():
        raise PermissionDenied
    council = chosen_council(councils, request.GET.get("council"))
    if council is None:
        return render(request, "campaigns/council_choice.html", {"councils": councils})
    return _cluster_form_page(request, council=council)


@login_required
def cluster_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change members, leader, deputy and the local rules while scoring is open."""
    cluster = visible_cluster(request, pk, perm="campaigns.change_cluster")
    if not cluster.scoring_is_open:
        messages.error(request, _("Scoring is closed: the cluster can no longer be changed."))
        return redirect("campaigns:cluster_detail", pk=cluster.pk)
    return _cluster_form_page(request, council=cluster.council, cluster=cluster)


@login_required
def cluster_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The cluster: members, leader and deputy with past leaders, the document checklist,
    scoring and the vote."""
    cluster = visible_cluster(request, pk)
    user = request.user
    is_leader = user.has_perm("campaigns.lead_cluster", cluster)
    checklist = selectors.document_checklist(cluster=cluster)
    return render(
        request,
        "campaigns/cluster_detail.html",
        {
            "cluster": cluster,
            "members": cluster.members.order_by("name"),
            "series": selectors.cluster_series(cluster=cluster),
            "checklist": checklist,
            "missing": sum(1 for item in checklist if item.current is None),
            "is_leader": is_leader,
            "can_upload": is_leader and cluster.scoring_is_open,
            "can_change": cluster.scoring_is_open
            and user.has_perm("campaigns.change_cluster", cluster),
            "can_elect": user.has_perm("campaigns.change_cluster", cluster),
            "upload_form": ClusterDocumentForm(initial=document_form_initial(request)),
            "my_sheets": selectors.sheets_to_fill(cluster=cluster, user=user),
            "acclamation": selectors.acclamation_of(cluster=cluster),
            "history": selectors.cluster_history(cluster=cluster),
        },
    )


@require_POST
@login_required
def cluster_document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """The cluster leader uploads or replaces a document; a refused file changes nothing."""
    cluster = visible_cluster(request, pk, perm="campaigns.lead_cluster")
    form = ClusterDocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        show_errors(request, form)
        return back_to_document_form(request, "campaigns:cluster_detail", cluster.pk)
    try:
        services.cluster_document_add(
            cluster=cluster,
            kind=form.cleaned_data["kind"],
            uploaded_file=form.cleaned_data["file"],
            actor=request.user,
        )
    except ValidationError as error:
        show_errors(request, error)
        return back_to_document_form(request, "campaigns:cluster_detail", cluster.pk)
    messages.success(request, _("The document has been uploaded."))
    return redirect("campaigns:cluster_detail", pk=cluster.pk)


@login_required
def cluster_document_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Download any version of a cluster document: only for users who may see the cluster."""
    document = get_object_or_404(
        ClusterDocument.objects.filter(cluster__in=selectors.clusters_visible_to(request.user)),
        pk=pk,
    )
    return document_response(document)


@login_required
def cluster_election(request: HttpRequest, pk: int) -> HttpResponse:
    """The council records the leader and deputy elected at the annual review for next year."""
    cluster = visible_cluster(request, pk, perm="campaigns.change_cluster")
    form = ElectionForm(request.POST or None, members=cluster.members.order_by("name"))
    if request.method == "POST" and form.is_valid():
        try:
            next_year = services.cluster_election_record(
                cluster=cluster, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The election has been recorded."))
            return redirect("campaigns:cluster_detail", pk=next_year.pk)
    return render(request, "campaigns/cluster_election.html", {"cluster": cluster, "form": form})
