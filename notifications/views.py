"""The notification pages: the list under the bell, its unread count (polled by
static/js/bell.js), marking read, and the user's preferences."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from common.numbers import whole_number
from notifications import selectors, services
from notifications.forms import PreferenceForm

PER_PAGE = 30


def _safe(url: str, request: HttpRequest) -> str:
    """``url`` when it points into this site, else "" (a notification never sends elsewhere)."""
    allowed = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if url and allowed else ""


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """The user's notifications, newest first, unread ones highlighted, overdue ones in red.
    A fixed number of queries however many there are."""
    page = Paginator(selectors.notifications_of(user=request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    for notification in page:
        notification.link = _safe(notification.url, request)
    return render(request, "notifications/list.html", {"page": page})


@login_required
@require_GET
def unread_count(request: HttpRequest) -> JsonResponse:
    """``{"unread": n}``: how many of the user's notifications are unread (one query)."""
    response = JsonResponse({"unread": selectors.unread_count(user=request.user)})
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def mark_read(request: HttpRequest) -> HttpResponse:
    """Mark the user's notifications read: those posted as ``id``, or all."""
    ids = [whole_number(value) for value in request.POST.getlist("id")]
    ids = [pk for pk in ids if pk is not None]
    count = services.notifications_mark_read(user=request.user, ids=ids or None)
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d notification marked read.", "%(count)d notifications marked read.", count
            )
            % {"count": count},
        )
    return redirect("notifications:list")


@login_required
def preference_edit(request: HttpRequest) -> HttpResponse:
    """The language of the user's mail and whether reminders before deadlines are muted."""
    preference = services.preferences_of([request.user])[request.user.pk]
    form = PreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        services.preference_update(
            user=request.user,
            language=form.cleaned_data["language"],
            mute_reminders=form.cleaned_data["mute_reminders"],
        )
        messages.success(request, _("Your preferences have been saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})
