"""The user's private calendar feed (ICS): its page, where he makes, renews or revokes its
secret address, and the feed itself, which a phone's calendar fetches without logging in."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from notifications.models import Preference
from notifications.services import calendar_token_renew, calendar_token_revoke
from reminders.links import target_path
from reminders.models import Deadline, DeadlineUnit
from reminders.selectors import with_light
from reminders.selectors_ui import calendar_council_deadlines, calendar_targets, done_counts


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    """The feed's address and how to add it to a phone; posting ``action=renew`` makes a new
    address (the old one stops working), ``action=revoke`` turns the feed off."""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "renew":
            calendar_token_renew(user=request.user)
            messages.success(
                request,
                _("Your calendar address is ready. Any earlier address no longer works."),
            )
        elif action == "revoke":
            calendar_token_revoke(user=request.user)
            messages.success(request, _("Your calendar feed is turned off."))
        else:
            return HttpResponseBadRequest()
        return redirect("reminders:calendar")
    token = (
        Preference.objects.filter(user=request.user)
        .values_list("calendar_token", flat=True)
        .first()
    )
    feed_url = ""
    if token:
        feed_url = request.build_absolute_uri(reverse("reminders:calendar_feed", args=[token]))
    return render(
        request,
        "reminders/calendar.html",
        {"feed_url": feed_url, "webcal_url": "webcal://" + feed_url.split("://", 1)[-1]},
    )


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The ICS feed of the user whose key is ``token``: one all-day event per deadline of his
    units, and of his councils' deadlines for the secretariat, within a year of today, each with
    an alarm the day before. 404 for a key nobody holds (unknown or revoked)."""
    preference = (
        Preference.objects.select_related("user").filter(calendar_token=token).first()
        if token
        else None
    )
    if preference is None or not preference.user.is_active:
        raise Http404
    user, today = preference.user, timezone.localdate()
    with translation.override(preference.language):
        content = _feed(
            targets=list(calendar_targets(user=user, today=today)),
            deadlines=list(calendar_council_deadlines(user=user, today=today)),
            today=today,
        )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tdkt.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _feed(*, targets: list[DeadlineUnit], deadlines: list[Deadline], today) -> bytes:
    """The calendar: the user's units' deadlines, then his councils'."""
    from icalendar import Calendar

    site = settings.SITE_URL.rstrip("/")
    host = urlsplit(site).hostname or "tdkt"
    calendar = Calendar()
    calendar.add("prodid", "-//TDKT//Deadlines//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("TĐKT deadlines"))
    stamp = timezone.now()
    for target in targets:
        with_light(target, today=today)
        deadline = target.deadline
        calendar.add_component(
            _event(
                uid=f"tdkt-deadline-{deadline.pk}-unit-{target.unit_id}@{host}",
                summary=f"{deadline.title} – {target.unit.name}",
                day=target.last_day,
                state=target.light_label,
                url=site + target_path(target),
                stamp=stamp,
            )
        )
    counts = done_counts(deadline_ids=[deadline.pk for deadline in deadlines])
    for deadline in deadlines:
        done, total = counts.get(deadline.pk, (0, 0))
        calendar.add_component(
            _event(
                uid=f"tdkt-deadline-{deadline.pk}@{host}",
                summary=f"{deadline.title} – {deadline.council.name}",
                day=deadline.due_date,
                state=_("%(done)d of %(total)d units done") % {"done": done, "total": total},
                url=site + reverse("reminders:deadline", args=[deadline.pk]),
                stamp=stamp,
            )
        )
    return calendar.to_ical()


def _event(*, uid: str, summary: str, day: datetime.date, state: str, url: str, stamp):
    """An all-day event on ``day`` with an alarm the day before."""
    from icalendar import Alarm, Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("description", f"{state}\n{url}")
    event.add("url", url)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", datetime.timedelta(days=-1))
    event.add_component(alarm)
    return event
