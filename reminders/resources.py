"""Excel/CSV import and export of deadlines in the admin.

Deadlines read from the other apps (a plan's schedule task, a registration window, a review
round, a cluster's documents) follow their source (``reminders.sources.deadlines_sync``): for
them only the reminder setting comes in by import. Deadlines of the council's own (kind
"other") come in whole, with the units that owe them.
"""

from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from import_export import fields

from common.services import state_change_record
from organizations.resources import ListField, Resource, column
from organizations.resources.widgets import CouncilWidget, ManyWidget, UnitWidget
from organizations.selectors import unit_subtree
from plans.resources import PlanWidget
from reminders.models import Deadline, DeadlineUnit

Kind = Deadline.Kind
# What a deadline read from another app takes from its source.
FROM_SOURCE = ("council", "title", "due_date", "units")


class DeadlineResource(Resource):
    """Deadlines by id; a row keeps its council (``id_scope``).

    ``kind`` and ``plan`` are exported only: a deadline read from another app is made by the
    sync, a new row is an obligation of the council's own (kind "other"). For a deadline read
    from another app, its council, obligation, due date and units come from the source and are
    exported only too. The units that owe a deadline are added by import, never taken off:
    each keeps whether and when it marked the obligation done. A new deadline and a new
    reminder setting are recorded as ``reminders.services.deadlines`` records them.
    """

    council = fields.Field("council", column(Deadline, "council"), CouncilWidget())
    units = ListField(
        "units", capfirst(DeadlineUnit._meta.verbose_name_plural), ManyWidget(UnitWidget())
    )
    plan = fields.Field("plan", column(Deadline, "plan"), PlanWidget(unit_field="council"))

    class Meta:
        model = Deadline
        fields = (
            "id", "kind", "council", "title", "due_date", "units", "counting", "offsets", "plan",
        )  # fmt: skip

    workflow_fields = ("kind", "plan")
    id_scope = ("council",)
    export_select_related = ("council__unit", "plan")
    export_prefetch_related = ("units",)

    def kept_fields(self, instance) -> tuple[str, ...]:
        if instance.kind != Kind.OTHER:
            return (*self.workflow_fields, *FROM_SOURCE)
        return self.workflow_fields

    def init_instance(self, row=None):
        return Deadline(kind=Kind.OTHER)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        units = self.fields["units"]
        if instance.pk and instance.kind == Kind.OTHER and units.column_name in row:
            try:
                given = {u.pk for u in units.clean(row)}
            except ValueError:
                given = None
            gone = [u for u in instance.units.all() if given is not None and u.pk not in given]
            if gone:
                errors.setdefault("units", []).append(
                    ValidationError(
                        _(
                            "A unit is taken off a deadline on the deadline's page, not by "
                            "import (it keeps whether it marked the obligation done); missing "
                            "from the file: %(units)s."
                        )
                        % {"units": ", ".join(u.name for u in gone)}
                    )
                )
        if errors:
            raise ValidationError(errors)

    def do_instance_save(self, instance, is_create):
        before = None if is_create else Deadline.objects.get(pk=instance.pk)
        units = self.cleaned("units") or []
        if instance.kind == Kind.OTHER:
            if instance.council is None:
                raise ValidationError({"council": _("Say which council follows the deadline.")})
            inside = set(
                unit_subtree(unit=instance.council.unit)
                .filter(pk__in=[u.pk for u in units])
                .values_list("pk", flat=True)
            )
            outside = [u.name for u in units if u.pk not in inside]
            if outside:
                raise ValidationError(
                    {
                        "units": _("Some units are not under %(council)s.")
                        % {"council": instance.council}
                    }
                )
        if is_create:
            instance.created_by = self.user
        super().do_instance_save(instance, is_create)
        if is_create:
            state_change_record(
                obj=instance,
                field="created",
                to_state="created",
                actor=self.user,
                reason=self.import_reason(),
            )
            return
        setting = f"{instance.offsets} ({instance.counting})"
        previous = f"{before.offsets} ({before.counting})"
        if setting != previous:
            state_change_record(
                obj=instance,
                field="reminders",
                from_state=previous[:64],
                to_state=setting[:64],
                actor=self.user,
                reason=self.import_reason(),
            )

    def save_m2m(self, instance, row, **kwargs):
        # Units are only added (import_instance refuses a file that leaves one out).
        units = self.fields["units"]
        if instance.kind == Kind.OTHER and units.column_name in row:
            instance.units.add(*units.clean(row))
