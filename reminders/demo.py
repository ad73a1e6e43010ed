"""Demo deadlines and reminders around today.

The demo world is historical (the sample plans of 2020 and 2022, units dissolved on 01/07/2025),
so the deadlines read from it (``deadlines_sync``: the 2020 registrations, the cluster documents,
Phú Lãm's 2022 round) are all past. So that the reminders can be seen at work, the demo
secretariat (``thuongtruc``) adds obligations of its councils' own, labelled "(minh họa)",
placed in working days around today (the last working day, when today is a day off) so that
the dispatcher has something to send today:

    Sơn Tây, every ward and commune   due in 7 working days           "-7w" reminder today
    Sơn Tây, cluster no. 1's wards     due the next working day        "-1d" reminder today
    Sơn Tây, every ward and commune   due the working day before      "+1d" overdue today, and
                                                                       the secretariat's digest
    Phú Lãm, its schools, station
    and residential groups             due in 3 working days           "-3w" reminder today
    Đồng Liên                          due in 12 working days          none yet

The units are responsible since 30 days ago, and a few of them have already marked theirs done
(green on their lists). Most of Sơn Tây's wards and communes have no officer in the demo, nor
does the town above them: they are on the secretariat's "cannot be reached" list. Nothing is
sent here: the administrator runs the dispatcher (the outbox page, or ``manage.py
send_reminders``). Idempotent: an obligation already there is left as it is.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from common.working_days import working_days_after, working_days_before
from organizations.demo import PHU_LAM, SON_TAY, SON_TAY_COMMUNES, SON_TAY_WARDS
from organizations.models import TWO_TIER_REFORM_DATE, Council, Unit
from reminders.models import Deadline, DeadlineUnit
from reminders.selectors import unreachable_units
from reminders.services.deadlines import deadline_create, target_mark_done
from reminders.sources import SyncResult, deadlines_sync

DONG_LIEN = "Xã Đồng Liên"
SECRETARIAT = "thuongtruc"
CLUSTER_1 = ["Phường Xuân Khanh", "Phường Trung Hưng", "Phường Trung Sơn Trầm", "Phường Viên Sơn"]
DONE_NOTE = "Dữ liệu minh họa: đơn vị đã gửi qua hệ thống quản lý văn bản."
RESPONSIBLE_FOR = datetime.timedelta(days=30)


@dataclass(frozen=True)
class DemoDeadline:
    """One demo obligation: its council's unit, its title, its due date in working days from
    the reference day (negative: before it), the units that owe it (``None``: every unit
    directly under the council's unit of those kinds) and the units that have done it, with
    the username of the officer who marked it."""

    council_unit: str
    title: str
    working_days: int
    units: list[str] | None
    done: list[tuple[str, str]]


SON_TAY_UNITS = SON_TAY_WARDS + SON_TAY_COMMUNES
DEMO_DEADLINES = [
    DemoDeadline(
        SON_TAY,
        "Gửi báo cáo sơ kết công tác thi đua, khen thưởng về Thường trực Hội đồng (minh họa)",
        7,
        SON_TAY_UNITS,
        [("Phường Viên Sơn", "canbo_vienson")],
    ),
    DemoDeadline(
        SON_TAY,
        "Gửi biên bản họp cụm thi đua số 1 và kết quả tự chấm điểm (minh họa)",
        1,
        CLUSTER_1,
        [("Phường Trung Sơn Trầm", "canbo_trungsontram")],
    ),
    DemoDeadline(
        SON_TAY,
        "Gửi báo cáo kết quả phong trào thi đua “Người tốt, việc tốt” (minh họa)",
        -1,
        SON_TAY_UNITS,
        [("Phường Trung Hưng", "canbo_trunghung")],
    ),
    DemoDeadline(
        PHU_LAM,
        "Gửi báo cáo thành tích và danh sách đề nghị khen thưởng cuối năm (minh họa)",
        3,
        None,
        [("Trường THCS Phú Lãm", "canbo_phulam")],
    ),
    DemoDeadline(
        DONG_LIEN,
        "Gửi báo cáo tổng kết công tác thi đua, khen thưởng về Hội đồng (minh họa)",
        12,
        [DONG_LIEN],
        [],
    ),
]


@dataclass(frozen=True)
class DemoReminders:
    """What ``load_demo_reminders`` left: the sync's counts, the demo obligations (created now
    or before), the reference day, and the units the reminders cannot reach."""

    synced: SyncResult
    deadlines: list[Deadline]
    day: datetime.date
    unreachable: list[tuple[Unit, list[Deadline]]]


def reference_day(today: datetime.date) -> datetime.date:
    """``today`` if it is a working day, else the working day before it: reminders fall on
    working days only."""
    return working_days_before(today, 0)


def due_on(day: datetime.date, working_days: int) -> datetime.date:
    """The working day ``working_days`` working days after ``day`` (before it if negative)."""
    if working_days >= 0:
        return working_days_after(day, working_days)
    return working_days_before(day, -working_days)


def _unit(name: str) -> Unit:
    return Unit.objects.get(name=name, dissolved_on=TWO_TIER_REFORM_DATE)


@transaction.atomic
def load_demo_reminders(*, now: datetime.datetime | None = None) -> DemoReminders:
    """Bring the deadlines read from the demo world in step, then add the demo obligations
    around ``now``'s day (default: now) that are not there yet. Expects the other demo data
    (organizations, plans, campaigns, registrations, dossiers). Returns what it left."""
    now = now or timezone.now()
    day = reference_day(timezone.localdate(now))
    synced = deadlines_sync()
    usernames = {SECRETARIAT} | {name for spec in DEMO_DEADLINES for _unit, name in spec.done}
    users = {u.username: u for u in get_user_model().objects.filter(username__in=usernames)}
    deadlines = []
    for spec in DEMO_DEADLINES:
        council = Council.objects.get(unit=_unit(spec.council_unit))
        deadline = Deadline.objects.filter(
            council=council, kind=Deadline.Kind.OTHER, title=spec.title
        ).first()
        if deadline is None:
            deadline = _create(spec, council, day=day, now=now, users=users)
        deadlines.append(deadline)
    councils = {deadline.council_id for deadline in deadlines}
    return DemoReminders(
        synced=synced,
        deadlines=deadlines,
        day=day,
        unreachable=unreachable_units(councils=councils, today=day),
    )


def _create(spec: DemoDeadline, council: Council, *, day, now, users) -> Deadline:
    if spec.units is None:
        units = list(Unit.objects.filter(parent=council.unit).order_by("name"))
    else:
        units = [_unit(name) for name in spec.units]
    deadline = deadline_create(
        council=council,
        title=spec.title,
        due_date=due_on(day, spec.working_days),
        units=units,
        actor=users[SECRETARIAT],
    )
    DeadlineUnit.objects.filter(deadline=deadline).update(added_at=now - RESPONSIBLE_FOR)
    for unit_name, username in spec.done:
        target = deadline.targets.select_related("deadline", "unit").get(unit__name=unit_name)
        target_mark_done(target=target, actor=users[username], note=DONE_NOTE)
    return deadline
