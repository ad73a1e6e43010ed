"""Sending reminders and overdue digests, each row claimed under its lock
(notifications/delivery.py): a row is sent once even if two workers are given it.

A reminder goes to the unit's officers (``organizations.selectors.officers_acting_for``) as a
mail in each one's language and as a notification under his bell; officers who muted
reminders get none before the overdue one. If the unit has done what is due meanwhile, the row
is ``skipped``; if none of its officers has an e-mail address it fails with that reason (the
unit is on the secretariat's "cannot be reached" list); that reason is kept in the site's
language (``settings.LANGUAGE_CODE``), like the deadlines' titles.
"""

import datetime

from django.conf import settings
from django.core.mail import get_connection
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from dossiers.selectors.core import secretariat_members
from notifications import delivery
from notifications.mail import render_mails
from notifications.models import Notification
from notifications.services import TITLE_LENGTH, preferences_of
from organizations.selectors import officers_acting_for
from reminders.links import action_path
from reminders.models import DeadlineUnit, OverdueDigest, ReminderDispatch
from reminders.offsets import parse_offsets
from reminders.selectors import overdue_targets, with_state


class Unreachable(Exception):
    """No one to send to: the unit's officers have no e-mail address (not retried)."""


def send_reminders(*, ids: list[int], now: datetime.datetime | None = None) -> int:
    """Send the reminders ``ids`` over one mail connection. Rows sent, taken by another worker
    or not due are left alone. Returns how many were sent.

    On a row's first attempt its officers get a notification under the bell, kept even when
    the mail fails (officers without an e-mail address see it there too)."""
    rows = list(
        ReminderDispatch.objects.filter(pk__in=ids, status=ReminderDispatch.Status.SCHEDULED)
        .select_related("deadline", "unit")
        .order_by("pk")
    )
    if not rows:
        return 0
    officers = officers_acting_for({row.unit_id for row in rows})
    preferences = preferences_of({u for users in officers.values() for u in users})
    # Whether each unit still owes is read once for the batch, just before it is sent (a
    # unit that finishes within that fraction of a second may still get this reminder).
    owing = {
        (d, u): pk
        for d, u, pk, is_done in with_state(
            DeadlineUnit.objects.filter(
                deadline_id__in={r.deadline_id for r in rows},
                unit_id__in={r.unit_id for r in rows},
            )
        ).values_list("deadline_id", "unit_id", "pk", "is_done")
        if not is_done
    }
    sent = 0
    with get_connection() as connection:
        for row in rows:
            users = [
                user
                for user in officers[row.unit_id]
                if row.overdue or not preferences[user.pk].mute_reminders
            ]
            target_id = owing.get((row.deadline_id, row.unit_id))
            # No page to point to when the unit has done it: the row is then skipped.
            path = action_path(deadline=row.deadline, target_id=target_id) if target_id else ""

            def bell(
                locked: ReminderDispatch, row=row, users=users, path=path, target_id=target_id
            ) -> None:
                if target_id is not None and locked.attempts == 0:
                    Notification.objects.bulk_create(
                        Notification(
                            user=user,
                            title=_reminder_title(row, preferences[user.pk].language),
                            body=str(row.unit),
                            url=path,
                            overdue=row.overdue,
                        )
                        for user in users
                    )

            def send(
                locked: ReminderDispatch, row=row, users=users, path=path, target_id=target_id
            ) -> list[str] | None:
                if target_id is None:
                    return None
                if not users and officers[row.unit_id]:
                    return None  # every officer muted reminders before the deadline
                addressed = [user for user in users if user.email]
                if not addressed:
                    with translation.override(settings.LANGUAGE_CODE):
                        raise Unreachable(
                            _("None of the unit's officers has an e-mail address.")
                            if users
                            else _("The unit has no officer in TĐKT, nor has any unit above it.")
                        )
                context = {
                    "dispatch": row,
                    "deadline": row.deadline,
                    "unit": row.unit,
                    "offset": parse_offsets(row.offset)[0],
                    "path": path,
                }
                _send_to(addressed, "reminders/email/reminder", context, preferences, connection)
                return [user.email for user in addressed]

            done = delivery.deliver(ReminderDispatch, row.pk, send, now=now, before=bell)
            sent += done is not None and done.status == ReminderDispatch.Status.SENT
    return sent


def _send_to(users: list, template: str, context: dict, preferences: dict, connection) -> None:
    """Send ``template`` to each of ``users`` (all with an address) in his language, rendered
    once per language."""
    rendered = render_mails(
        template, context, languages=[preferences[user.pk].language for user in users]
    )
    for user in users:
        rendered[preferences[user.pk].language].message(user.email, connection=connection).send()


def _reminder_title(row: ReminderDispatch, language: str) -> str:
    """The notification's title in ``language``, cut to fit (a task's text is long)."""
    with translation.override(language):
        if row.overdue:
            title = _("Overdue: %(title)s") % {"title": row.deadline.title}
        else:
            title = _("Due %(day)s: %(title)s") % {
                "day": f"{row.deadline.due_date:%d/%m/%Y}",
                "title": row.deadline.title,
            }
    return Truncator(title).chars(TITLE_LENGTH)


def send_digests(*, ids: list[int], now: datetime.datetime | None = None) -> int:
    """Send the overdue digests ``ids``: to each member of the council's secretariat, in his
    language, the list of the council's units that are overdue today. A digest with nothing
    left overdue is skipped. Returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    items: dict[int, list] = {}
    rows = OverdueDigest.objects.filter(pk__in=ids).select_related("council__unit")
    with get_connection() as connection:
        for row in rows:

            def count(locked: OverdueDigest, row=row) -> None:  # kept if the mail fails
                items[row.pk] = list(overdue_targets(council_id=row.council_id, today=row.day))
                locked.items = len(items[row.pk])
                locked.save(update_fields=["items"])

            def send(locked: OverdueDigest, row=row) -> list[str] | None:
                if not items[row.pk]:
                    return None
                members = list(secretariat_members(council=row.council))
                addressed = [user for user in members if user.email]
                if not addressed:
                    with translation.override(settings.LANGUAGE_CODE):
                        raise Unreachable(_("No member of the secretariat has an e-mail address."))
                context = {"digest": row, "council": row.council, "items": items[row.pk]}
                preferences = preferences_of(addressed)
                _send_to(addressed, "reminders/email/digest", context, preferences, connection)
                return [user.email for user in addressed]

            done = delivery.deliver(OverdueDigest, row.pk, send, now=now, before=count)
            sent += done is not None and done.status == OverdueDigest.Status.SENT
    return sent
