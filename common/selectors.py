"""Reads shared by every app."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from common.models import AuditEntry, StateChange


def state_changes_of(*, obj: models.Model) -> QuerySet[StateChange]:
    """The recorded state changes of ``obj``, oldest first, with their actors loaded."""
    return StateChange.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("actor")


@dataclass(frozen=True)
class HistoryEntry:
    """A recorded change with translated names: ``what`` changed (blank for the status),
    from which state to which; ``shows_states`` is false for an entry that is only ``what``
    (a record created by an import)."""

    at: datetime.datetime
    actor: AbstractBaseUser | None
    what: str
    from_label: str
    to_label: str
    reason: str
    shows_states: bool = True


def history_of(
    *,
    obj: models.Model,
    state_labels: Mapping[str, str] | None = None,
    field_labels: Mapping[str, str] | None = None,
    audit: bool = False,
) -> list[HistoryEntry]:
    """``obj``'s recorded changes, oldest first, states and fields named through the given
    labels (unknown values shown as stored). One query once content types are cached; with
    ``audit``, the rows written to ``obj`` by imports and services (``AuditEntry``: its
    creation, and each changed field with its old and new value) too, in one more query."""
    states, fields = state_labels or {}, field_labels or {}
    changes = [
        HistoryEntry(
            at=change.at,
            actor=change.actor,
            what=str(fields.get(change.field, "")),
            from_label=str(states.get(change.from_state, change.from_state)),
            to_label=str(states.get(change.to_state, change.to_state)),
            reason=change.reason,
        )
        for change in state_changes_of(obj=obj)
    ]
    if audit:
        changes += audit_history_of(obj=obj, field_labels=fields)
        changes.sort(key=lambda entry: entry.at)
    return changes


def audit_entries_of(*, obj: models.Model) -> QuerySet[AuditEntry]:
    """The audit entries of ``obj``, oldest first, with their actors loaded."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("actor")


def audit_history_of(
    *, obj: models.Model, field_labels: Mapping[str, str] | None = None
) -> list[HistoryEntry]:
    """``obj``'s audit entries as history lines: "Created" for its creation, one line per
    changed field (named by ``field_labels``, else the field's verbose name; a choice shown by
    its label) for a change; the source and file as the reason. One query."""
    from common.audit import source_label

    # The model's field order (a stored JSON object need not keep its keys' order).
    order = {field.name: index for index, field in enumerate(type(obj)._meta.get_fields())}
    lines = []
    for entry in audit_entries_of(obj=obj):
        reason = source_label(entry.source)
        if entry.reference:
            reason = f"{reason}: {entry.reference}"
        common = {"at": entry.created_at, "actor": entry.actor}
        if entry.action == AuditEntry.Action.CREATE:
            lines.append(
                HistoryEntry(
                    **common,
                    what=_("Created"),
                    from_label="",
                    to_label="",
                    reason=reason,
                    shows_states=False,
                )
            )
            continue
        before, after = entry.changes.get("before") or {}, entry.changes.get("after") or {}
        for name in sorted(after, key=lambda name: order.get(name, len(order))):
            lines.append(
                HistoryEntry(
                    **common,
                    what=_field_label(type(obj), name, field_labels or {}),
                    from_label=_value_label(type(obj), name, before.get(name)),
                    to_label=_value_label(type(obj), name, after[name]),
                    reason=reason,
                )
            )
    return lines


def _field_label(model: type[models.Model], name: str, labels: Mapping[str, str]) -> str:
    if name in labels:
        return str(labels[name])
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _value_label(model: type[models.Model], name: str, value: object) -> str:
    if value is None or value == "":
        return ""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return str(value)
    if isinstance(value, list | dict):
        return ", ".join(str(item) for item in value)
    choices = dict(getattr(field, "flatchoices", None) or ())
    return str(choices.get(value, value))
