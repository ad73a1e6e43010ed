"""The calendar page (reminders:calendar) and the private ICS feed (reminders:calendar_feed)."""

import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from notifications.models import Preference
from notifications.services import calendar_token_renew
from reminders.models import DeadlineUnit
from tests.reminders.conftest import DUE
from tests.reminders.conftest_ui import deadline_for

pytestmark = pytest.mark.django_db


def feed(client, token: str):
    return client.get(reverse("reminders:calendar_feed", args=[token]))


def events_of(response) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_calendar_page_makes_renews_and_revokes_the_address(client, officer_a):
    client.force_login(officer_a)
    url = reverse("reminders:calendar")

    assert 'id="feed-url"' not in client.get(url).content.decode()
    client.post(url, {"action": "renew"})
    first = Preference.objects.get(user=officer_a).calendar_token
    page = client.get(url).content.decode()
    client.post(url, {"action": "renew"})
    second = Preference.objects.get(user=officer_a).calendar_token
    client.post(url, {"action": "revoke"})

    assert first
    assert second != first
    assert f'value="http://testserver/deadlines/calendar/{first}.ics"' in page
    assert f'href="webcal://testserver/deadlines/calendar/{first}.ics"' in page
    assert Preference.objects.get(user=officer_a).calendar_token is None


def test_calendar_page_refuses_an_unknown_action(client, officer_a):
    client.force_login(officer_a)

    assert client.post(reverse("reminders:calendar"), {"action": "x"}).status_code == 400


def test_calendar_feed_holds_an_all_day_event_per_deadline_of_the_users_units(
    client, owed, tree, officer_a, settings, clock
):
    settings.SITE_URL = "https://tdkt.example.vn"
    DeadlineUnit.objects.filter(pk=owed.target_a.pk).update(due_date=DUE + datetime.timedelta(7))
    far = deadline_for(
        tree, title="Báo cáo năm sau", due=DUE + datetime.timedelta(days=400),
        units=[tree.ward_a],
    )  # fmt: skip
    token = calendar_token_renew(user=officer_a)

    response = feed(client, token)  # no login

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    events = events_of(response)
    uid = f"tdkt-deadline-{owed.deadline.pk}-unit-{tree.ward_a.pk}@tdkt.example.vn"
    assert list(events) == [uid]  # ward B is not his; the far deadline is past a year
    event = events[uid]
    assert str(event["SUMMARY"]) == f"{owed.deadline.title} – Phường An Bình"
    assert event["DTSTART"].dt == datetime.date(2026, 3, 19)  # his extension
    assert event["DTSTART"].params["VALUE"] == "DATE"
    link = "https://tdkt.example.vn" + reverse("reminders:target", args=[owed.target_a.pk])
    assert link in str(event["DESCRIPTION"])
    [alarm] = event.walk("VALARM")
    assert alarm["TRIGGER"].dt == datetime.timedelta(days=-1)
    assert far.title not in response.content.decode()


def test_calendar_feed_of_the_secretariat_holds_its_councils_deadlines(
    client, owed, tree, secretariat, clock
):
    DeadlineUnit.objects.filter(pk=owed.target_a.pk).update(done_at=timezone.now())
    token = calendar_token_renew(user=secretariat)

    events = events_of(feed(client, token))

    event = events[f"tdkt-deadline-{owed.deadline.pk}@127.0.0.1"]
    assert event["DTSTART"].dt == DUE
    with translation.override("vi"):
        state = gettext("%(done)d of %(total)d units done") % {"done": 1, "total": 2}
    assert str(event["DESCRIPTION"]).startswith(state)
    assert reverse("reminders:deadline", args=[owed.deadline.pk]) in str(event["DESCRIPTION"])


def test_calendar_feed_uid_is_stable(client, owed, officer_a, clock):
    token = calendar_token_renew(user=officer_a)

    first, second = events_of(feed(client, token)), events_of(feed(client, token))

    assert list(first) == list(second)


def test_calendar_feed_of_a_revoked_or_unknown_address_is_404(client, owed, officer_a):
    client.force_login(officer_a)
    token = calendar_token_renew(user=officer_a)
    client.post(reverse("reminders:calendar"), {"action": "revoke"})
    client.logout()

    assert feed(client, token).status_code == 404
    assert feed(client, "nobody-has-this-key").status_code == 404


def test_calendar_feed_of_an_inactive_user_is_404(client, officer_a):
    token = calendar_token_renew(user=officer_a)
    officer_a.is_active = False
    officer_a.save()

    assert feed(client, token).status_code == 404
