"""Writes of export jobs: asking for a file, rendering it in the background, purging old ones.

``export_request`` checks the user's right through the exporter (reports/registry.py), creates
the ``ExportJob`` and queues the Celery task ``reports.render_export`` once the transaction
commits; ``export_run`` (the task) claims the job, renders it into a temporary file, stores it
and tells the requester (bell and mail); ``export_purge`` (hourly, ``reports.purge_exports``)
deletes the files and rows past their ``expires_at``.

The messages stored on a failed job are in Vietnamese, like the exporters' own.
"""

import datetime
import logging
import tempfile
import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from reports.jobs.selectors import STUCK, STUCK_AFTER, keep_hours, local_text
from reports.models import ExportJob
from reports.registry import ReportTooLarge, exporter_of

logger = logging.getLogger(__name__)

QUEUE_FAILED = (
    "Không gửi được yêu cầu tạo tệp tới hệ thống xử lý nền. Vui lòng thử lại sau; nếu vẫn lỗi, "
    "hãy báo quản trị hệ thống."
)
RENDER_FAILED = (
    "Không tạo được tệp do một lỗi của hệ thống. Vui lòng yêu cầu lại; nếu vẫn lỗi, hãy báo "
    "quản trị hệ thống."
)
NOT_ALLOWED = "Bạn không còn quyền xuất dữ liệu này, hoặc dữ liệu không còn nữa."
TIMED_OUT = (
    "Tệp quá lớn để tạo trong thời gian cho phép. Vui lòng thu hẹp bộ lọc, hoặc chọn Excel "
    "hoặc CSV thay cho PDF."
)
PROGRESS_SECONDS = 1.0  # at most one progress write a second…
PURGE_BATCH = 200
Status = ExportJob.Status


def export_request(*, user, kind: str, fmt: str, params: dict) -> ExportJob:
    """Ask for the export ``kind`` in ``fmt`` with ``params`` (the page's filters: values are
    strings, or lists of strings for repeated keys) for ``user``; returns the queued job.

    The exporter's ``authorize`` cleans the parameters and checks the user's right: its
    ``Http404``, ``PermissionDenied`` and ``ValidationError`` propagate and no job is made.
    Raises ``ValueError`` for an unknown kind or a format the exporter does not write. The
    rendering is queued when the surrounding transaction commits; if the broker cannot be
    reached the job fails at once (``QUEUE_FAILED``) and the caller's work still commits.
    """
    exporter = exporter_of(kind)
    if exporter is None:
        raise ValueError(f"Unknown export kind: {kind!r}")
    if fmt not in exporter.formats:
        raise ValueError(f"The export {kind!r} is not written as {fmt!r}")
    cleaned = exporter.authorize(user, params)
    with transaction.atomic():
        job = ExportJob.objects.create(
            kind=kind,
            format=fmt,
            params=cleaned,
            title=str(exporter.title(cleaned))[: _max_length("title")],
            filename=str(exporter.filename(cleaned, fmt))[: _max_length("filename")],
            requested_by=user,
        )
        job_id = job.pk
        transaction.on_commit(lambda: _queue(job_id))
    return job


def _max_length(field: str) -> int:
    return ExportJob._meta.get_field(field).max_length


def _queue(job_id) -> None:
    """Queue the rendering; when the broker cannot be reached, the job fails at once."""
    from reports.tasks import render_export_task  # the task module imports this one

    try:
        render_export_task.delay(str(job_id))
    except Exception:
        logger.exception("Queueing the export %s failed", job_id)
        _fail(job_id, QUEUE_FAILED, statuses=(Status.QUEUED,))


def _fail(job_id, message: str, *, statuses=(Status.QUEUED, Status.RUNNING)) -> int:
    """Mark the job failed with ``message`` (kept, like a ready file, for the purge)."""
    now = timezone.now()
    return ExportJob.objects.filter(pk=job_id, status__in=statuses).update(
        status=Status.FAILED,
        error=message,
        finished_at=now,
        expires_at=now + datetime.timedelta(hours=keep_hours()),
    )


class JobProgress:
    """``progress(done, total)`` for a running job: stores ``done`` and ``total`` on the row
    when the total changes, otherwise at most once every ``PROGRESS_SECONDS`` and only when
    the percentage moved by one point or more (or, with no total, the count moved)."""

    def __init__(self, job_id, *, clock=time.monotonic):
        self.job_id, self.clock = job_id, clock
        self.total: int | None = None
        self.written_at: float | None = None
        self.written_mark: int | None = None
        self.writes = 0
        self.seen: tuple[int, int | None] = (0, None)  # the last call's (done, total)

    def _mark(self, done: int, total: int | None) -> int:
        return done * 100 // total if total else done

    def __call__(self, done: int, total: int | None = None) -> None:
        self.seen = (done, total)
        now, mark = self.clock(), self._mark(done, total)
        same_total = total == self.total and self.written_at is not None
        if same_total and (now - self.written_at < PROGRESS_SECONDS or mark == self.written_mark):
            return
        self.total, self.written_at, self.written_mark = total, now, mark
        self.writes += 1
        ExportJob.objects.filter(pk=self.job_id, status=Status.RUNNING).update(
            done=done, total=total
        )


def export_run(*, job_id) -> ExportJob | None:
    """Render the job ``job_id`` (the task ``reports.render_export``); returns it, or None when
    it was not waiting (taken by another worker, deleted) or waited longer than
    ``STUCK_AFTER`` (then failed with ``STUCK``: its page already says so).

    The job is claimed queued → running by one conditional UPDATE, so two workers never both
    render it. The exporter authorizes the requester again, then writes into a temporary file
    (always removed), which is stored; the job is then ready until ``keep_hours()`` later and
    the requester is notified. Failures are stored on the job, never raised: the exporter's
    ``ReportTooLarge`` message, ``NOT_ALLOWED`` when the requester lost the right, the
    parameters' ``ValidationError`` messages, ``TIMED_OUT`` at Celery's soft time limit, and
    ``RENDER_FAILED`` for anything else (logged).
    """
    now = timezone.now()
    claimed = ExportJob.objects.filter(
        pk=job_id, status=Status.QUEUED, requested_at__gte=now - STUCK_AFTER
    ).update(status=Status.RUNNING, started_at=now, done=0, total=None, error="")
    if not claimed:
        _fail(job_id, STUCK, statuses=(Status.QUEUED,))
        return None
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    progress = JobProgress(job.pk)
    stored = _render_and_store(job, progress)
    if stored is None:
        return job
    finished = timezone.now()
    done, total = progress.seen
    updated = ExportJob.objects.filter(pk=job.pk, status=Status.RUNNING).update(
        status=Status.READY,
        file=stored,
        finished_at=finished,
        expires_at=finished + datetime.timedelta(hours=keep_hours()),
        done=done,
        total=total if total is not None else done,
    )
    if not updated:  # purged or failed meanwhile
        ExportJob._meta.get_field("file").storage.delete(stored)
        return None
    job.refresh_from_db()
    _notify_ready(job)
    return job


def _render_and_store(job: ExportJob, progress: JobProgress) -> str | None:
    """The stored file's name, or None when the job failed (its message stored)."""
    from celery.exceptions import SoftTimeLimitExceeded

    exporter = exporter_of(job.kind)
    field = ExportJob._meta.get_field("file")
    try:
        if exporter is None or job.format not in exporter.formats:
            raise LookupError(f"No exporter of kind {job.kind!r} writes {job.format!r}")
        with translation.override(_language_of(job.requested_by)):
            params = exporter.authorize(job.requested_by, job.params)
            with tempfile.TemporaryFile(prefix="export-") as handle:
                exporter.render(
                    user=job.requested_by,
                    params=params,
                    fmt=job.format,
                    out=handle,
                    progress=progress,
                )
                handle.flush()
                handle.seek(0)
                name = field.generate_filename(job, f"{job.pk}.{job.format}")
                return field.storage.save(name, File(handle, name=name))
    except ReportTooLarge as error:
        _fail(job.pk, str(error))
    except (Http404, PermissionDenied):
        _fail(job.pk, NOT_ALLOWED)
    except ValidationError as error:
        _fail(job.pk, " ".join(error.messages))
    except SoftTimeLimitExceeded:
        logger.warning("The export %s (%s) ran out of time", job.pk, job.kind)
        _fail(job.pk, TIMED_OUT)
    except Exception:
        logger.exception("Rendering the export %s (%s, %s) failed", job.pk, job.kind, job.format)
        _fail(job.pk, RENDER_FAILED)
    return None


def _language_of(user) -> str:
    """The language the user reads his mail in (notifications' preference), without writing."""
    from notifications.services import preferences_of

    return preferences_of([user])[user.pk].language


def _notify_ready(job: ExportJob) -> None:
    """Bell and mail to the requester, in his language, linking to the job page. A failure
    is logged: the file is ready all the same."""
    from notifications.services import notify

    path = reverse("reports:job_detail", args=[job.pk])
    until = local_text(job.expires_at)
    try:
        notify(
            users=[job.requested_by],
            title=lambda: gettext("Your file is ready: %(title)s") % {"title": job.title},
            body=lambda: gettext("You can download it until %(until)s.") % {"until": until},
            url=path,
            mail_template="reports/email/export_ready",
            context={"job": job, "path": path, "until": until},
        )
    except Exception:
        logger.exception("Notifying the requester of the export %s failed", job.pk)


def export_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the files and rows of the jobs past their ``expires_at``, and of jobs that never
    finished, ``keep_hours()`` after they were asked for (the task ``reports.purge_exports``,
    hourly). Returns how many jobs were deleted. A missing file is ignored."""
    now = now or timezone.now()
    keep = datetime.timedelta(hours=keep_hours())
    expired = ExportJob.objects.filter(
        Q(expires_at__lte=now) | Q(expires_at__isnull=True, requested_at__lte=now - keep)
    )
    storage = ExportJob._meta.get_field("file").storage
    deleted = 0
    while batch := list(expired.values_list("pk", "file")[:PURGE_BATCH]):
        for _pk, name in batch:
            if name:
                try:
                    storage.delete(name)
                except OSError:
                    logger.warning("The export file %s could not be deleted", name)
        deleted += ExportJob.objects.filter(pk__in=[pk for pk, _name in batch]).delete()[0]
    return deleted
