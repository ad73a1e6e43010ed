"""Creating a plan's campaigns and clusters from what the importer found, after the user
confirms which."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from campaigns.services import from_plan as services
from plans.views.lookups import changeable_plan


@login_required
def from_plan(request: HttpRequest, plan_pk: int) -> HttpResponse:
    """List the campaigns and clusters the plan mentions; on POST create the ticked campaigns
    and, if asked, the numbered clusters, as drafts of the plan's council."""
    plan = changeable_plan(request, plan_pk)
    if not hasattr(plan.issuing_unit, "council"):
        raise PermissionDenied
    mentions = services.campaign_mentions(plan=plan)
    if request.method == "POST":
        campaigns = services.campaigns_create_from_plan(
            plan=plan, names=request.POST.getlist("campaign"), actor=request.user
        )
        clusters = (
            services.clusters_create_from_plan(plan=plan, actor=request.user)
            if request.POST.get("clusters")
            else []
        )
        messages.success(
            request,
            ngettext("%(count)d campaign created", "%(count)d campaigns created", len(campaigns))
            % {"count": len(campaigns)}
            + ", "
            + ngettext("%(count)d cluster created.", "%(count)d clusters created.", len(clusters))
            % {"count": len(clusters)},
        )
        return redirect("plans:plan_detail", pk=plan.pk)
    return render(
        request,
        "campaigns/from_plan.html",
        {
            "plan": plan,
            "mentions": mentions,
            "clusters": services.cluster_numbers(plan.cluster_names),
            "existing_clusters": plan.clusters.count(),
            "title": _("Campaigns and clusters of the plan"),
        },
    )
