"""Writes shared by every app."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from common.models import StateChange


def state_change_record(
    *,
    obj: models.Model,
    to_state: str,
    from_state: str = "",
    actor=None,
    reason: str = "",
    field: str = "status",
) -> StateChange:
    """Record that ``obj``'s ``field`` went from ``from_state`` to ``to_state``.

    ``actor`` is the user who acted (None for the system, e.g. a command or a scheduled task);
    ``reason`` is the comment the user gave, if any. Call it inside the same transaction as the
    change itself, so that a change is never saved without its record.
    """
    return StateChange.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        field=field,
        from_state=from_state,
        to_state=to_state,
        actor=actor,
        reason=reason,
    )
