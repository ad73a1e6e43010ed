"""Writes of notifications: telling users of an event, the outbox, preferences."""

import datetime
from collections.abc import Callable, Iterable

from django.db import transaction
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.text import Truncator

from notifications import delivery
from notifications.mail import RenderedMail, render_mails
from notifications.models import Notification, OutgoingMail, Preference, new_calendar_token

MAIL_BATCH = 50
TITLE_LENGTH = Notification._meta.get_field("title").max_length
SUBJECT_LENGTH = OutgoingMail._meta.get_field("subject").max_length
# Text written in each recipient's language: a lazy translation or a callable returning text.
Text = str | Promise | Callable[[], str]


def preference_of(user) -> Preference:
    """The user's preference row, created with the defaults when he has none."""
    preference, _created = Preference.objects.get_or_create(user=user)
    return preference


def preferences_of(users: Iterable) -> dict[int, Preference]:
    """Preferences by user id for ``users``, unsaved defaults for those without a row: one
    query."""
    users = list(users)
    saved = {p.user_id: p for p in Preference.objects.filter(user__in=[u.pk for u in users])}
    return {u.pk: saved.get(u.pk) or Preference(user=u) for u in users}


def preference_update(*, user, language: str, mute_reminders: bool) -> Preference:
    """Set the language of the user's mail and whether reminders before deadlines are muted."""
    preference = preference_of(user)
    preference.language, preference.mute_reminders = language, mute_reminders
    preference.save(update_fields=["language", "mute_reminders"])
    return preference


def calendar_token_renew(*, user) -> str:
    """Give the user a new calendar feed key, which revokes the old feed URL. Returns it."""
    preference = preference_of(user)
    preference.calendar_token = new_calendar_token()
    preference.save(update_fields=["calendar_token"])
    return preference.calendar_token


def calendar_token_revoke(*, user) -> None:
    """Turn the user's calendar feed off: its URL answers 404 from now on."""
    Preference.objects.filter(user=user).update(calendar_token=None)


def in_language(text: Text, language: str) -> str:
    """``text`` (a string, a lazy translation, or a callable returning one) in ``language``."""
    with translation.override(language):
        return str(text() if callable(text) else text)


def notify(
    *,
    users: Iterable,
    title: Text,
    url: str,
    mail_template: str,
    context: dict,
    body: Text = "",
) -> list[OutgoingMail]:
    """Tell ``users`` of an event: a notification under each one's bell now, and a mail
    rendered from ``mail_template`` (see ``notifications.mail.render_mail``) in each one's
    language to those with an address, sent after the surrounding transaction commits.
    ``title`` and ``body`` are written in each one's language too when they are lazy
    translations or callables (``lambda: _("Dossier submitted: %(unit)s") % {…}``).

    The mail rows are written in the caller's transaction: if the broker cannot be reached
    the caller's work still commits, and the dispatcher hands the mail over later. Returns the
    mail rows created.
    """
    users = list(users)
    preferences = preferences_of(users)
    Notification.objects.bulk_create(
        Notification(
            user=user,
            title=Truncator(in_language(title, preferences[user.pk].language)).chars(TITLE_LENGTH),
            body=in_language(body, preferences[user.pk].language),
            url=url,
        )
        for user in users
    )
    addressed = [user for user in users if user.email]
    rendered = render_mails(
        mail_template, context, languages=[preferences[u.pk].language for u in addressed]
    )
    mails = [
        OutgoingMail(
            to=user.email,
            subject=Truncator(mail.subject).chars(SUBJECT_LENGTH),
            body=mail.text,
            html_body=mail.html,
        )
        for user in addressed
        for mail in [rendered[preferences[user.pk].language]]
    ]
    created = OutgoingMail.objects.bulk_create(mails)
    ids = [mail.pk for mail in created if mail.pk]
    if ids:
        transaction.on_commit(lambda: mails_hand_over(ids=ids), robust=True)
    return created


def mails_hand_over(*, ids: list[int]) -> int:
    """Give the outbox rows ``ids`` to the workers (``notifications.send_mail``). Returns how
    many the broker took; the rest wait for the dispatcher."""
    from notifications.tasks import send_mail_task  # the task module imports this one

    return delivery.hand_over(
        OutgoingMail,
        ids,
        send_mail_task,
        batch=MAIL_BATCH,
    )


def mails_recover(*, now: datetime.datetime | None = None) -> int:
    """Hand over again the outbox rows still waiting: never queued (the broker was down), lost
    by a worker, or due for another attempt. Returns how many were handed over."""
    now = now or timezone.now()
    ids = list(delivery.due_rows(OutgoingMail, now=now).values_list("pk", flat=True))
    return mails_hand_over(ids=ids) if ids else 0


def mails_send(*, ids: list[int]) -> int:
    """Send the outbox rows ``ids`` over one connection to the mail server, each claimed under
    its row lock (``notifications.delivery.deliver``). Returns how many were sent."""
    from django.core.mail import get_connection

    sent = 0
    with get_connection() as connection:
        for pk in ids:

            def send(mail: OutgoingMail) -> list[str]:
                RenderedMail(mail.subject, mail.body, mail.html_body).message(
                    mail.to, connection=connection
                ).send()
                return [mail.to]

            row = delivery.deliver(OutgoingMail, pk, send)
            sent += row is not None and row.status == OutgoingMail.Status.SENT
    return sent


def notifications_mark_read(*, user, ids: Iterable[int] | None = None) -> int:
    """Mark the user's unread notifications read: those of ``ids``, or all. Returns how many."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
