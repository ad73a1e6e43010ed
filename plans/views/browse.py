"""The plan list and a plan's page."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from campaigns.selectors import campaigns_visible_to, clusters_visible_to
from common.paging import query_without
from organizations.models import Membership
from organizations.selectors import memberships_of
from plans import selectors
from plans.filters import PlanFilter
from plans.layout import body_blocks
from plans.views.lookups import units_issuing_for, visible_plan

PLANS_PER_PAGE = 25


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    """Plans the user may read, filterable by year, issuing unit and status."""
    visible = selectors.plans_visible_to(request.user).select_related("issuing_unit")
    plan_filter = PlanFilter(request.GET, queryset=visible)
    page = Paginator(plan_filter.qs, PLANS_PER_PAGE).get_page(request.GET.get("page"))
    can_author = units_issuing_for(request.user).exists()
    return render(
        request,
        "plans/plan_list.html",
        {
            "filter": plan_filter,
            "page": page,
            "query": query_without(request, "page"),
            "can_author": can_author,
        },
    )


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A plan: header, sections, schedule, deadline timeline, related plans and its PDF."""
    plan = visible_plan(request, pk)
    my_units = [
        m.unit for m in memberships_of(user=request.user) if m.role == Membership.Role.UNIT_OFFICER
    ]
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "blocks": body_blocks(plan),
            "schedule": selectors.schedule_by_quarter(plan=plan),
            "timeline": selectors.deadline_timeline(plan=plan, today=timezone.localdate()),
            "superiors": plan.implements.select_related("superior_plan__issuing_unit"),
            "inferiors": selectors.inferior_plans(plan=plan),
            "my_tasks": [
                (unit, list(selectors.tasks_for_unit(plan=plan, unit=unit))) for unit in my_units
            ],
            "can_change": request.user.has_perm("plans.change_plan", plan),
            "history": selectors.plan_history(plan=plan),
            "campaigns": campaigns_visible_to(request.user).filter(plan=plan).order_by("name"),
            "clusters": clusters_visible_to(request.user)
            .filter(plan=plan)
            .order_by("kind", "number"),
        },
    )
