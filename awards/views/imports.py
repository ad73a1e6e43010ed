"""Importing award history from Excel: the template, the upload, the preview (where ambiguous
names are decided and the import is confirmed) and the result. Only secretariat members and
administrators may import (403 otherwise); the units a file names must be theirs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.imports.lookups import can_import_history
from awards.imports.preview import history_preview_build
from awards.imports.reading import WorkbookRows, history_workbook_read
from awards.imports.services import HistoryImportNotSaved, history_import_save
from awards.imports.storage import HISTORY_UPLOADS
from awards.imports.template import history_template_build
from common.imports.forms import CHOICE_PREFIX, WorkbookUploadForm, person_choices
from common.imports.storage import (
    PendingImportMissing,
    finished_import,
    import_saved,
    pending_import_confirm,
    pending_import_open,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_NAME = "mau-nhap-lich-su-khen-thuong.xlsx"
ROWS_SHOWN = 200  # lines of each sheet listed on the preview; the counts cover them all
ERRORS_SHOWN = 500


def _require_importer(request: HttpRequest) -> None:
    if not can_import_history(request.user):
        raise PermissionDenied


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    """The XLSX template to fill in, with the current catalog in its drop-down."""
    _require_importer(request)
    response = HttpResponse(history_template_build(today=timezone.localdate()), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{TEMPLATE_NAME}"'
    return response


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload a filled-in template; a readable file is kept and its preview opened."""
    _require_importer(request)
    form = WorkbookUploadForm(
        request.POST or None, request.FILES or None, reader=history_workbook_read
    )
    if request.method == "POST" and form.is_valid():
        token = form.store(namespace=HISTORY_UPLOADS, session=request.session, user=request.user)
        return redirect("awards:import_preview", token=token)
    return render(request, "awards/import_upload.html", {"form": form})


@login_required
def import_preview(request: HttpRequest, token: str) -> HttpResponse:
    """What the file would save, row by row; errors and ambiguous names. POST saves it, with
    the user's choices for the ambiguous names, when nothing is left to correct or decide."""
    _require_importer(request)
    try:
        rows, file_name = pending_import_open(
            namespace=HISTORY_UPLOADS, session=request.session, user=request.user, token=token
        )
    except PendingImportMissing as error:
        if request.method == "POST":  # confirmed twice (a double click): saved by the other
            return _already_saved(request, token)
        raise Http404 from error
    choices = person_choices(request.POST) if request.method == "POST" else {}
    preview = history_preview_build(rows=WorkbookRows.of(rows), user=request.user, choices=choices)
    if request.method == "POST":
        try:
            pending_import_confirm(
                namespace=HISTORY_UPLOADS,
                session=request.session,
                user=request.user,
                token=token,
                save=lambda: history_import_save(
                    preview=preview, user=request.user, file_name=file_name
                ).as_dict(),
            )
        except HistoryImportNotSaved as error:
            messages.error(request, str(error))
        except PendingImportMissing:  # saved meanwhile by another request (a double click)
            return _already_saved(request, token)
        else:
            return redirect("awards:import_done", token=token)
    return render(
        request,
        "awards/import_preview.html",
        {
            "file_name": file_name,
            "preview": preview,
            "grants": preview.grants[:ROWS_SHOWN],
            "ratings": preview.ratings[:ROWS_SHOWN],
            "errors": preview.errors[:ERRORS_SHOWN],
            "choice_prefix": CHOICE_PREFIX,
        },
    )


def _already_saved(request: HttpRequest, token: str) -> HttpResponse:
    """After a second confirmation: the result page, or a 404 for a token this import never
    had in this session."""
    if not import_saved(namespace=HISTORY_UPLOADS, session=request.session, token=token):
        raise Http404
    messages.info(request, _("This file has already been saved."))
    return redirect("awards:import_done", token=token)


@login_required
def import_done(request: HttpRequest, token: str) -> HttpResponse:
    """The result of a saved import, with a link to look the history up."""
    _require_importer(request)
    try:
        summary = finished_import(namespace=HISTORY_UPLOADS, session=request.session, token=token)
    except PendingImportMissing as error:
        raise Http404 from error
    rows = summary["grants"] + summary["ratings"]
    return render(request, "awards/import_done.html", {"summary": summary, "rows": rows})
