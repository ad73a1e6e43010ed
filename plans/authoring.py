"""Writing plans in the browser: create one, copy last year's, edit a draft, issue it.

``plan_issue`` is the single door from draft to issued. Only a draft can be edited.

The plan's own fields come as ``plans.forms.PlanForm.plan_fields`` gives them ("plan fields"):
``{"number": str, "place": str, "issue_date": date | None, "issue_month": "YYYY-MM" or "",
"year": int, "title": str, "issuer": str, "parent_issuer": str, "signer_name": str,
"signer_title": str (lines joined by "\\n"), "legal_bases": [str], "recipients": [str]}``.
When ``issue_date`` is given, its month is the issue month.
"""

import datetime
import re

from django.db import transaction

from common.audit import APP, AuditTrail, snapshot
from common.services import state_change_record
from organizations.models import Unit
from plans.models import Deadline, Plan, ScheduleTask
from plans.services import (
    PlanAlreadyExists,
    plan_save,
    same_plans,
    schedule_tasks_create,
    sections_create,
)

# What the edit form writes straight onto the plan.
_PLAN_TEXT_FIELDS = (
    "number",
    "place",
    "title",
    "issuer",
    "parent_issuer",
    "signer_name",
    "signer_title",
)
# A range of years ("2019 - 2020", "2016-2020") or the plan's year on its own.
_YEAR_OR_RANGE = r"(?<!\d)(\d{{4}})(\s*[-–]\s*)(\d{{4}})(?!\d)|(?<!\d)({year})(?!\d)"
# A date written d/m/yyyy ("28/02/2020", "5/3/2020").
_WRITTEN_DATE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")


class PlanNotEditable(Exception):
    """The plan has been issued: it can no longer be edited."""

    def __init__(self, plan: Plan):
        super().__init__("Kế hoạch đã ban hành nên không sửa được nữa.")
        self.plan = plan


class PlanCannotBeIssued(Exception):
    """The plan is not a draft, or lacks what an issued plan must have; the message (in
    Vietnamese) says which."""


def _issue_month(data: dict) -> str:
    issue_date = data.get("issue_date")
    return f"{issue_date:%Y-%m}" if issue_date else data.get("issue_month") or ""


@transaction.atomic
def plan_create(*, unit: Unit, user, data: dict) -> Plan:
    """Create a draft plan of ``unit`` from plan fields (see the module docstring), with no
    section, schedule or deadline yet; ``user`` is recorded as its author.

    Raises ``PlanAlreadyExists`` when the unit already has a plan for the year with the same
    number (or, when no number is given, one without a number with the same title).
    """
    issue_date = data.get("issue_date")
    parser_shaped = {
        **{key: data.get(key) or "" for key in ("number", "place", "issuer", "parent_issuer")},
        "title": data["title"],
        "year": data["year"],
        "issue_date": issue_date.isoformat() if issue_date else None,
        "issue_month": _issue_month(data),
        "signer": {"name": data.get("signer_name"), "title": data.get("signer_title")},
        "legal_bases": data.get("legal_bases"),
        "recipients": data.get("recipients"),
    }
    return plan_save(data=parser_shaped, unit=unit, user=user).plan


def _next_year(day: datetime.date) -> datetime.date:
    """The same day a year later; 29/02 becomes 28/02."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def title_for_next_year(title: str, *, year: int) -> str:
    """The title of next year's plan: ``year`` standing alone becomes ``year + 1``.

    "Công tác thi đua, khen thưởng năm 2020" → "… năm 2021". A range of two consecutive years
    that holds ``year`` (a school year, "năm học 2019 - 2020") moves on by one year
    ("2020 - 2021"); a longer range ("giai đoạn 2016 - 2020") and every other year stay.
    """

    def replace(match: re.Match) -> str:
        first, dash, last, alone = match.groups()
        if alone:
            return str(year + 1)
        if int(last) == int(first) + 1 and year in (int(first), int(last)):
            return f"{int(first) + 1}{dash}{int(last) + 1}"
        return match.group()

    return re.sub(_YEAR_OR_RANGE.format(year=year), replace, title)


def _rewrite_date(text: str, *, old: datetime.date, new: datetime.date) -> str:
    """``text`` with the dates written d/m/yyyy that are ``old`` rewritten as ``new`` (keeping
    how many digits the day and month had); other dates stay."""

    def replace(match: re.Match) -> str:
        day, month, year = match.groups()
        try:
            written = datetime.date(int(year), int(month), int(day))
        except ValueError:
            return match.group()
        if written != old:
            return match.group()
        return f"{new.day:0{len(day)}d}/{new.month:0{len(month)}d}/{new.year}"

    return _WRITTEN_DATE.sub(replace, text)


@transaction.atomic
def plan_copy_for_next_year(*, plan: Plan, user) -> Plan:
    """Start next year's plan from ``plan``: a new draft of the same unit for ``year + 1``.

    Copied: issuing bodies, place, signer, legal bases, recipients, campaign and cluster names,
    sections (text unchanged), schedule tasks with their linked units, and the deadlines of
    the body. Changed: the title (``title_for_next_year``); every due date, of tasks and of
    deadlines, moves on one year (29/02 → 28/02), and where the task's "time as written" or the
    deadline's text writes that date (d/m/yyyy) it is rewritten too; the schedule's deadlines
    are rebuilt from the copied tasks. Left blank: number, issue date and month (the new plan
    gets them when it is issued), source document, PDF, superior-plan references.

    Raises ``PlanAlreadyExists`` when the unit already has a plan for ``year + 1`` with the
    new title, whatever its number.
    """
    plan = Plan.objects.select_for_update().get(pk=plan.pk)  # two clicks copy once
    year = plan.year + 1
    title = title_for_next_year(plan.title, year=plan.year)
    existing = (
        Plan.objects.filter(issuing_unit_id=plan.issuing_unit_id, year=year, title=title)
        .select_related("issuing_unit")
        .first()
    )
    if existing:
        raise PlanAlreadyExists(existing)
    copy = Plan.objects.create(
        issuing_unit_id=plan.issuing_unit_id,
        year=year,
        title=title,
        created_by=user,
        **{
            field: getattr(plan, field)
            for field in (
                "issuer",
                "parent_issuer",
                "place",
                "signer_name",
                "signer_title",
                "legal_bases",
                "recipients",
                "campaign_names",
                "cluster_names",
            )
        },
    )
    trail = AuditTrail(actor=user, source=APP, reference="plan_copy_for_next_year")
    trail.created([copy])
    trail.created(
        sections_create(
            copy, list(plan.sections.order_by("order").values("heading", "level", "text"))
        )
    )
    old_tasks = list(plan.schedule_tasks.order_by("order"))
    new_tasks = ScheduleTask.objects.bulk_create(_task_for_next_year(copy, t) for t in old_tasks)
    trail.created(new_tasks)
    new_task_ids = {old.pk: new.pk for old, new in zip(old_tasks, new_tasks, strict=True)}
    for field in ("executing_units", "coordinating_units"):
        through = getattr(ScheduleTask, field).through
        links = through.objects.filter(scheduletask__plan=plan).values_list(
            "scheduletask_id", "unit_id"
        )
        through.objects.bulk_create(
            through(scheduletask_id=new_task_ids[task_id], unit_id=unit_id)
            for task_id, unit_id in links
        )
    body_deadlines = plan.deadlines.filter(schedule_task__isnull=True).order_by("due_date", "pk")
    deadlines = Deadline.objects.bulk_create(
        Deadline(
            plan=copy,
            due_date=_next_year(d.due_date),
            text=_rewrite_date(d.text, old=d.due_date, new=_next_year(d.due_date)),
        )
        for d in body_deadlines
    )
    trail.created(deadlines)
    trail.created(_schedule_deadlines_create(copy, new_tasks))
    trail.save()
    return copy


def _task_for_next_year(plan: Plan, task: ScheduleTask) -> ScheduleTask:
    due_date = _next_year(task.due_date) if task.due_date else None
    due_text = task.due_text
    if task.due_date:
        due_text = _rewrite_date(due_text, old=task.due_date, new=due_date)
    return ScheduleTask(
        plan=plan,
        order=task.order,
        quarter=task.quarter,
        content=task.content,
        directing=task.directing,
        executing=task.executing,
        coordinating=task.coordinating,
        due_date=due_date,
        due_text=due_text,
    )


def _schedule_deadlines_create(plan: Plan, tasks: list[ScheduleTask]) -> list[Deadline]:
    """One deadline per task with a due date, its text the task (as the importer does);
    returns them."""
    return Deadline.objects.bulk_create(
        Deadline(
            plan=plan,
            due_date=task.due_date,
            text=task.content or task.due_text,
            schedule_task=task,
        )
        for task in tasks
        if task.due_date
    )


def _locked_draft(plan: Plan) -> Plan:
    """The plan re-read under a row lock; raises ``PlanNotEditable`` if it is not a draft."""
    plan = Plan.objects.select_for_update().select_related("issuing_unit").get(pk=plan.pk)
    if not plan.is_draft:
        raise PlanNotEditable(plan)
    return plan


@transaction.atomic
def plan_update(
    *,
    plan: Plan,
    user,
    data: dict,
    sections: list[dict],
    schedule: list[dict],
    deadlines: list[dict],
) -> Plan:
    """Rewrite a draft plan: its fields, sections, schedule and body deadlines, in the order
    given. ``user`` is the editor (the caller has checked ``plans.change_plan``).

    ``data``: plan fields (module docstring). ``sections``: ``[{"heading", "level" (1–6),
    "text"}]``. ``schedule``: ``[{"quarter" (1–4 or None), "content", "directing",
    "executing", "coordinating", "due_date" (date or None), "due_text"}]``. ``deadlines``:
    the deadlines of the body, ``[{"due_date": date, "text"}]``.

    Sections, tasks and body deadlines are replaced (new ids), each old and new row recorded
    in the audit trail (``AuditEntry``, with the plan's changed fields). Executing and
    coordinating units are linked again from the columns' text, and the schedule's deadlines
    rebuilt: one per task with a due date. ``updated_at`` moves, so a PDF rendered before is
    stale. Returns the saved plan (a fresh instance). Raises ``PlanNotEditable`` if the plan
    has been issued, and ``PlanAlreadyExists`` if another plan of the unit for the year has the
    number (or, both without a number, the title).
    """
    plan = _locked_draft(plan)
    trail = AuditTrail(actor=user, source=APP, reference="plan_update")
    before = snapshot(plan)
    number = data["number"].strip()
    other = (
        same_plans(
            unit_id=plan.issuing_unit_id, year=data["year"], number=number, title=data["title"]
        )
        .exclude(pk=plan.pk)
        .select_related("issuing_unit")
        .first()
    )
    if other:
        raise PlanAlreadyExists(other)
    for field in _PLAN_TEXT_FIELDS:
        setattr(plan, field, (data.get(field) or "").strip())
    plan.year = data["year"]
    plan.issue_date = data.get("issue_date")
    plan.issue_month = _issue_month(data)
    plan.legal_bases = list(data.get("legal_bases") or [])
    plan.recipients = list(data.get("recipients") or [])
    plan.save()
    trail.updated(plan, before=before)
    replaced = (plan.sections, plan.deadlines, plan.schedule_tasks)
    # All recorded first, with what goes with them (a task's deadlines, their reminders).
    trail.deleted_with_cascade([row for related in replaced for row in related.all()])
    for related in replaced:
        related.all().delete()
    trail.created(sections_create(plan, sections))
    tasks = schedule_tasks_create(plan, schedule)
    trail.created(tasks)
    trail.created(
        Deadline.objects.bulk_create(
            Deadline(plan=plan, due_date=d["due_date"], text=d["text"]) for d in deadlines
        )
    )
    trail.created(_schedule_deadlines_create(plan, tasks))
    trail.save()
    return plan


def _missing_for_issue(plan: Plan) -> list[str]:
    required = (
        ("số, ký hiệu", plan.number),
        ("trích yếu", plan.title),
        ("ngày ban hành", plan.issue_date or plan.issue_month),
    )
    return [name for name, value in required if not value]


@transaction.atomic
def plan_issue(*, plan: Plan, user) -> Plan:
    """Issue a draft plan: the only way a plan's status becomes "issued".

    The plan needs a number, a title and an issue date (or at least its month). The status is
    saved alone (``updated_at`` does not move: the PDF does not show the status) and the change
    is recorded with ``user`` as actor, in the same transaction. Returns the issued plan (a
    fresh instance). Raises ``PlanCannotBeIssued`` (Vietnamese message) if the plan is not a
    draft or lacks something; then nothing changes.
    """
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_draft:
        raise PlanCannotBeIssued("Kế hoạch này đã được ban hành.")
    missing = _missing_for_issue(plan)
    if missing:
        raise PlanCannotBeIssued(
            "Chưa ban hành được kế hoạch: còn thiếu " + "; ".join(missing) + "."
        )
    plan.status = Plan.Status.ISSUED
    plan.save(update_fields=["status"])
    state_change_record(
        obj=plan,
        from_state=Plan.Status.DRAFT.value,
        to_state=Plan.Status.ISSUED.value,
        actor=user,
    )
    return plan
