"""Reads shared by every app."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from common.models import StateChange


def state_changes_of(*, obj: models.Model) -> QuerySet[StateChange]:
    """The recorded state changes of ``obj``, oldest first, with their actors loaded."""
    return StateChange.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("actor")
