"""What every dossiers view needs: the object it acts on, loaded only for a user who may see
it (404 otherwise) and holding the permission asked (403), and the response for a file the
server generates."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from dossiers.models import Dossier, Round
from dossiers.selectors import dossiers_visible_to, rounds_visible_to


def dossier_of(request: HttpRequest, pk: int, perm: str = "dossiers.view_dossier") -> Dossier:
    """The dossier ``pk`` if the user may see it (else 404) and holds ``perm`` on it (else
    403), with its unit, round, council and assignee loaded."""
    queryset = dossiers_visible_to(request.user).select_related(
        "unit__parent", "round__council__unit", "assignee"
    )
    dossier = get_object_or_404(queryset, pk=pk)
    if not request.user.has_perm(perm, dossier):
        raise PermissionDenied
    return dossier


def round_of(request: HttpRequest, pk: int, perm: str = "dossiers.view_round") -> Round:
    """The round ``pk`` if the user may see it (else 404) and holds ``perm`` on it (else 403),
    with its council and plan deadline loaded."""
    round_ = get_object_or_404(
        rounds_visible_to(request.user).select_related("council__unit", "plan_deadline__plan"),
        pk=pk,
    )
    if not request.user.has_perm(perm, round_):
        raise PermissionDenied
    return round_


def generated_file(
    content: bytes, *, filename: str, content_type: str, inline: bool = False
) -> HttpResponse:
    """A file the server generated (PDF, Word): ``filename`` must be ASCII; never kept in a
    shared cache; shown in the browser when ``inline``, else downloaded."""
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
