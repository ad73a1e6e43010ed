"""Looking campaigns, clusters and sheets up for a request: an object the user may not see is a
404, an action he may not take on one he sees is a 403."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse

from campaigns.models import Campaign, Cluster, ScoreSheet
from campaigns.selectors import campaigns_visible_to, clusters_visible_to
from common.numbers import whole_number
from organizations.models import Council, Membership, Unit
from organizations.selectors import unit_subtree, units_visible_to


def visible_cluster(request: HttpRequest, pk: int, *, perm: str | None = None) -> Cluster:
    """The cluster if the user may see it (else 404) and, with ``perm``, act on it (else 403)."""
    cluster = get_object_or_404(
        clusters_visible_to(request.user).select_related(
            "council__unit", "leader", "deputy", "in_charge", "plan"
        ),
        pk=pk,
    )
    if perm and not request.user.has_perm(perm, cluster):
        raise PermissionDenied
    return cluster


def visible_campaign(request: HttpRequest, pk: int, *, perm: str | None = None) -> Campaign:
    """The campaign if the user may see it (else 404) and, with ``perm``, act on it (else
    403)."""
    campaign = get_object_or_404(
        campaigns_visible_to(request.user).select_related(
            "council__unit", "lead_unit", "requested_by", "plan"
        ),
        pk=pk,
    )
    if perm and not request.user.has_perm(perm, campaign):
        raise PermissionDenied
    return campaign


def fillable_sheet(request: HttpRequest, pk: int) -> ScoreSheet:
    """A score sheet of a cluster the user sees, which his unit fills (else 403)."""
    sheet = get_object_or_404(
        ScoreSheet.objects.select_related("cluster", "assessor", "assessed").filter(
            cluster__in=clusters_visible_to(request.user)
        ),
        pk=pk,
    )
    if not request.user.has_perm("campaigns.fill_sheet", sheet):
        raise PermissionDenied
    return sheet


def councils_managed_by(user) -> QuerySet[Council]:
    """Councils whose campaigns and clusters the user sets up (secretariat or admin)."""
    units = units_visible_to(user, roles=Membership.MANAGING_ROLES)
    return Council.objects.filter(unit__in=units).select_related("unit").order_by("name")


def chosen_council(councils: QuerySet[Council], value: str | None) -> Council | None:
    """The council picked with ``?council=<id>`` among ``councils`` (404 if not among them), the
    only one when there is one, else None (the user must pick)."""
    if whole_number(value) is not None:
        return get_object_or_404(councils, pk=whole_number(value))
    return councils.first() if councils.count() == 1 else None


def council_units(council: Council) -> QuerySet[Unit]:
    """The units under a council's unit that can take part in its campaigns and clusters."""
    return unit_subtree(unit=council.unit).exclude(pk=council.unit_id).order_by("name")


def back_to_document_form(request: HttpRequest, url_name: str, pk: int) -> HttpResponseRedirect:
    """After a refused document upload, back to the page of ``url_name`` with the document
    type the user chose (``?kind=``, read by ``document_form_initial``) and at the form; the
    refusal itself is in the messages. A browser never keeps a chosen file."""
    query = urlencode({"kind": request.POST.get("kind", "")[:50]})
    return HttpResponseRedirect(f"{reverse(url_name, args=[pk])}?{query}#upload-form")


def document_form_initial(request: HttpRequest) -> dict:
    """The upload form's initial document type: the one a refused upload chose (an unknown
    value selects nothing)."""
    return {"kind": request.GET.get("kind", "")[:50]}
