"""What units and the secretariat do with deadlines: mark one done, set reminder times, add an
obligation of their own. Each change is recorded (``common.StateChange``)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.audit import APP, AuditTrail
from common.services import state_change_record
from organizations.models import Council, Unit
from organizations.rules import is_secretariat_of, is_unit_officer_of
from organizations.selectors import unit_subtree
from plans.models import Plan
from reminders.models import Deadline, DeadlineUnit, DoneProof
from reminders.offsets import validate_offsets

Kind = Deadline.Kind
# Kinds a unit marks done itself; the others are done by the record they ask for, except that a
# unit may say it has no dossier for a round.
MARKED_BY_UNIT = (Kind.SCHEDULE_TASK, Kind.OTHER, Kind.ROUND)


@transaction.atomic
def target_mark_done(*, target: DeadlineUnit, actor, note: str = "", file=None) -> DeadlineUnit:
    """Mark the unit's obligation done, with a note and an optional checked upload
    (``common.uploads.check_upload``) kept as a ``DoneProof``.

    For a round, the note says the unit has no dossier to send (it is required). Raises
    ``PermissionDenied`` if ``actor`` is not an officer of the unit (or above it),
    ``ValidationError`` for a kind done by another record (a registration, a cluster document)
    or a round without a note.
    """
    if not is_unit_officer_of(actor, target.unit):
        raise PermissionDenied
    kind = target.deadline.kind
    if kind not in MARKED_BY_UNIT:
        raise ValidationError(
            _("This obligation is done by sending what it asks for, not by marking it."),
            code="not_marked",
        )
    note = note.strip()
    if kind == Kind.ROUND and not note:
        raise ValidationError(
            _("Say why the unit sends no dossier in this round."), code="reason_required"
        )
    target = DeadlineUnit.objects.select_for_update().get(pk=target.pk)
    was_done = target.done_at is not None
    target.done_at, target.done_by, target.done_note = timezone.now(), actor, note
    target.save(update_fields=["done_at", "done_by", "done_note"])
    if file is not None:
        proof = DoneProof(target=target)
        proof.attach(file, user=actor)
        proof.save()
    state_change_record(
        obj=target,
        field="done",
        from_state="done" if was_done else "owing",
        to_state="done",
        actor=actor,
        reason=note,
    )
    return target


@transaction.atomic
def target_reopen(*, target: DeadlineUnit, actor, reason: str) -> DeadlineUnit:
    """Undo a marking done (the unit was wrong, or the secretariat does not accept it); the
    reminders start again from the next one due. Raises ``PermissionDenied`` unless ``actor``
    is an officer of the unit or of the deadline's council's secretariat."""
    council = target.deadline.council
    if not (is_unit_officer_of(actor, target.unit) or is_secretariat_of(actor, council)):
        raise PermissionDenied
    target = DeadlineUnit.objects.select_for_update().get(pk=target.pk)
    target.done_at, target.done_by = None, None
    target.save(update_fields=["done_at", "done_by"])
    state_change_record(
        obj=target, field="done", from_state="done", to_state="owing", actor=actor, reason=reason
    )
    return target


@transaction.atomic
def deadline_create(
    *,
    council: Council,
    title: str,
    due_date: datetime.date,
    units: list[Unit],
    actor,
    counting: str = Deadline.Counting.WORKING,
    offsets: str = "",
) -> Deadline:
    """An obligation of the council's own (kind ``OTHER``: a report to send, a meeting to
    hold) for ``units``, each of which marks it done. Raises ``PermissionDenied`` unless
    ``actor`` is in the council's secretariat, ``ValidationError`` for bad offsets or a unit
    not under the council. The deadline and its units are recorded in the audit trail."""
    if not is_secretariat_of(actor, council):
        raise PermissionDenied
    validate_offsets(offsets)
    outside = {u.pk for u in units} - set(
        unit_subtree(unit=council.unit)
        .filter(pk__in=[u.pk for u in units])
        .values_list("pk", flat=True)
    )
    if outside:
        raise ValidationError(
            _("Some units are not under %(council)s.") % {"council": council}, code="other_council"
        )
    deadline = Deadline.objects.create(
        kind=Kind.OTHER,
        council=council,
        title=title.strip(),
        due_date=due_date,
        counting=counting,
        offsets=offsets,
        created_by=actor,
    )
    targets = DeadlineUnit.objects.bulk_create(
        DeadlineUnit(deadline=deadline, unit=unit) for unit in units
    )
    trail = AuditTrail(actor=actor, source=APP, reference="deadline_create")
    trail.created([deadline, *targets])
    trail.save()
    state_change_record(obj=deadline, field="created", to_state="created", actor=actor)
    return deadline


@transaction.atomic
def deadline_set_offsets(*, deadline: Deadline, offsets: str, counting: str, actor) -> Deadline:
    """Set when the units are reminded of ``deadline`` (empty: the plan's setting). Raises
    ``PermissionDenied`` unless ``actor`` is in the secretariat of the deadline's council,
    ``ValidationError`` for offsets it cannot read."""
    if not is_secretariat_of(actor, deadline.council):
        raise PermissionDenied
    validate_offsets(offsets)
    before = f"{deadline.offsets} ({deadline.counting})"
    deadline.offsets, deadline.counting = offsets.strip(), counting
    deadline.save(update_fields=["offsets", "counting"])
    state_change_record(
        obj=deadline,
        field="reminders",
        from_state=before[:64],
        to_state=f"{deadline.offsets} ({deadline.counting})"[:64],
        actor=actor,
    )
    return deadline


@transaction.atomic
def plan_set_offsets(*, plan: Plan, offsets: str, actor) -> Plan:
    """Set when the units are reminded of the plan's deadlines (empty: the default). Raises
    ``PermissionDenied`` unless ``actor`` is in the secretariat of the plan's issuing unit's
    council, ``ValidationError`` for offsets it cannot read."""
    council = Council.objects.filter(unit=plan.issuing_unit_id).first()
    if not is_secretariat_of(actor, council):
        raise PermissionDenied
    validate_offsets(offsets)
    before = plan.reminder_offsets
    plan.reminder_offsets = offsets.strip()
    plan.save(update_fields=["reminder_offsets"])
    state_change_record(
        obj=plan,
        field="reminders",
        from_state=before[:64],
        to_state=plan.reminder_offsets[:64],
        actor=actor,
    )
    return plan
