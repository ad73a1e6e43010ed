"""Excel/CSV import and export of plans and their schedule tasks in the admin.

A plan is matched by its issuing unit, year and document number; a schedule task by its plan
and order. An issued plan is an official document: its rows and its tasks no longer change by
import (only its reminder setting does, recorded like ``reminders.services.plan_set_offsets``).
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from import_export import fields, widgets

from common.services import state_change_record
from organizations.models import Council
from organizations.resources import Resource, column
from organizations.resources.widgets import ID_SUFFIX, LookupWidget, UnitWidget
from plans.models import Deadline, Plan, ScheduleTask
from plans.services import link_task_units


class PlanWidget(LookupWidget):
    """A plan by its document number ("06/KH-HĐTĐKT"), or by its title when it has none.

    The plan is looked for among the plans of the row's unit (or council's unit) and year, then,
    unless ``strict``, of that year, then among all plans; the first of these with a match must
    have exactly one.
    """

    model = Plan

    def __init__(
        self, *, unit_field: str, year_field: str | None = None, strict: bool = False, **kwargs
    ) -> None:
        super().__init__(**kwargs)
        self.unit_field, self.year_field, self.strict = unit_field, year_field, strict

    def scope(self, row) -> dict:
        scope = {}
        for lookup, name in (("issuing_unit", self.unit_field), ("year", self.year_field)):
            if name is None:
                continue
            field = self.resource.fields[name]
            try:
                value = field.clean(row) if row and field.column_name in row else None
            except ValueError:
                if self.strict:
                    raise
                value = None
            if isinstance(value, Council):
                value = value.unit
            if value is not None:
                scope[lookup] = value
            elif self.strict:
                raise ValueError(
                    _("Fill in “%(column)s” to find the %(what)s.")
                    % {"column": field.column_name, "what": self.what}
                )
        return scope

    def find(self, text: str, scope: dict):
        levels = [scope] if self.strict else [scope, {"year": scope.get("year")}, {}]
        by_id = ID_SUFFIX.search(text)
        matching = Q(pk=int(by_id.group(1))) if by_id else Q(number=text) | Q(number="", title=text)
        for level in levels:
            if None in level.values():
                continue
            found = list(Plan.objects.filter(matching, **level)[:2])
            if found:
                return self.one(text, found)
        raise self.missing(text)

    def label(self, obj) -> str:
        return obj.number or obj.title


def _refuse_if_issued(plan: Plan) -> None:
    if plan.pk and Plan.objects.filter(pk=plan.pk, status=Plan.Status.ISSUED).exists():
        raise ValidationError(
            _("%(plan)s has been issued: it no longer changes.") % {"plan": plan.number or plan}
        )


class PlanResource(Resource):
    """Plan headers (not the body: sections and schedule are written in the plan editor or the
    schedule-task sheet). ``status`` is exported but never imported: a plan is issued by
    ``plans.authoring.plan_issue``, which checks it is complete and records the step. A new plan
    starts as a draft; an issued plan only takes a new reminder setting."""

    issuing_unit = fields.Field("issuing_unit", column(Plan, "issuing_unit"), UnitWidget())

    class Meta:
        model = Plan
        fields = (
            "issuing_unit", "year", "number", "title", "issuer", "parent_issuer", "place",
            "issue_date", "issue_month", "signer_name", "signer_title", "legal_bases",
            "recipients", "reminder_offsets", "status",
        )  # fmt: skip
        import_id_fields = ("issuing_unit", "year", "number")

    workflow_fields = ("status",)
    export_select_related = ("issuing_unit",)

    def do_instance_save(self, instance, is_create):
        if is_create:
            instance.created_by = self.user
            previous = ""
        else:
            before = Plan.objects.get(pk=instance.pk)
            previous = before.reminder_offsets
            if before.status == Plan.Status.ISSUED and any(
                getattr(before, f.attname) != getattr(instance, f.attname)
                for f in Plan._meta.concrete_fields
                if f.attname not in ("reminder_offsets", "updated_at")
            ):
                _refuse_if_issued(instance)
        if instance.is_draft and instance.issue_date:
            instance.issue_month = instance.issue_date.strftime("%Y-%m")
        super().do_instance_save(instance, is_create)
        if instance.reminder_offsets != previous:
            state_change_record(
                obj=instance,
                field="reminders",
                from_state=previous,
                to_state=instance.reminder_offsets,
                actor=self.user,
                reason=self.import_reason(),
            )


class ScheduleTaskResource(Resource):
    """Rows of a plan's schedule appendix, matched by plan and order. The plan is named by its
    issuing unit, year and number in three columns. Saving a task links the units its columns
    name again and keeps its dated obligation (``plans.Deadline``) in step, as the plan editor
    does; tasks of an issued plan do not change."""

    issuing_unit = fields.Field(
        "plan__issuing_unit", column(Plan, "issuing_unit"), UnitWidget(), readonly=True
    )
    year = fields.Field("plan__year", column(Plan, "year"), widgets.IntegerWidget(), readonly=True)
    plan = fields.Field(
        "plan",
        capfirst(Plan._meta.verbose_name),
        PlanWidget(unit_field="issuing_unit", year_field="year", strict=True),
    )

    class Meta:
        model = ScheduleTask
        fields = (
            "issuing_unit", "year", "plan", "order", "quarter", "content", "directing",
            "executing", "coordinating", "due_date", "due_text",
        )  # fmt: skip
        import_id_fields = ("plan", "order")

    export_select_related = ("plan__issuing_unit",)

    def do_instance_save(self, instance, is_create):
        if instance.plan.status == Plan.Status.ISSUED:
            _refuse_if_issued(instance.plan)
        super().do_instance_save(instance, is_create)
        instance.executing_units.clear()
        instance.coordinating_units.clear()
        link_task_units(instance.plan, [instance])
        deadline = Deadline.objects.filter(schedule_task=instance).first()
        if instance.due_date is None:
            Deadline.objects.filter(schedule_task=instance).delete()
        elif deadline is None:
            Deadline.objects.create(
                plan=instance.plan,
                due_date=instance.due_date,
                text=instance.content or instance.due_text,
                schedule_task=instance,
            )
        else:
            deadline.due_date = instance.due_date
            deadline.text = instance.content or instance.due_text
            deadline.save(update_fields=["due_date", "text"])
