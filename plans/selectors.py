"""Reads of plans, scoped to what a user may see."""

import datetime
import re
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from common.selectors import HistoryEntry, history_of
from common.text import search_key
from organizations.models import Unit
from organizations.selectors import units_above_memberships, units_visible_to
from plans.models import Deadline, Plan, ScheduleTask

# Words that name the body rather than the place: "UBND", "Hội đồng Thi đua – Khen thưởng".
_BODY_WORDS = re.compile(
    r"^(ubnd|uy ban nhan dan|hoi dong thi dua\W*khen thuong|hdtdkt|hoi dong)\s*", re.IGNORECASE
)
# Administrative prefixes as written in plans and as stored in unit names.
_PLACE_PREFIXES = ("thi xa", "thanh pho", "quan", "huyen", "phuong", "xa", "tinh", "dac khu")


def plans_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Plan]:
    """Plans the user may read: those issued by a unit he sees, and those issued by a unit
    above one of his units (a town's plan asks things of its wards)."""
    return Plan.objects.filter(
        Q(issuing_unit__in=units_visible_to(user))
        | Q(issuing_unit__in=units_above_memberships(user))
    )


def issuer_place_names(*, issuer: str | None, parent_issuer: str | None) -> list[str]:
    """Accent-folded unit names a plan's issuing bodies point at, most specific first.

    "HỘI ĐÔNG THỊ ĐUA-KHEN THƯỞNG" under "UBND THỊ XÃ SON TÂY" gives ["thi xa son tay"];
    "UBND xã Đồng Liên" gives ["xa dong lien"]. Texts that name no place give nothing.
    """
    names = []
    for text in (issuer, parent_issuer):
        folded = _BODY_WORDS.sub("", search_key(text or "")).strip(" -–")
        if folded.startswith(_PLACE_PREFIXES):
            names.append(folded)
    return names


def resolve_issuing_unit(*, issuer: str | None, parent_issuer: str | None, year: int | None):
    """The unit that issued a plan, found by the place its issuing bodies name, or None.

    When several units share the name, the one that existed in the plan's year wins; when that
    still leaves more than one, nothing is guessed (None).
    """
    for name in issuer_place_names(issuer=issuer, parent_issuer=parent_issuer):
        candidates = list(Unit.objects.filter(search_name=name))
        if year:
            day = datetime.date(year, 7, 1)
            candidates = [u for u in candidates if u.is_active_on(day)] or candidates
        if len(candidates) == 1:
            return candidates[0]
    return None


@dataclass(frozen=True)
class TimelineEntry:
    """A deadline on the plan's timeline; ``state`` is "overdue", "next" or "upcoming"."""

    deadline: Deadline
    state: str


def deadline_timeline(*, plan: Plan, today: datetime.date) -> list[TimelineEntry]:
    """The plan's deadlines by date: past ones overdue, the first not yet past "next"."""
    entries = []
    next_seen = False
    for deadline in plan.deadlines.order_by("due_date", "pk"):
        if deadline.due_date < today:
            state = "overdue"
        elif not next_seen:
            state, next_seen = "next", True
        else:
            state = "upcoming"
        entries.append(TimelineEntry(deadline=deadline, state=state))
    return entries


def schedule_by_quarter(*, plan: Plan) -> list[tuple[int | None, list[ScheduleTask]]]:
    """The schedule tasks grouped by quarter, in order: ``[(quarter, [task, …]), …]``."""
    groups: dict[int | None, list[ScheduleTask]] = {}
    for task in plan.schedule_tasks.order_by("order"):
        groups.setdefault(task.quarter, []).append(task)
    return list(groups.items())


def tasks_for_unit(*, plan: Plan, unit: Unit) -> QuerySet[ScheduleTask]:
    """Schedule tasks of ``plan`` that name ``unit`` as executing or coordinating unit."""
    return (
        plan.schedule_tasks.filter(Q(executing_units=unit) | Q(coordinating_units=unit))
        .distinct()
        .order_by("order")
    )


def inferior_plans(*, plan: Plan) -> QuerySet[Plan]:
    """Plans saved in the database that say they implement ``plan``."""
    return Plan.objects.filter(implements__superior_plan=plan).select_related("issuing_unit")


@dataclass(frozen=True)
class EditRows:
    """What the edit page's formsets start from, each a list of dicts in order:
    ``sections`` {"heading", "level", "text"}, ``schedule`` {"quarter", "content",
    "directing", "executing", "coordinating", "due_date", "due_text"}, ``deadlines`` (of the
    body only: the schedule's follow its tasks) {"due_date", "text"}."""

    sections: list[dict]
    schedule: list[dict]
    deadlines: list[dict]


def plan_edit_rows(*, plan: Plan) -> EditRows:
    """The plan's sections, schedule tasks and body deadlines for editing; three queries."""
    return EditRows(
        sections=list(plan.sections.order_by("order").values("heading", "level", "text")),
        schedule=list(
            plan.schedule_tasks.order_by("order").values(
                "quarter",
                "content",
                "directing",
                "executing",
                "coordinating",
                "due_date",
                "due_text",
            )
        ),
        deadlines=list(
            plan.deadlines.filter(schedule_task__isnull=True)
            .order_by("due_date", "pk")
            .values("due_date", "text")
        ),
    )


def plan_history(*, plan: Plan) -> list[HistoryEntry]:
    """The plan's status changes, oldest first (one query once content types are cached)."""
    return history_of(obj=plan, state_labels=dict(Plan.Status.choices))
