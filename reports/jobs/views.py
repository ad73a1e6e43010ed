"""Export jobs: ask for a file, follow its progress, download it for 24 hours.

Only the user who asked for a job sees it: any other user gets a 404. Asking for an export is
checked by its exporter (``authorize``): its ``Http404`` and ``PermissionDenied`` propagate, its
``ValidationError`` sends the user back to the page he came from with the message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from common.uploads import attachment_response
from reports.jobs import selectors, services
from reports.registry import CONTENT_TYPES, exporter_of

PER_PAGE = 20
NOT_PARAMS = ("csrfmiddlewaretoken",)


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def posted_params(data) -> dict:
    """The exporter's parameters from a posted form (a ``QueryDict``) without the CSRF token:
    a string per key, a list of strings for a key given more than once."""
    params = {}
    for key, values in data.lists():
        if key in NOT_PARAMS:
            continue
        params[key] = values[0] if len(values) == 1 else values
    return params


def _back(request: HttpRequest) -> str:
    """The page the user came from when it is on this site (its filters kept), else the list
    of his exports."""
    referer = request.headers.get("Referer", "")
    safe = url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return referer if referer and safe else reverse("reports:job_list")


@login_required
@require_POST
def job_new(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    """Ask for the export ``kind`` in ``fmt`` with the posted filters: to the job's page, or
    202 with its status (JSON) when asked for JSON. An unknown kind or format is a 404."""
    exporter = exporter_of(kind)
    if exporter is None or fmt not in exporter.formats:
        raise Http404
    try:
        job = services.export_request(
            user=request.user, kind=kind, fmt=fmt, params=posted_params(request.POST)
        )
    except ValidationError as error:
        message = " ".join(error.messages)
        if _wants_json(request):
            return JsonResponse({"error": message}, status=400)
        messages.error(request, message)
        return redirect(_back(request))
    if _wants_json(request):
        return JsonResponse(selectors.job_status(job), status=202)
    return redirect("reports:job_detail", pk=job.pk)


@login_required
@require_GET
def job_list(request: HttpRequest) -> HttpResponse:
    """The user's exports of the last 24 hours, newest first; a fixed number of queries."""
    now = timezone.now()
    page = Paginator(selectors.jobs_of(user=request.user, now=now), PER_PAGE).get_page(
        request.GET.get("page")
    )
    for job in page:
        job.state = selectors.job_state(job, now=now)
        job.state_label = selectors.state_label(job.state)
        job.percent = selectors.job_percent(job, state=job.state)
        job.format_label = selectors.FORMAT_LABELS.get(job.format, job.format)
    return render(request, "reports/jobs/list.html", {"page": page})


@login_required
@require_GET
def job_detail(request: HttpRequest, pk) -> HttpResponse:
    """The job's page: its progress bar (static/js/export-job.js polls ``job_status``), then
    the download button and until when the file is kept, or why it failed."""
    job = selectors.job_of(user=request.user, pk=pk)
    status = selectors.job_status(job)
    context = {
        "job": job,
        "status": status,
        "format_label": selectors.FORMAT_LABELS.get(job.format, job.format),
        "pending": status["state"] in selectors.PENDING,
        "keep_hours": selectors.keep_hours(),
        "again": selectors.param_pairs(job.params),
    }
    return render(request, "reports/jobs/detail.html", context)


@login_required
@require_GET
def job_status(request: HttpRequest, pk) -> JsonResponse:
    """The job's status as JSON (``reports.jobs.selectors.job_status``), never cached."""
    job = selectors.job_of(user=request.user, pk=pk)
    response = JsonResponse(selectors.job_status(job))
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def job_download(request: HttpRequest, pk) -> HttpResponse:
    """The ready file as an attachment; 410 with an explanation once it expired; the job's
    page while it is not ready (or failed)."""
    job = selectors.job_of(user=request.user, pk=pk)
    state = selectors.job_state(job)
    if state == selectors.EXPIRED:
        context = {
            "job": job,
            "keep_hours": selectors.keep_hours(),
            "again": selectors.param_pairs(job.params),
        }
        return render(request, "reports/jobs/expired.html", context, status=410)
    if state != selectors.READY:
        return redirect("reports:job_detail", pk=job.pk)
    return attachment_response(
        job.file,
        download_name=job.filename or f"export.{job.format}",
        content_type=CONTENT_TYPES.get(job.format, "application/octet-stream"),
    )
