"""The secretariat's deadline pages: one deadline's responsible units and the reminders sent to
each, its reminder times, the council's own obligations, the council's overdue and unreachable
units, and a plan's reminder times. A deadline or council the user does not follow is a 404; a
change he may not make is a 403."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.numbers import whole_number
from organizations.models import Council
from organizations.rules import is_secretariat_of
from plans.selectors import plans_visible_to
from reminders import rules
from reminders.forms import DeadlineCreateForm, DeadlineOffsetsForm, PlanOffsetsForm
from reminders.models import Deadline
from reminders.offsets import parse_offsets
from reminders.selectors import deadline_units, overdue_targets, unreachable_units, with_light
from reminders.selectors_ui import (
    councils_followed_by,
    dispatches_by_unit,
    secretariat_councils,
    units_directly_under,
)
from reminders.services import deadlines as services
from reminders.services.dispatch import offsets_for
from reminders.views.objects import deadline_of, describe_token, offset_rows


def offsets_source(deadline: Deadline) -> str:
    """Where the deadline's reminder times come from, in words."""
    if deadline.offsets:
        return _("set for this deadline")
    if deadline.plan and deadline.plan.reminder_offsets:
        return _("the plan's setting")
    return _("the default")


def render_deadline(request: HttpRequest, deadline: Deadline, *, form=None) -> HttpResponse:
    """The deadline page, with the reminder-times form given (bound: what the user typed and
    its errors) or a fresh one."""
    today = timezone.localdate()
    dispatches = dispatches_by_unit(deadline=deadline)
    targets = []
    for target in deadline_units(deadline=deadline):
        with_light(target, today=today)
        target.dispatches = dispatches.get(target.unit_id, [])
        for row in target.dispatches:
            row.offset_label = describe_token(row.offset)
        targets.append(target)
    offsets = offsets_for(
        own=deadline.offsets,
        plan=deadline.plan.reminder_offsets if deadline.plan else None,
        counting=deadline.counting,
    )
    can_edit = rules.follows_deadline(request.user, deadline)
    if can_edit and form is None:
        form = DeadlineOffsetsForm(
            initial={"offsets": deadline.offsets, "counting": deadline.counting}
        )
    return render(
        request,
        "reminders/deadline.html",
        {
            "deadline": deadline,
            "targets": targets,
            "done_count": sum(1 for target in targets if target.is_done),
            "offsets": offset_rows(offsets, due=deadline.due_date),
            "offsets_source": offsets_source(deadline),
            "form": form if can_edit else None,
        },
    )


@login_required
def deadline_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The deadline, every responsible unit with its light, what it noted when done and the
    reminders sent to it, and the deadline's reminder times."""
    return render_deadline(request, deadline_of(request, pk))


@login_required
@require_POST
def deadline_offsets(request: HttpRequest, pk: int) -> HttpResponse:
    """Set when the units are reminded of the deadline."""
    deadline = deadline_of(request, pk)
    if not rules.follows_deadline(request.user, deadline):
        raise PermissionDenied
    form = DeadlineOffsetsForm(request.POST)
    if form.is_valid():
        try:
            services.deadline_set_offsets(
                deadline=deadline,
                offsets=form.cleaned_data["offsets"],
                counting=form.cleaned_data["counting"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error("offsets", error)
        else:
            messages.success(request, _("The reminder times have been saved."))
            return redirect("reminders:deadline", pk=deadline.pk)
    return render_deadline(request, deadline, form=form)


@login_required
def deadline_create(request: HttpRequest) -> HttpResponse:
    """An obligation of the council's own (a report to send, a meeting to hold) for units
    directly under its unit, each of which marks it done."""
    councils = secretariat_councils(user=request.user)
    council_list = list(councils)
    if not council_list:
        raise PermissionDenied
    today = timezone.localdate()
    units = units_directly_under(councils=council_list, today=today)
    initial = {}
    if whole_number(request.GET.get("council")) is not None:
        initial["council"] = whole_number(request.GET["council"])
    form = DeadlineCreateForm(
        request.POST or None, councils=councils, units=units, today=today, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            deadline = services.deadline_create(
                council=data["council"],
                title=data["title"],
                due_date=data["due_date"],
                units=data["units"],
                actor=request.user,
                counting=data["counting"],
                offsets=data["offsets"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The obligation has been created for %(count)d units.")
                % {"count": len(data["units"])},
            )
            return redirect("reminders:deadline", pk=deadline.pk)
    return render(
        request,
        "reminders/deadline_form.html",
        {
            "form": form,
            "default_offsets": offset_rows(
                parse_offsets(settings.REMINDER_DEFAULT_OFFSETS), due=today
            ),
        },
    )


@login_required
def council_overview(request: HttpRequest, pk: int) -> HttpResponse:
    """The council's units overdue today, and those that reminders cannot reach (no officer
    with an e-mail address)."""
    council = get_object_or_404(councils_followed_by(user=request.user), pk=pk)
    today = timezone.localdate()
    overdue = [
        with_light(target, today=today)
        for target in overdue_targets(council_id=council.pk, today=today)
    ]
    return render(
        request,
        "reminders/council.html",
        {
            "council": council,
            "overdue": overdue,
            "unreachable": unreachable_units(councils=[council], today=today),
            "can_create": is_secretariat_of(request.user, council),
        },
    )


@login_required
def plan_offsets(request: HttpRequest, pk: int) -> HttpResponse:
    """When the units are reminded of the plan's deadlines, for the secretariat of the council
    of the plan's issuing unit."""
    plan = get_object_or_404(plans_visible_to(request.user).select_related("issuing_unit"), pk=pk)
    council = Council.objects.filter(unit=plan.issuing_unit_id).first()
    if not is_secretariat_of(request.user, council):
        raise PermissionDenied
    form = PlanOffsetsForm(request.POST or None, initial={"offsets": plan.reminder_offsets})
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_set_offsets(
                plan=plan, offsets=form.cleaned_data["offsets"], actor=request.user
            )
        except ValidationError as error:
            form.add_error("offsets", error)
        else:
            messages.success(request, _("The reminder times have been saved."))
            return redirect("reminders:plan_offsets", pk=plan.pk)
    today = timezone.localdate()
    return render(
        request,
        "reminders/plan_offsets.html",
        {
            "plan": plan,
            "council": council,
            "form": form,
            "offsets": offset_rows(
                parse_offsets(plan.reminder_offsets or settings.REMINDER_DEFAULT_OFFSETS),
                due=today,
            ),
            "uses_default": not plan.reminder_offsets,
        },
    )
