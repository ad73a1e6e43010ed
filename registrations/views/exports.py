"""Exports of the overview and of a cluster list: ask for one, poll its state, download it.

Every view checks the export's subject for the user: the overview needs the window among the
windows he sees (404 otherwise) and ``registrations.view_overview`` on it (403 otherwise); a
cluster list needs the list among those he sees (404) and ``registrations.lead_cluster_list``
or ``registrations.review_cluster_list`` on it (403). A format other than xlsx and pdf is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from registrations import selectors
from registrations.exports import export_request
from registrations.exports.files import CONTENT_TYPES, FORMATS, download_name, export_error
from registrations.exports.files import export_state as state_of
from registrations.models import ClusterList, ExportFile, RegistrationWindow


def _format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise Http404
    return fmt


def _overview_window(request: HttpRequest, pk: int) -> RegistrationWindow:
    window = get_object_or_404(
        selectors.windows_visible_to(request.user).select_related("campaign__council__unit"),
        pk=pk,
    )
    if not request.user.has_perm("registrations.view_overview", window):
        raise PermissionDenied
    return window


def _exportable_list(request: HttpRequest, pk: int) -> ClusterList:
    cluster_list = get_object_or_404(
        selectors.cluster_lists_visible_to(request.user).select_related(
            "cluster__leader", "window__campaign__council__unit"
        ),
        pk=pk,
    )
    user = request.user
    if not (
        user.has_perm("registrations.lead_cluster_list", cluster_list)
        or user.has_perm("registrations.review_cluster_list", cluster_list)
    ):
        raise PermissionDenied
    return cluster_list


def _visible_export(request: HttpRequest, pk: int) -> ExportFile:
    """The export if the user may export its subject (404 / 403 as for asking for it)."""
    export = get_object_or_404(ExportFile.objects.select_related("window__campaign"), pk=pk)
    if export.subject == ExportFile.Subject.CLUSTER_LIST:
        if export.cluster_list_id is None:
            raise Http404
        _exportable_list(request, export.cluster_list_id)
    else:
        _overview_window(request, export.window_id)
    return export


def _status(export: ExportFile) -> dict:
    state = state_of(export)
    rendered_at = export.rendered_at
    return {
        "id": export.pk,
        "format": export.format,
        "state": state,
        "status_url": reverse("registrations:export_status", args=[export.pk]),
        "download_url": (
            reverse("registrations:export_download", args=[export.pk]) if export.file else ""
        ),
        "rendered_at": (
            date_format(timezone.localtime(rendered_at), "SHORT_DATETIME_FORMAT")
            if rendered_at and export.file
            else ""
        ),
        "error": export_error(export),
    }


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _requested(request: HttpRequest, export: ExportFile, back: HttpResponse) -> HttpResponse:
    """JSON (202) for the page's script, or back to the page with a message."""
    export.refresh_from_db()  # rendered already when Celery runs tasks in-process
    if _wants_json(request):
        return JsonResponse(_status(export), status=202)
    messages.info(
        request, _("The file is being prepared; its download link appears below when ready.")
    )
    return back


@login_required
@require_POST
def overview_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Ask for the window's overview as Excel or PDF, rendered in the background."""
    fmt = _format(fmt)
    window = _overview_window(request, pk)
    export = export_request(window=window, fmt=fmt)
    return _requested(request, export, redirect("registrations:overview", pk=window.pk))


@login_required
@require_POST
def list_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Ask for the consolidated cluster list as Excel or PDF, rendered in the background."""
    fmt = _format(fmt)
    cluster_list = _exportable_list(request, pk)
    export = export_request(window=cluster_list.window, fmt=fmt, cluster_list=cluster_list)
    back = redirect(
        "registrations:cluster_list",
        window_pk=cluster_list.window_id,
        cluster_pk=cluster_list.cluster_id,
    )
    return _requested(request, export, back)


@login_required
@require_GET
def export_status(request: HttpRequest, pk: int) -> JsonResponse:
    """The export's state for the page to poll: ``{"state": "rendering" | "ready" | "failed" |
    "none", "download_url", "rendered_at" (dd/mm/yyyy HH:MM), "error" (Vietnamese), …}``."""
    export = _visible_export(request, pk)
    response = JsonResponse(_status(export))
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def export_download(request: HttpRequest, pk: int) -> FileResponse:
    """The export's latest file as an attachment (404 before one was rendered)."""
    export = _visible_export(request, pk)
    if not export.file or export.rendered_at is None:
        raise Http404
    try:
        handle = export.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    if export.subject == ExportFile.Subject.CLUSTER_LIST:
        export.cluster_list = ClusterList.objects.select_related("cluster").get(
            pk=export.cluster_list_id
        )
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(export),
        content_type=CONTENT_TYPES[export.format],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
