"""The officer's deadline pages: the list of his units' deadlines (and, for the secretariat, his
councils' deadlines), one responsible unit's obligation with the forms that mark it done or
reopen it, and the download of its proofs. A unit the user may not see is a 404; an action he
may not take is a 403."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.paging import query_without
from common.selectors import history_of
from common.uploads import document_response
from reminders import rules
from reminders.forms import ListFilterForm, MarkDoneForm, NoDossierForm, ReopenForm
from reminders.models import Deadline, DeadlineUnit
from reminders.selectors import RECENT_DAYS, targets_for_user, with_light
from reminders.selectors_ui import (
    council_deadlines,
    councils_followed_by,
    done_counts,
    proofs_visible_to,
    secretariat_councils,
    target_proofs,
)
from reminders.services import deadlines as services
from reminders.views.objects import target_of

PER_PAGE = 25
Kind = Deadline.Kind


@login_required
def deadline_list(request: HttpRequest) -> HttpResponse:
    """The deadlines of the units the user acts for, with their traffic light and the link to
    the form that does what is due, filtered by state and period (recent and upcoming by
    default); for the secretariat, also its councils' deadlines with how many units are done.
    A fixed number of queries however many deadlines there are."""
    user, today = request.user, timezone.localdate()
    filters = ListFilterForm(request.GET)
    state = period = ""
    if filters.is_valid():
        state, period = filters.cleaned_data["state"], filters.cleaned_data["period"]
    since = None if period == "all" else today - datetime.timedelta(days=RECENT_DAYS)

    targets = targets_for_user(user)
    if since is not None:
        targets = targets.filter(last_day__gte=since)
    if state:
        targets = targets.filter(is_done=state == "done")
    page = Paginator(targets, PER_PAGE).get_page(request.GET.get("page"))
    for target in page:
        with_light(target, today=today)

    councils = list(councils_followed_by(user=user))
    deadline_page = None
    if councils:
        deadline_page = Paginator(
            council_deadlines(councils=councils, since=since), PER_PAGE
        ).get_page(request.GET.get("dpage"))
        counts = done_counts(deadline_ids=[deadline.pk for deadline in deadline_page])
        for deadline in deadline_page:
            deadline.done_count, deadline.unit_count = counts.get(deadline.pk, (0, 0))
            deadline.owing_count = deadline.unit_count - deadline.done_count
    can_create = bool(councils) and (
        not user.is_superuser or secretariat_councils(user=user).exists()
    )
    return render(
        request,
        "reminders/list.html",
        {
            "filters": filters,
            "page": page,
            "query": query_without(request, "page"),
            "councils": councils,
            "deadline_page": deadline_page,
            "deadline_query": query_without(request, "dpage"),
            "can_create": can_create,
            "today": today,
        },
    )


def render_target(
    request: HttpRequest,
    target: DeadlineUnit,
    *,
    done_form=None,
    reopen_form=None,
) -> HttpResponse:
    """The page of one responsible unit's obligation, with the forms given (bound ones show
    what the user typed and its errors) or empty ones."""
    user, deadline = request.user, target.deadline
    with_light(target, today=timezone.localdate())
    is_round = deadline.kind == Kind.ROUND
    can_mark = not target.is_done and rules.may_mark_done(user, target)
    can_reopen = rules.may_reopen(user, target)
    if can_mark and done_form is None:
        done_form = NoDossierForm() if is_round else MarkDoneForm()
    if can_reopen and reopen_form is None:
        reopen_form = ReopenForm()
    history = history_of(
        obj=target,
        state_labels={"done": _("Done"), "owing": _("Still to do")},
        field_labels={"done": _("Completion")},
    )
    return render(
        request,
        "reminders/target.html",
        {
            "target": target,
            "deadline": deadline,
            "unit": target.unit,
            "is_round": is_round,
            # The page that does what is due, when it is another one (a registration, a
            # dossier, a cluster's documents).
            "elsewhere": deadline.kind not in (Kind.SCHEDULE_TASK, Kind.OTHER),
            "extended": target.last_day != deadline.due_date,
            "can_mark": can_mark,
            "can_reopen": can_reopen,
            "done_form": done_form if can_mark else None,
            "reopen_form": reopen_form if can_reopen else None,
            "follows": user.has_perm("reminders.view_deadline", deadline),
            "history": history,
            "proofs": list(target_proofs(target=target)),
        },
    )


@login_required
def target_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One responsible unit's obligation: title, due date and the unit's last day, its state
    and light, history, proofs, and what the user may do about it."""
    return render_target(request, target_of(request, pk))


@login_required
@require_POST
def target_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the unit's obligation done (a note and an optional file), or, for a review round,
    say that the unit has no dossier to send (the note says why)."""
    target = target_of(request, pk)
    if not rules.may_mark_done(request.user, target):
        raise PermissionDenied
    form_class = NoDossierForm if target.deadline.kind == Kind.ROUND else MarkDoneForm
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.target_mark_done(
                target=target,
                actor=request.user,
                note=form.cleaned_data["note"],
                file=form.cleaned_data.get("file"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Marked done. Reminders stop for this unit."))
            return redirect("reminders:target", pk=target.pk)
    return render_target(request, target, done_form=form)


@login_required
@require_POST
def target_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo the unit's marking done, with the reason: reminders start again."""
    target = target_of(request, pk)
    if target.done_at is None:
        messages.info(request, _("This obligation is not marked done."))
        return redirect("reminders:target", pk=target.pk)
    if not rules.may_reopen(request.user, target):
        raise PermissionDenied
    form = ReopenForm(request.POST)
    if not form.is_valid():
        return render_target(request, target, reopen_form=form)
    services.target_reopen(target=target, actor=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("Reopened: the unit is reminded again."))
    return redirect("reminders:target", pk=target.pk)


@login_required
def proof_download(request: HttpRequest, pk: int) -> FileResponse:
    """A file a unit attached when marking a deadline done, for whoever may see the unit."""
    return document_response(get_object_or_404(proofs_visible_to(request.user), pk=pk))
