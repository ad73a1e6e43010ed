"""Reads shared by every app."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from common.models import StateChange


def state_changes_of(*, obj: models.Model) -> QuerySet[StateChange]:
    """The recorded state changes of ``obj``, oldest first, with their actors loaded."""
    return StateChange.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("actor")


@dataclass(frozen=True)
class HistoryEntry:
    """A recorded change with translated names: ``what`` changed (blank for the status),
    from which state to which."""

    at: datetime.datetime
    actor: AbstractBaseUser | None
    what: str
    from_label: str
    to_label: str
    reason: str


def history_of(
    *,
    obj: models.Model,
    state_labels: Mapping[str, str] | None = None,
    field_labels: Mapping[str, str] | None = None,
) -> list[HistoryEntry]:
    """``obj``'s recorded changes, oldest first, states and fields named through the given
    labels (unknown values shown as stored). One query once content types are cached."""
    states, fields = state_labels or {}, field_labels or {}
    return [
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
