"""Reads of export jobs: a user's own jobs, and what the job page and its script show.

A job's *state* is its stored status, except that a job still queued or running
``STUCK_AFTER`` (15 minutes, longer than the Celery task's hard limit of 10) after it was asked
for shows as "failed" (no worker took it, or the worker died), and a ready job past its
``expires_at`` shows as "expired" until the purge deletes it.
"""

import datetime

from django.conf import settings
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from reports.models import ExportJob

STUCK_AFTER = datetime.timedelta(minutes=15)
STUCK = (
    "Tệp chưa được tạo sau 15 phút: hệ thống xử lý nền có thể đang bận hoặc ngừng. Vui lòng "
    "yêu cầu lại sau; nếu vẫn lỗi, hãy báo quản trị hệ thống."
)
QUEUED, RUNNING, READY, FAILED, EXPIRED = "queued", "running", "ready", "failed", "expired"
PENDING = (QUEUED, RUNNING)
FORMAT_LABELS = {"xlsx": "Excel", "csv": "CSV", "pdf": "PDF"}
STATE_LABELS = {
    **{status.value: status.label for status in ExportJob.Status},
    EXPIRED: pgettext_lazy("export state", "Expired"),
}


def keep_hours() -> int:
    """Hours a ready file stays downloadable (``settings.EXPORT_KEEP_HOURS``, 24)."""
    return getattr(settings, "EXPORT_KEEP_HOURS", 24)


def jobs_of(*, user, now: datetime.datetime | None = None) -> QuerySet:
    """The user's jobs asked for in the last ``keep_hours()`` hours, newest first (lazy)."""
    since = (now or timezone.now()) - datetime.timedelta(hours=keep_hours())
    return ExportJob.objects.filter(requested_by=user, requested_at__gte=since).order_by(
        "-requested_at"
    )


def job_of(*, user, pk) -> ExportJob:
    """The job ``pk`` when ``user`` asked for it; ``Http404`` otherwise (another user's job is
    not even said to exist)."""
    return get_object_or_404(ExportJob, pk=pk, requested_by=user)


def job_state(job: ExportJob, *, now: datetime.datetime | None = None) -> str:
    """ "queued", "running", "ready", "failed" or "expired" (see the module's docstring)."""
    now = now or timezone.now()
    if job.status in PENDING and job.requested_at < now - STUCK_AFTER:
        return FAILED
    if job.status == ExportJob.Status.READY and job.expires_at and job.expires_at <= now:
        return EXPIRED
    return str(job.status)


def job_error(job: ExportJob, *, now: datetime.datetime | None = None) -> str:
    """Why the job failed, in Vietnamese; "" unless it failed."""
    if job_state(job, now=now) != FAILED:
        return ""
    return job.error or STUCK


def job_percent(job: ExportJob, *, state: str | None = None) -> int | None:
    """How far the rendering is, 0–100; None while the number of rows is not known."""
    if (state or job.status) == READY:
        return 100
    if not job.total:
        return None
    return min(100, job.done * 100 // job.total)


def state_label(state: str) -> str:
    """The state for people ("Đang chuẩn bị", "Đã hết hạn"…)."""
    return str(STATE_LABELS.get(state, state))


def local_text(moment: datetime.datetime | None) -> str:
    """ "05/01/2021 08:30" in local time; "" for None."""
    return f"{timezone.localtime(moment):%d/%m/%Y %H:%M}" if moment else ""


def job_status(job: ExportJob, *, now: datetime.datetime | None = None) -> dict:
    """What the job page's script polls (JSON): ``id``, ``state``, ``state_label``, ``done``,
    ``total`` (None until known), ``percent`` (0–100 or None), ``status_url``, ``detail_url``,
    ``download_url`` ("" unless ready), ``error`` (Vietnamese, "" unless failed),
    ``expires_at`` ("dd/mm/yyyy HH:MM" local time, "" unless ready)."""
    state = job_state(job, now=now)
    ready = state == READY
    return {
        "id": str(job.pk),
        "state": state,
        "state_label": state_label(state),
        "done": job.done,
        "total": job.total,
        "percent": job_percent(job, state=state),
        "status_url": reverse("reports:job_status", args=[job.pk]),
        "detail_url": reverse("reports:job_detail", args=[job.pk]),
        "download_url": reverse("reports:job_download", args=[job.pk]) if ready else "",
        "error": job_error(job, now=now),
        "expires_at": local_text(job.expires_at) if ready else "",
    }


def param_pairs(params: dict) -> list[tuple[str, str]]:
    """A job's parameters as (name, value) hidden inputs of a form asking for it again: a list
    gives one pair per item, None none."""
    pairs = []
    for key, value in params.items():
        for item in value if isinstance(value, (list, tuple)) else [value]:
            if item is not None:
                pairs.append((str(key), str(item)))
    return pairs
