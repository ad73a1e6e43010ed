"""Plan pages. Every plan is looked up through ``plans_visible_to``; changes need
``plans.change_plan`` on the plan (secretariat or administrator of its issuing unit)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from organizations.models import Membership, Unit
from organizations.selectors import memberships_of
from plans import selectors
from plans.filters import PlanFilter
from plans.forms import (
    DeadlineFormSet,
    PlanReviewForm,
    PlanUploadForm,
    ScheduleFormSet,
    reviewed_data,
)
from plans.importing import plan_import_create, plan_import_save
from plans.layout import body_blocks
from plans.models import Plan, PlanImport
from plans.parsing import PlanParseError
from plans.services import PlanAlreadyExists, plan_pdf_request

PLANS_PER_PAGE = 25


def _visible_plan(request: HttpRequest, pk: int) -> Plan:
    return get_object_or_404(
        selectors.plans_visible_to(request.user).select_related("issuing_unit"), pk=pk
    )


def _units_issuing_for(user) -> QuerySet[Unit]:
    """Units for which the user may import plans: where he is secretariat or administrator."""
    if user.is_superuser:
        return Unit.objects.filter(council__isnull=False)
    roles = (Membership.Role.SECRETARIAT, Membership.Role.ADMIN)
    return Unit.objects.filter(Q(memberships__user=user, memberships__role__in=roles)).distinct()


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    """Plans the user may read, filterable by year, issuing unit and status."""
    visible = selectors.plans_visible_to(request.user).select_related("issuing_unit")
    plan_filter = PlanFilter(request.GET, queryset=visible)
    page = Paginator(plan_filter.qs, PLANS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    can_import = _units_issuing_for(request.user).exists()
    return render(
        request,
        "plans/plan_list.html",
        {"filter": plan_filter, "page": page, "query": query.urlencode(), "can_import": can_import},
    )


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A plan: header, sections, schedule, deadline timeline, related plans and its PDF."""
    plan = _visible_plan(request, pk)
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
        },
    )


@login_required
def plan_upload(request: HttpRequest) -> HttpResponse:
    """Upload a plan document; what was extracted is shown for review before anything is
    saved as a plan."""
    units = _units_issuing_for(request.user)
    if not units.exists():
        raise PermissionDenied
    form = PlanUploadForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            plan_import = plan_import_create(
                unit=form.cleaned_data["unit"],
                user=request.user,
                uploaded_file=form.cleaned_data["document"],
            )
        except PlanParseError as error:
            form.add_error("document", str(error))
        else:
            return redirect("plans:plan_review", pk=plan_import.pk)
    return render(request, "plans/plan_upload.html", {"form": form})


@login_required
def plan_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Side by side: the document's text and the extracted fields, schedule and deadlines,
    all editable; saving creates (or, once confirmed, replaces) the plan."""
    plan_import = get_object_or_404(
        PlanImport.objects.select_related("unit"), pk=pk, uploaded_by=request.user
    )
    extracted = plan_import.extracted
    if request.method == "POST":
        form = PlanReviewForm(request.POST)
        schedule = ScheduleFormSet(request.POST, prefix="schedule")
        deadlines = DeadlineFormSet(request.POST, prefix="deadlines")
    else:
        form = PlanReviewForm(initial=PlanReviewForm.initial_from(extracted))
        schedule = ScheduleFormSet(initial=extracted["schedule"], prefix="schedule")
        deadlines = DeadlineFormSet(initial=extracted["deadlines"], prefix="deadlines")
    if request.method == "POST" and all(f.is_valid() for f in (form, schedule, deadlines)):
        data = reviewed_data(
            form,
            schedule,
            deadlines,
            sections=extracted["sections"],
            implements=extracted["implements"],
        )
        try:
            saved = plan_import_save(
                plan_import=plan_import,
                data=data,
                user=request.user,
                replace=form.cleaned_data["replace"],
            )
        except PlanAlreadyExists as error:
            form.add_error(
                "replace",
                _("%(problem)s Tick the box to replace it.") % {"problem": error},
            )
        else:
            messages.success(request, _("The plan has been saved."))
            return redirect("plans:plan_detail", pk=saved.plan.pk)
    return render(
        request,
        "plans/plan_review.html",
        {
            "plan_import": plan_import,
            "form": form,
            "schedule": schedule,
            "deadlines": deadlines,
            "sections": extracted["sections"],
        },
    )


@require_POST
@login_required
def plan_pdf_render(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for a fresh PDF of the plan; it is rendered in the background."""
    plan = _visible_plan(request, pk)
    plan_pdf_request(plan=plan)
    return redirect("plans:plan_detail", pk=plan.pk)


@login_required
def plan_pdf_status(request: HttpRequest, pk: int) -> JsonResponse:
    """The PDF's state for the page to poll: "rendering", "ready", "stale", "failed", "none"."""
    plan = _visible_plan(request, pk)
    return JsonResponse({"state": plan.pdf_state})


@login_required
def plan_pdf_download(request: HttpRequest, pk: int) -> FileResponse:
    """The plan's PDF as an attachment, to users who may read the plan."""
    plan = _visible_plan(request, pk)
    if not plan.pdf_file:
        raise Http404
    name = f"ke-hoach-{plan.number or plan.pk}-{plan.year}.pdf".replace("/", "-")
    response = FileResponse(plan.pdf_file.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
