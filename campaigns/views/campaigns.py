"""Campaign pages: list, create, propose, edit, launch, documents."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns import selectors
from campaigns.forms import (
    CampaignCriterionFormSet,
    CampaignDocumentForm,
    CampaignForm,
    criteria_from,
)
from campaigns.models import Campaign, CampaignDocument
from campaigns.services import campaigns as services
from campaigns.views.lookups import (
    back_to_document_form,
    chosen_council,
    council_units,
    councils_managed_by,
    document_form_initial,
    visible_campaign,
)
from common.feedback import show_errors
from common.numbers import whole_number
from common.selectors import history_of
from common.uploads import document_response
from organizations.models import Council, Unit
from organizations.selectors import officer_unit_ids, unit_ancestors

CAMPAIGNS_PER_PAGE = 25


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    """Campaigns the user may see, newest year first, optionally of one year and kind."""
    found = selectors.campaigns_visible_to(request.user).select_related("lead_unit", "council")
    year, kind = request.GET.get("year", ""), request.GET.get("kind", "")
    if whole_number(year) is not None:
        found = found.filter(year=whole_number(year))
    if kind in Campaign.Kind.values:
        found = found.filter(kind=kind)
    page = Paginator(found, CAMPAIGNS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "campaigns/campaign_list.html",
        {
            "page": page,
            "year": year,
            "kind": kind,
            "kinds": Campaign.Kind.choices,
            "can_create": councils_managed_by(request.user).exists(),
            "can_propose": bool(_proposing_units(request.user)),
        },
    )


def _save_campaign(request, form, criteria, *, campaign=None, council=None, requested_by=None):
    """Create or update from valid forms; ValidationError goes back onto the form."""
    fields = {k: v for k, v in form.cleaned_data.items() if k != "participants"}
    fields["criteria"] = criteria_from(criteria)
    participants = form.cleaned_data["participants"]
    try:
        if campaign is None:
            return services.campaign_create(
                council=council,
                actor=request.user,
                participants=participants,
                requested_by=requested_by,
                **fields,
            )
        return services.campaign_update(
            campaign=campaign, actor=request.user, participants=participants, **fields
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None


def _campaign_form_page(request, *, council, units, campaign=None, proposal=False, unit=None):
    initial = {"year": timezone.localdate().year, "kind": Campaign.Kind.REGULAR}
    data = request.POST if request.method == "POST" else None
    form = CampaignForm(data, instance=campaign, units=units, proposal=proposal, initial=initial)
    criteria = CampaignCriterionFormSet(
        data, prefix="criteria", initial=campaign.criteria if campaign else None
    )
    if data is not None and form.is_valid() and criteria.is_valid():
        saved = _save_campaign(
            request, form, criteria, campaign=campaign, council=council, requested_by=unit
        )
        if saved is not None:
            messages.success(request, _("The campaign has been saved."))
            return redirect("campaigns:campaign_detail", pk=saved.pk)
    return render(
        request,
        "campaigns/campaign_form.html",
        {
            "form": form,
            "criteria": criteria,
            "council": council,
            "campaign": campaign,
            "proposal": proposal,
            "unit": unit,
        },
    )


@login_required
def campaign_create(request: HttpRequest) -> HttpResponse:
    """A council's secretariat creates a campaign (draft). With several councils the user first
    picks one (``?council=``)."""
    councils = councils_managed_by(request.user)
    if not councils.exists():
        raise PermissionDenied
    council = chosen_council(councils, request.GET.get("council"))
    if council is None:
        return render(request, "campaigns/council_choice.html", {"councils": councils})
    return _campaign_form_page(request, council=council, units=council_units(council))


def _proposing_units(user) -> list[tuple[Unit, Council]]:
    """The user's officer units with the nearest council above each: where he may ask for a
    thematic campaign."""
    found = []
    for unit in Unit.objects.filter(pk__in=officer_unit_ids(user)).select_related("parent"):
        council = next(
            (u.council for u in reversed(unit_ancestors(unit=unit)) if hasattr(u, "council")),
            None,
        )
        if council is not None:
            found.append((unit, council))
    return found


@login_required
def campaign_propose(request: HttpRequest) -> HttpResponse:
    """A unit asks its council for a thematic campaign (son-tay-2020 §6.2): it is accepted
    once its launch plan with criteria and its participants are given."""
    choices = _proposing_units(request.user)
    if not choices:
        raise PermissionDenied
    wanted = request.GET.get("unit", "")
    unit, council = next(
        ((u, c) for u, c in choices if str(u.pk) == wanted),
        choices[0] if len(choices) == 1 else (None, None),
    )
    if unit is None:
        return render(request, "campaigns/unit_choice.html", {"choices": choices})
    return _campaign_form_page(
        request, council=council, units=council_units(council), proposal=True, unit=unit
    )


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """What the campaign is, who leads it, who takes part, its documents, deadlines and
    results."""
    campaign = visible_campaign(request, pk)
    can_launch = request.user.has_perm("campaigns.launch_campaign", campaign)
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": campaign,
            "participants": campaign.participants.order_by("name"),
            "documents": selectors.campaign_documents(campaign=campaign),
            "deadlines": selectors.campaign_deadlines(campaign=campaign),
            "problems": services.launch_problems(campaign)
            if can_launch and campaign.is_editable
            else [],
            "can_change": campaign.is_editable
            and request.user.has_perm("campaigns.change_campaign", campaign),
            "can_launch": can_launch and campaign.is_editable,
            "can_upload": request.user.has_perm("campaigns.add_campaign_document", campaign),
            "upload_form": CampaignDocumentForm(initial=document_form_initial(request)),
            "history": history_of(obj=campaign, state_labels=dict(Campaign.Status.choices)),
        },
    )


@login_required
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a draft or proposed campaign; a launched one is read-only."""
    campaign = visible_campaign(request, pk, perm="campaigns.change_campaign")
    if not campaign.is_editable:
        messages.error(request, _("A launched campaign can no longer be changed."))
        return redirect("campaigns:campaign_detail", pk=campaign.pk)
    return _campaign_form_page(
        request,
        council=campaign.council,
        units=council_units(campaign.council),
        campaign=campaign,
        proposal=campaign.requested_by_id is not None,
        unit=campaign.requested_by,
    )


@require_POST
@login_required
def campaign_launch(request: HttpRequest, pk: int) -> HttpResponse:
    """Launch the campaign (or accept a unit's proposal); what is missing is listed."""
    campaign = visible_campaign(request, pk, perm="campaigns.launch_campaign")
    try:
        services.campaign_launch(campaign=campaign, actor=request.user)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(
            request, _("The campaign has been launched: it is on every participant's dashboard.")
        )
    return redirect("campaigns:campaign_detail", pk=campaign.pk)


@require_POST
@login_required
def campaign_document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a document to the campaign; a refused file leaves the campaign as it was."""
    campaign = visible_campaign(request, pk, perm="campaigns.add_campaign_document")
    form = CampaignDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        services.campaign_document_add(
            campaign=campaign,
            kind=form.cleaned_data["kind"],
            uploaded_file=form.cleaned_data["file"],
            actor=request.user,
        )
        messages.success(request, _("The document has been uploaded."))
    else:
        show_errors(request, form)
        return back_to_document_form(request, "campaigns:campaign_detail", campaign.pk)
    return redirect("campaigns:campaign_detail", pk=campaign.pk)


@login_required
def campaign_document_download(request: HttpRequest, pk: int) -> HttpResponse:
    """Download a campaign document: only for users who may see the campaign."""
    document = get_object_or_404(
        CampaignDocument.objects.filter(campaign__in=selectors.campaigns_visible_to(request.user)),
        pk=pk,
    )
    return document_response(document)
