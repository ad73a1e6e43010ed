"""Writing plans in the browser: create, copy for next year, edit a draft, issue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from plans import authoring, selectors
from plans.forms import (
    DeadlineFormSet,
    PlanForm,
    ScheduleEditFormSet,
    SectionEditFormSet,
    ordered_rows,
)
from plans.services import PlanAlreadyExists
from plans.views.lookups import changeable_plan, units_issuing_for


@login_required
def plan_create(request: HttpRequest) -> HttpResponse:
    """Write a new plan from scratch: its fields first; it is saved as a draft and opened for
    editing, where sections and schedule are added."""
    units = units_issuing_for(request.user)
    if not units.exists():
        raise PermissionDenied
    form = PlanForm(request.POST or None, units=units, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            plan = authoring.plan_create(
                unit=form.cleaned_data["unit"], user=request.user, data=form.plan_fields()
            )
        except PlanAlreadyExists as error:
            form.add_error("number" if form.cleaned_data["number"] else "title", str(error))
        else:
            messages.success(request, _("The draft plan has been created. Now add its content."))
            return redirect("plans:plan_edit", pk=plan.pk)
    return render(request, "plans/plan_create.html", {"form": form})


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a draft plan: its fields, sections, schedule and the deadlines of its body.
    An issued plan is read-only."""
    plan = changeable_plan(request, pk)
    if not plan.is_draft:
        if request.method == "POST":
            messages.error(request, _("This plan has been issued: it can no longer be edited."))
            return redirect("plans:plan_edit", pk=plan.pk)
        return render(request, "plans/plan_edit.html", {"plan": plan})
    if request.method == "POST":
        form = PlanForm(request.POST)
        sections = SectionEditFormSet(request.POST, prefix="sections")
        schedule = ScheduleEditFormSet(request.POST, prefix="schedule")
        deadlines = DeadlineFormSet(request.POST, prefix="deadlines")
    else:
        rows = selectors.plan_edit_rows(plan=plan)
        form = PlanForm(initial=PlanForm.initial_from_plan(plan))
        sections = SectionEditFormSet(initial=rows.sections, prefix="sections")
        schedule = ScheduleEditFormSet(initial=rows.schedule, prefix="schedule")
        deadlines = DeadlineFormSet(initial=rows.deadlines, prefix="deadlines")
    if request.method == "POST" and all(
        f.is_valid() for f in (form, sections, schedule, deadlines)
    ):
        try:
            authoring.plan_update(
                plan=plan,
                user=request.user,
                data=form.plan_fields(),
                sections=ordered_rows(sections),
                schedule=ordered_rows(schedule),
                deadlines=ordered_rows(deadlines),
            )
        except PlanAlreadyExists as error:
            form.add_error("number" if form.cleaned_data["number"] else "title", str(error))
        except authoring.PlanNotEditable as error:
            messages.error(request, str(error))
            return redirect("plans:plan_edit", pk=plan.pk)
        else:
            messages.success(request, _("The plan has been saved."))
            if "continue" in request.POST:
                return redirect("plans:plan_edit", pk=plan.pk)
            return redirect("plans:plan_detail", pk=plan.pk)
    return render(
        request,
        "plans/plan_edit.html",
        {
            "plan": plan,
            "form": form,
            "sections": sections,
            "schedule": schedule,
            "deadlines": deadlines,
        },
    )


@require_POST
@login_required
def plan_copy(request: HttpRequest, pk: int) -> HttpResponse:
    """Start next year's plan from this one and open it for editing."""
    plan = changeable_plan(request, pk)
    try:
        copy = authoring.plan_copy_for_next_year(plan=plan, user=request.user)
    except PlanAlreadyExists as error:
        link = reverse("plans:plan_detail", args=[error.plan.pk])
        messages.error(request, format_html('{} <a href="{}">{}</a>', error, link, _("Open it")))
        return redirect("plans:plan_detail", pk=plan.pk)
    messages.success(
        request,
        _(
            "This is the draft of the %(year)s plan, copied from the %(previous)s plan with its "
            "dates moved on one year. Check every part before issuing it."
        )
        % {"year": copy.year, "previous": plan.year},
    )
    return redirect("plans:plan_edit", pk=copy.pk)


@require_POST
@login_required
def plan_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue a draft plan; what is missing for it is said, and nothing changes."""
    plan = changeable_plan(request, pk)
    try:
        authoring.plan_issue(plan=plan, user=request.user)
    except authoring.PlanCannotBeIssued as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The plan has been issued."))
    return redirect("plans:plan_detail", pk=plan.pk)
