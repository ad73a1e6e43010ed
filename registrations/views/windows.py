"""Registration windows: the secretariat opens one for a launched campaign (the last day read
from the plan's schedule, or given) and can move its last day with a reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from campaigns.selectors import campaigns_visible_to
from common.feedback import attempt, show_errors
from registrations import selectors
from registrations.forms import DeadlineForm, WindowForm
from registrations.models import RegistrationWindow
from registrations.services import windows as services
from registrations.services.flow import deadline_text
from registrations.views.registrations import window_of


@login_required
def window_list(request: HttpRequest) -> HttpResponse:
    """Open windows the user may see, and launched campaigns without one that he may open."""
    windows = (
        selectors.windows_visible_to(request.user)
        .select_related("campaign__council", "schedule_task")
        .order_by("-campaign__year", "-campaign__kind", "campaign__name")
    )
    campaigns = (
        selectors.campaigns_to_open(request.user)
        .select_related("council", "plan")
        .order_by("-year", "-kind", "name")
    )
    return render(
        request,
        "registrations/window_list.html",
        {"windows": windows, "campaigns": campaigns, "form": WindowForm()},
    )


@login_required
@require_POST
def window_open(request: HttpRequest, campaign_pk: int) -> HttpResponse:
    """Open registrations for the campaign."""
    campaign = get_object_or_404(
        campaigns_visible_to(request.user).select_related("council__unit", "plan"),
        pk=campaign_pk,
    )
    if not request.user.has_perm(
        "registrations.open_window", RegistrationWindow(campaign=campaign)
    ):
        raise PermissionDenied
    form = WindowForm(request.POST)
    if not form.is_valid():
        show_errors(request, form)
        return redirect("registrations:window_list")
    try:
        window = services.window_open(
            campaign=campaign,
            actor=request.user,
            closes_on=form.cleaned_data["closes_on"],
            opens_on=form.cleaned_data["opens_on"],
        )
    except ValidationError as error:
        show_errors(request, error)
        return redirect("registrations:window_list")
    messages.success(
        request,
        _("Registrations are open until %(day)s.") % {"day": deadline_text(window.closes_on)},
    )
    return redirect("registrations:overview", pk=window.pk)


@login_required
@require_POST
def window_deadline(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the window's last day for every unit, with a reason."""
    window = window_of(request, pk)
    if not request.user.has_perm("registrations.open_window", window):
        raise PermissionDenied
    form = DeadlineForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.window_close_on(
                window=window,
                closes_on=form.cleaned_data["closes_on"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            ),
            _("The deadline has been changed."),
        )
    else:
        show_errors(request, form)
    return redirect("registrations:overview", pk=window.pk)
