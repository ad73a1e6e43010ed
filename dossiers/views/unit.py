"""The unit officer's read-only dossier pages: his rounds and dossiers, a dossier, its versions,
and the download of its documents. A dossier outside what the user may see is a 404; the pages
that change it are in unit_edit.py."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from common.uploads import document_response
from dossiers.forms.unit import ActionForm
from dossiers.models import Attachment
from dossiers.selectors import dossier_history, dossier_nominations, dossiers_visible_to
from dossiers.selectors.unit import (
    checklist_rows,
    diff_view,
    last_return_comments,
    open_rounds_for,
    oversees_any_council,
    unit_dossiers,
    version_rows,
)
from dossiers.services.workflow import SUBMIT, WITHDRAW, actions_for
from dossiers.versions import latest_diff
from dossiers.views.objects import dossier_of

UNIT_ACTIONS = (SUBMIT, WITHDRAW)


@login_required
def dossier_home(request: HttpRequest) -> HttpResponse:
    """The rounds open to the officer's units today, with a button to start each unit's dossier
    or a link to it, and his units' dossiers; links to the queue and the rounds for the
    secretariat, admins and council members."""
    user = request.user
    return render(
        request,
        "dossiers/unit/home.html",
        {
            "open_rounds": open_rounds_for(user=user, today=timezone.localdate()),
            "dossiers": list(unit_dossiers(user=user)),
            "oversees": oversees_any_council(user=user),
        },
    )


@login_required
def dossier_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The dossier read-only: state, round and closing day, nominations with their findings and
    verdicts, checklist documents with their versions, the last return and its comments, the
    changes since the previous version, history, and the actions the user may take."""
    dossier = dossier_of(request, pk)
    user = request.user
    latest = latest_diff(dossier)
    actions = [a for a in actions_for(user=user, dossier=dossier) if a in UNIT_ACTIONS]
    return render(
        request,
        "dossiers/unit/detail.html",
        {
            "dossier": dossier,
            "round": dossier.round,
            "nominations": list(dossier_nominations(dossier=dossier)),
            "checklist": checklist_rows(dossier=dossier),
            "comments": last_return_comments(dossier=dossier),
            "latest": latest and (latest[0], latest[1], diff_view(latest[2])),
            "history": dossier_history(dossier=dossier),
            "actions": actions,
            "action_form": ActionForm(),
            "can_edit": dossier.is_editable and user.has_perm("dossiers.change_dossier", dossier),
            "can_review": user.has_perm("dossiers.review_dossier", dossier),
        },
    )


@login_required
def dossier_versions(request: HttpRequest, pk: int) -> HttpResponse:
    """Every submitted version of the dossier with what changed from the one before."""
    dossier = dossier_of(request, pk)
    rows = [
        (row.version, row.diff and diff_view(row.diff)) for row in version_rows(dossier=dossier)
    ]
    return render(
        request, "dossiers/unit/versions.html", {"dossier": dossier, "rows": reversed(rows)}
    )


@login_required
def attachment_download(request: HttpRequest, attachment_pk: int) -> FileResponse:
    """One stored version of a dossier's document, for whoever may see the dossier (a draft's
    documents are the unit's own); 404 for anyone else."""
    attachment = get_object_or_404(
        Attachment.objects.filter(dossier__in=dossiers_visible_to(request.user)).select_related(
            "dossier__unit", "dossier__round__council__unit"
        ),
        pk=attachment_pk,
    )
    if not request.user.has_perm("dossiers.view_dossier", attachment.dossier):
        raise Http404
    return document_response(attachment)
