"""Writes for plans: saving an imported or edited plan, replacing one, linking superior plans.

The data contract is the parser's JSON (``plans.parsing.ParsedPlan.to_json``), possibly corrected
by the user on the review page.
"""

import datetime
import logging
import re
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from common.audit import PLAN_IMPORT, AuditTrail, snapshot
from common.text import names_unit, search_key
from organizations.models import Unit
from organizations.selectors import unit_subtree
from plans import pdf
from plans.models import Deadline, Plan, PlanReference, PlanSection, ScheduleTask

logger = logging.getLogger(__name__)

PDF_RENDER_FAILED = (
    "Không tạo được bản PDF của kế hoạch. Vui lòng thử lại; nếu vẫn lỗi, hãy báo quản trị hệ thống."
)


# Executing-unit texts that mean "every unit under the issuer" ("Các đơn vị thuộc thị xã").
_ALL_UNITS_MARKERS = ("cac don vi thuoc", "xa, phuong, don vi thuoc", "cac xa, phuong")


class PlanAlreadyExists(Exception):
    """The same plan already exists for the unit and year (same number, or same title when
    there is no number); ``plan`` is it."""

    def __init__(self, plan: Plan):
        name = f"số {plan.number}" if plan.number else f"“{plan.title}”"
        super().__init__(f"Kế hoạch {name} năm {plan.year} của {plan.issuing_unit} đã có.")
        self.plan = plan


@dataclass(frozen=True)
class SavedPlan:
    """The saved plan and whether an existing one was replaced."""

    plan: Plan
    replaced: bool


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _lines(values) -> list[str]:
    return [str(v).strip() for v in values or [] if str(v).strip()]


@transaction.atomic
def plan_save(
    *,
    data: dict,
    unit: Unit,
    user,
    source_text: str = "",
    replace: bool = False,
) -> SavedPlan:
    """Save a plan from parser-shaped ``data`` for ``unit``.

    ``data`` has the keys of ``ParsedPlan.to_json`` (dates as "YYYY-MM-DD"). ``year`` falls back
    to the issue date's year. Raises ``PlanAlreadyExists`` when the unit already has this plan for
    the year (same number, or same title when there is no number), unless ``replace`` is true:
    then that plan keeps its id and everything in it is replaced. Superior plans named in
    ``implements`` are linked when they are in the database, and plans already saved that
    implement this one are linked to it. The plan and every section, task, deadline and
    reference created or deleted get an ``AuditEntry`` (source ``PLAN_IMPORT``, by ``user``).
    """
    issue_date = _date(data.get("issue_date"))
    year = data.get("year") or (issue_date.year if issue_date else None)
    number = (data.get("number") or "").strip()
    title = data.get("title") or ""
    existing = (
        same_plans(unit_id=unit.pk, year=year, number=number, title=title)
        .select_for_update()
        .first()
    )
    if existing and not replace:
        raise PlanAlreadyExists(existing)
    trail = AuditTrail(actor=user, source=PLAN_IMPORT)
    before = snapshot(existing) if existing else None
    plan = existing or Plan(issuing_unit=unit, created_by=user)
    signer = data.get("signer") or {}
    plan.issuer = data.get("issuer") or ""
    plan.parent_issuer = data.get("parent_issuer") or ""
    plan.number = number
    plan.place = data.get("place") or ""
    plan.issue_date = issue_date
    plan.issue_month = data.get("issue_month") or (f"{issue_date:%Y-%m}" if issue_date else "")
    plan.year = year
    plan.title = title
    plan.signer_name = signer.get("name") or ""
    plan.signer_title = signer.get("title") or ""
    plan.legal_bases = _lines(data.get("legal_bases"))
    plan.recipients = _lines(data.get("recipients"))
    plan.campaign_names = _lines(data.get("campaigns"))
    plan.cluster_names = _lines(data.get("clusters"))
    if source_text:
        plan.source_text = source_text
    plan.save()
    if existing:
        trail.updated(plan, before=before)
        replaced = (plan.sections, plan.schedule_tasks, plan.deadlines, plan.implements)
        # All recorded first, with what goes with them (a task's deadlines, their reminders).
        trail.deleted_with_cascade([row for related in replaced for row in related.all()])
        for related in replaced:
            related.all().delete()
    else:
        trail.created([plan])
    _save_body(plan, data, trail=trail)
    _link_superior_plans(plan)
    trail.save()
    return SavedPlan(plan=plan, replaced=existing is not None)


def same_plans(*, unit_id: int, year: int | None, number: str, title: str) -> QuerySet[Plan]:
    """Plans that count as the same plan of the unit for the year: the same number, or, when
    there is no number, no number and the same title."""
    same = {"number": number} if number else {"number": "", "title": title}
    return Plan.objects.filter(issuing_unit_id=unit_id, year=year, **same)


SCHEDULE_TEXT_FIELDS = ("content", "directing", "executing", "coordinating", "due_text")


def sections_create(plan: Plan, sections: list[dict]) -> list[PlanSection]:
    """Write the plan's sections in the order given: ``[{"heading", "level", "text"}]``;
    returns them."""
    return PlanSection.objects.bulk_create(
        PlanSection(
            plan=plan, order=i, heading=s["heading"], level=s["level"], text=s.get("text") or ""
        )
        for i, s in enumerate(sections, start=1)
    )


def schedule_tasks_create(plan: Plan, rows: list[dict]) -> list[ScheduleTask]:
    """Write the plan's schedule in the order given and link the units its columns name.

    ``rows``: ``[{"quarter" (1–4 or None), "due_date" (date or None), and the text fields of
    SCHEDULE_TEXT_FIELDS}]``. Returns the created tasks, in order.
    """
    tasks = ScheduleTask.objects.bulk_create(
        ScheduleTask(
            plan=plan,
            order=i,
            quarter=row.get("quarter"),
            due_date=row.get("due_date"),
            **{field: row.get(field) or "" for field in SCHEDULE_TEXT_FIELDS},
        )
        for i, row in enumerate(rows, start=1)
    )
    link_task_units(plan, tasks)
    return tasks


def _save_body(plan: Plan, data: dict, *, trail: AuditTrail) -> None:
    trail.created(sections_create(plan, data.get("sections") or []))
    tasks = schedule_tasks_create(
        plan,
        [{**row, "due_date": _date(row.get("due_date"))} for row in data.get("schedule") or []],
    )
    trail.created(tasks)
    task_by_key = {(t.due_date, t.content): t for t in tasks}
    deadlines = Deadline.objects.bulk_create(
        Deadline(
            plan=plan,
            due_date=_date(d["due_date"]),
            text=d["text"],
            schedule_task=task_by_key.get((_date(d["due_date"]), d["text"])),
        )
        for d in data.get("deadlines") or []
        if d.get("due_date")
    )
    trail.created(deadlines)
    references = PlanReference.objects.bulk_create(
        PlanReference(
            plan=plan,
            number=ref.get("number") or "",
            date=_date(ref.get("date")),
            issuer=ref.get("issuer") or "",
        )
        for ref in data.get("implements") or []
    )
    trail.created(references)


def link_task_units(plan: Plan, tasks: list[ScheduleTask]) -> None:
    """Link executing and coordinating units whose names appear in the task's columns.

    A unit is recognised when its accent-folded name is in the folded column text; "các đơn vị
    thuộc …" means every unit directly under the issuing unit. Two bulk inserts in all.
    """
    below = list(unit_subtree(unit=plan.issuing_unit).exclude(pk=plan.issuing_unit_id))
    direct = [u for u in below if u.parent_id == plan.issuing_unit_id]

    def named_in(column: str) -> list[Unit]:
        folded = search_key(column)
        if any(marker in folded for marker in _ALL_UNITS_MARKERS):
            return direct
        parts = [p.strip() for p in re.split(r"[,;]| va ", folded) if len(p.strip()) >= 5]
        return [u for u in below if any(names_unit(u.search_name, part) for part in parts)]

    for field, column in (("executing_units", "executing"), ("coordinating_units", "coordinating")):
        through = getattr(ScheduleTask, field).through
        through.objects.bulk_create(
            through(scheduletask_id=task.pk, unit_id=unit.pk)
            for task in tasks
            for unit in named_in(getattr(task, column))
        )


def _link_superior_plans(plan: Plan) -> None:
    for ref in plan.implements.all():
        match = Plan.objects.filter(number=ref.number).exclude(pk=plan.pk)
        if ref.date:
            match = match.filter(
                Q(issue_date=ref.date) | Q(issue_date__isnull=True, year=ref.date.year)
            )
        ref.superior_plan = match.first() if ref.number else None
        ref.save(update_fields=["superior_plan"])
    if plan.number:
        waiting = PlanReference.objects.filter(number=plan.number, superior_plan__isnull=True)
        if plan.issue_date:
            waiting = waiting.filter(Q(date=plan.issue_date) | Q(date__isnull=True))
        waiting.exclude(plan=plan).update(superior_plan=plan)


def plan_pdf_request(*, plan: Plan) -> None:
    """Ask for the plan's PDF to be (re)rendered in the background.

    Marks the request (``pdf_requested_at`` now, ``pdf_error`` cleared, so the plan reads as
    rendering) without touching ``updated_at``, and queues ``plans.render_plan_pdf`` once the
    surrounding transaction commits.
    """
    from plans.tasks import render_plan_pdf_task  # the task module imports this one

    plan.pdf_requested_at = timezone.now()
    plan.pdf_error = ""
    plan.save(update_fields=["pdf_requested_at", "pdf_error"])
    plan_id = plan.pk
    transaction.on_commit(lambda: render_plan_pdf_task.delay(plan_id), robust=True)


def plan_pdf_store(*, plan: Plan) -> None:
    """Render the plan's PDF and store it in ``plan.pdf_file``, replacing the previous file.

    The file gets a server-made name ("plan-<id>-<timestamp>.pdf"); ``pdf_rendered_at`` is
    the time rendering *started*, so an edit made meanwhile leaves the new PDF stale
    (``Plan.pdf_is_current``). Only the PDF fields are saved: ``updated_at`` does not move.
    If rendering fails the previous PDF stays, ``pdf_error`` gets a Vietnamese message and
    the error is logged, not raised.
    """
    started = timezone.now()
    try:
        content = pdf.render_plan_pdf(plan)
    except Exception:
        logger.exception("Rendering the PDF of plan %s failed", plan.pk)
        plan.pdf_error = PDF_RENDER_FAILED
        plan.save(update_fields=["pdf_error"])
        return
    previous = plan.pdf_file.name
    plan.pdf_file.save(
        f"plan-{plan.pk}-{started:%Y%m%d%H%M%S}.pdf", ContentFile(content), save=False
    )
    plan.pdf_rendered_at = started
    plan.pdf_error = ""
    plan.save(update_fields=["pdf_file", "pdf_rendered_at", "pdf_error"])
    if previous and previous != plan.pdf_file.name:
        plan.pdf_file.storage.delete(previous)
