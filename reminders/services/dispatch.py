"""The dispatcher: run by Celery beat every 15 minutes (``reminders.dispatch``).

One run:
1. brings the deadlines in step with their sources (reminders/sources.py);
2. finds, for every responsible unit that still owes, the reminder due now: of its deadline's
   offsets (reminders/offsets.py) whose time (``REMINDER_SEND_HOUR`` of its day) has come, the
   latest, unless it came before the unit was made responsible or more than ``CATCH_UP_DAYS``
   ago; the earlier ones it supersedes are never sent;
3. writes one ``ReminderDispatch`` per (deadline, unit, offset), the unique constraint keeping
   a second run, or a run at the same moment, from writing it twice;
4. on each working day from the send hour, writes one ``OverdueDigest`` per council that has
   overdue units;
5. hands to the workers every scheduled row not yet handed over (or handed over long ago and
   still not sent: a lost message, a broker that was down), and the outbox's waiting mail.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from common.working_days import is_working_day
from notifications import delivery
from notifications.services import mails_recover
from reminders.models import DeadlineUnit, OverdueDigest, ReminderDispatch
from reminders.offsets import Offset, parse_offsets
from reminders.selectors import RECENT_DAYS, overdue, with_state
from reminders.sources import deadlines_sync

# A reminder whose day passed this many days ago without being sent (the dispatcher was down)
# is still sent; an older one is not.
CATCH_UP_DAYS = 2
# The furthest an offset reaches before a due date: 7 working days can span a Tết break.
LOOK_AHEAD_DAYS = 40
BATCH = 50


@dataclass
class DispatchResult:
    """What one dispatcher run did: reminders and digests written, rows handed to workers."""

    reminders: int = 0
    digests: int = 0
    handed_over: int = 0
    mails_recovered: int = 0


def send_moment(day: datetime.date) -> datetime.datetime:
    """The moment reminders of ``day`` go out: ``REMINDER_SEND_HOUR`` o'clock, local time."""
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(settings.REMINDER_SEND_HOUR))
    )


def offsets_for(*, own: str, plan: str | None, counting: str) -> tuple[Offset, ...]:
    """A deadline's offsets: its own, else its plan's, else the default."""
    return parse_offsets(own or plan or settings.REMINDER_DEFAULT_OFFSETS, counting=counting)


def reminder_due(
    *,
    offsets: tuple[Offset, ...],
    last_day: datetime.date,
    added_at: datetime.datetime,
    now: datetime.datetime,
) -> tuple[Offset, datetime.date] | None:
    """The reminder a unit is due at ``now`` for a deadline it owes by ``last_day``: the offset
    and its day, or ``None``. See the module's step 2."""
    today = timezone.localdate(now)
    due = [
        (offset, day)
        for offset in offsets
        for day in [offset.send_on(last_day)]
        if added_at <= send_moment(day) <= now
    ]
    if not due:
        return None
    offset, day = max(due, key=lambda item: (item[1], item[0].days))
    if day < today - datetime.timedelta(days=CATCH_UP_DAYS):
        return None
    return offset, day


def reminders_due(*, now: datetime.datetime) -> list[ReminderDispatch]:
    """The reminders due at ``now`` for every unit that still owes (unsaved rows): one query
    for the units, the offsets computed in Python."""
    today = timezone.localdate(now)
    targets = (
        with_state(DeadlineUnit.objects.all())
        .filter(
            is_done=False,
            last_day__gte=today - datetime.timedelta(days=RECENT_DAYS),
            last_day__lte=today + datetime.timedelta(days=LOOK_AHEAD_DAYS),
        )
        .values_list(
            "deadline_id",
            "unit_id",
            "added_at",
            "last_day",
            "deadline__offsets",
            "deadline__plan__reminder_offsets",
            "deadline__counting",
        )
    )
    rows = []
    for deadline_id, unit_id, added_at, last_day, own, plan, counting in targets.iterator(
        chunk_size=2000
    ):
        offsets = offsets_for(own=own, plan=plan, counting=counting)
        found = reminder_due(offsets=offsets, last_day=last_day, added_at=added_at, now=now)
        if found is not None:
            offset, day = found
            rows.append(
                ReminderDispatch(
                    deadline_id=deadline_id,
                    unit_id=unit_id,
                    offset=offset.token,
                    send_on=day,
                    overdue=offset.overdue,
                )
            )
    return rows


def digests_due(*, now: datetime.datetime) -> list[OverdueDigest]:
    """Today's overdue digests (unsaved), one per council with units overdue, on a working day
    from the send hour on."""
    today = timezone.localdate(now)
    if not is_working_day(today) or now < send_moment(today):
        return []
    councils = (
        overdue(today=today).order_by().values_list("deadline__council_id", flat=True).distinct()
    )
    return [OverdueDigest(council_id=pk, day=today) for pk in councils]


def dispatch(*, now: datetime.datetime | None = None, sync: bool = True) -> DispatchResult:
    """One dispatcher run at ``now`` (see the module). Safe to run twice at once: nothing is
    written or sent twice. Returns its counts."""
    from reminders.tasks import send_digests_task, send_reminders_task

    now = now or timezone.now()
    result = DispatchResult()
    if sync:
        deadlines_sync()
    with transaction.atomic():
        reminders = reminders_due(now=now)
        before = ReminderDispatch.objects.count()
        ReminderDispatch.objects.bulk_create(reminders, ignore_conflicts=True, batch_size=1000)
        result.reminders = ReminderDispatch.objects.count() - before
        digests = digests_due(now=now)
        before = OverdueDigest.objects.count()
        OverdueDigest.objects.bulk_create(digests, ignore_conflicts=True)
        result.digests = OverdueDigest.objects.count() - before
    for model, task in (
        (ReminderDispatch, send_reminders_task),
        (OverdueDigest, send_digests_task),
    ):
        ids = list(delivery.due_rows(model, now=now).order_by("pk").values_list("pk", flat=True))
        result.handed_over += delivery.hand_over(
            model,
            ids,
            task,
            batch=BATCH,
        )
    result.mails_recovered = mails_recover(now=now)
    return result
