"""Importing a registration's lines from Excel: the template, the upload, and the preview where
ambiguous names are decided and the import is confirmed. The registration must be one the user
may see (404 otherwise) and change (403 otherwise); only a draft or a returned registration
takes an import."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from common.imports.forms import CHOICE_PREFIX, WorkbookUploadForm, person_choices
from common.imports.storage import (
    PendingImportMissing,
    import_saved,
    pending_import_confirm,
    pending_import_open,
)
from registrations import selectors
from registrations.imports.preview import ROWS_CHECKED, registration_preview_build
from registrations.imports.reading import registration_workbook_read
from registrations.imports.services import RegistrationImportNotSaved, registration_import_save
from registrations.imports.storage import REGISTRATION_UPLOADS
from registrations.imports.template import registration_template_build
from registrations.models import Registration

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_NAME = "mau-dang-ky-thi-dua-{pk}.xlsx"
ROWS_SHOWN = ROWS_CHECKED  # lines listed on the preview (with their findings); counts cover all
ERRORS_SHOWN = 500


def _registration(request: HttpRequest, pk: int) -> Registration:
    queryset = selectors.registrations_visible_to(request.user).select_related(
        "unit", "window__campaign__council__unit"
    )
    registration = get_object_or_404(queryset, pk=pk)
    if not request.user.has_perm("registrations.change_registration", registration):
        raise PermissionDenied
    return registration


def _not_editable(registration: Registration) -> str:
    return _("This registration is “%(status)s” and can no longer be changed.") % {
        "status": registration.get_status_display()
    }


@login_required
def import_template(request: HttpRequest, pk: int) -> HttpResponse:
    """The XLSX template of this registration: its units and the catalog in the drop-downs."""
    registration = _registration(request, pk)
    content = registration_template_build(registration=registration)
    response = HttpResponse(content, content_type=XLSX)
    name = TEMPLATE_NAME.format(pk=registration.pk)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def import_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a filled-in template; a readable file is kept and its preview opened. A
    registration that can no longer be changed sends the user back to its page."""
    registration = _registration(request, pk)
    if not registration.is_editable:
        messages.error(request, _not_editable(registration))
        return redirect("registrations:detail", pk=registration.pk)
    form = WorkbookUploadForm(
        request.POST or None, request.FILES or None, reader=registration_workbook_read
    )
    if request.method == "POST" and form.is_valid():
        token = form.store(
            namespace=REGISTRATION_UPLOADS,
            session=request.session,
            user=request.user,
            scope=registration.pk,
        )
        return redirect("registrations:import_preview", pk=registration.pk, token=token)
    return render(
        request, "registrations/import_upload.html", {"form": form, "registration": registration}
    )


@login_required
def import_preview(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """What the file would add, row by row: errors, ambiguous names, rows skipped, and the
    findings of the rows listed. POST appends the lines, with the user's choices for the
    ambiguous names, when nothing is left to correct or decide; then back to the form."""
    registration = _registration(request, pk)
    try:
        rows, file_name = pending_import_open(
            namespace=REGISTRATION_UPLOADS,
            session=request.session,
            user=request.user,
            token=token,
            scope=registration.pk,
        )
    except PendingImportMissing as error:
        if request.method == "POST":  # confirmed twice (a double click): saved by the other
            return _already_saved(request, registration, token)
        raise Http404 from error
    choices = person_choices(request.POST) if request.method == "POST" else {}
    preview = registration_preview_build(
        registration=registration, rows=rows, user=request.user, choices=choices
    )
    if request.method == "POST":
        try:
            summary = pending_import_confirm(
                namespace=REGISTRATION_UPLOADS,
                session=request.session,
                user=request.user,
                token=token,
                save=lambda: registration_import_save(
                    registration=registration,
                    preview=preview,
                    user=request.user,
                    file_name=file_name,
                ).as_dict(),
            )
        except RegistrationImportNotSaved as error:
            messages.error(request, str(error))
        except PendingImportMissing:  # saved meanwhile by another request (a double click)
            return _already_saved(request, registration, token)
        else:
            messages.success(request, _saved_message(summary))
            return redirect("registrations:edit", pk=registration.pk)
    return render(
        request,
        "registrations/import_preview.html",
        {
            "registration": registration,
            "file_name": file_name,
            "preview": preview,
            "lines": preview.lines[:ROWS_SHOWN],
            "skipped": preview.skipped[:ERRORS_SHOWN],
            "errors": preview.errors[:ERRORS_SHOWN],
            "choice_prefix": CHOICE_PREFIX,
            "editable": registration.is_editable,
        },
    )


def _saved_message(summary: dict) -> str:
    message = (
        _(
            "%(lines)s lines were added to the registration (%(collectives)s collectives, "
            "%(individuals)s individuals); %(people)s new individuals were created."
        )
        % summary
    )
    if summary["skipped"]:
        message += (
            " " + _("%(skipped)s rows were skipped: the registration already had them.") % summary
        )
    return message


def _already_saved(request: HttpRequest, registration: Registration, token: str) -> HttpResponse:
    saved = import_saved(
        namespace=REGISTRATION_UPLOADS,
        session=request.session,
        token=token,
        scope=registration.pk,
    )
    if not saved:
        raise Http404
    messages.info(request, _("This file has already been saved."))
    return redirect("registrations:edit", pk=registration.pk)
