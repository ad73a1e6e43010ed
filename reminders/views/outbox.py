"""The outbox, for superusers and administrators: the reminders, the overdue digests and the
other mail, with their state and errors, counted by status; and, for superusers, a button that
runs the dispatcher now. A fixed number of queries however many rows there are."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.paging import query_without
from notifications.models import Delivery, OutgoingMail
from reminders.forms import OutboxFilterForm
from reminders.models import OverdueDigest, ReminderDispatch
from reminders.selectors_ui import (
    digest_outbox,
    mail_outbox,
    outbox_area,
    reminder_outbox,
    status_counts,
)
from reminders.services.dispatch import dispatch
from reminders.views.objects import describe_token

PER_PAGE = 50
LISTS = {
    "reminders": (ReminderDispatch, reminder_outbox),
    "digests": (OverdueDigest, digest_outbox),
    "mail": (OutgoingMail, mail_outbox),
}
STATUS_CSS = {
    Delivery.Status.SCHEDULED: "info",
    Delivery.Status.SENT: "success",
    Delivery.Status.FAILED: "danger",
    Delivery.Status.SKIPPED: "secondary",
}


def _check(request: HttpRequest) -> None:
    if not request.user.has_perm("reminders.view_outbox"):
        raise PermissionDenied


@login_required
def outbox(request: HttpRequest) -> HttpResponse:
    """One list of the outbox (reminders, digests or other mail), newest first, of one status
    or all, with the counts per status of every list on top; an administrator sees the rows of
    the units he administers only (``outbox_area``)."""
    _check(request)
    area = outbox_area(user=request.user)
    filters = OutboxFilterForm(request.GET)
    tab, status = "reminders", ""
    if filters.is_valid():
        tab = filters.cleaned_data["tab"] or tab
        status = filters.cleaned_data["status"]
    rows = LISTS[tab][1]
    page = Paginator(rows(status=status, area=area), PER_PAGE).get_page(request.GET.get("page"))
    for row in page:
        row.status_css = STATUS_CSS.get(row.status, "secondary")
        if tab == "reminders":
            row.offset_label = describe_token(row.offset)
    labels = dict(Delivery.Status.choices)
    summary = []
    for name, label in OutboxFilterForm.TABS:
        counts = status_counts(LISTS[name][0], area=area)
        summary.append(
            {
                "tab": name,
                "label": label,
                "total": sum(counts.values()),
                "counts": [
                    (value, labels[value], count, STATUS_CSS[value])
                    for value, count in counts.items()
                ],
            }
        )
    return render(
        request,
        "reminders/outbox.html",
        {
            "filters": filters,
            "tab": tab,
            "status": status,
            "summary": summary,
            "page": page,
            "query": query_without(request, "page"),
        },
    )


@login_required
@require_POST
@transaction.non_atomic_requests
def outbox_run(request: HttpRequest) -> HttpResponse:
    """Run the dispatcher now (what Celery beat runs every 15 minutes) and say what it did.
    Superusers only: the dispatcher works for every council and its counts are of all of them,
    so a council's administrator, who sees his own area's outbox, is refused (403). Outside the
    request's transaction: the dispatcher commits its own work, as when beat runs it, so a
    mail sent is never rolled back into "scheduled"."""
    if not request.user.is_superuser:
        raise PermissionDenied
    result = dispatch()
    messages.success(
        request,
        _(
            "The dispatcher ran: %(reminders)d new reminders, %(digests)d overdue digests, "
            "%(handed_over)d handed to the mail workers, %(recovered)d waiting mail handed "
            "over again."
        )
        % {
            "reminders": result.reminders,
            "digests": result.digests,
            "handed_over": result.handed_over,
            "recovered": result.mails_recovered,
        },
    )
    return redirect("reminders:outbox")
