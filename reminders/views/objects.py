"""What every deadline view needs: the objects it acts on, loaded only for a user who may see
them (404 otherwise), reminder times described."""

import datetime

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from reminders.models import Deadline, DeadlineUnit
from reminders.offsets import Offset, parse_offsets
from reminders.selectors_ui import targets_visible_to


def target_of(request: HttpRequest, pk: int) -> DeadlineUnit:
    """The responsible-unit row ``pk`` with its state, if the user may see its unit (else
    404)."""
    return get_object_or_404(targets_visible_to(request.user), pk=pk)


def deadline_of(request: HttpRequest, pk: int) -> Deadline:
    """The deadline ``pk`` for its council's secretariat or a superuser (404 for anyone else),
    with its council and plan."""
    deadline = get_object_or_404(Deadline.objects.select_related("council__unit", "plan"), pk=pk)
    if not request.user.has_perm("reminders.view_deadline", deadline):
        raise Http404
    return deadline


def describe_token(token: str) -> str:
    """A stored reminder time ("-7w") in words, or as stored when it cannot be read."""
    try:
        return parse_offsets(token)[0].describe()
    except (ValidationError, IndexError):
        return token


def offset_rows(offsets: tuple[Offset, ...], *, due: datetime.date) -> list[tuple]:
    """``[(token, description, day), …]`` of reminder times for a deadline due on ``due``."""
    return [(offset.token, offset.describe(), offset.send_on(due)) for offset in offsets]
