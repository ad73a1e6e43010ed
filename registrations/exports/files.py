"""Rendered exports (``ExportFile``): asking for one, rendering it in the background, its state.

One ``ExportFile`` row per subject and format — the overview of a window, or one cluster
list — is reused by every request: asking again marks it (``requested_at`` now, ``error``
cleared) and queues ``registrations.render_export`` once the transaction commits; the task
renders the file (``export_store``) and replaces the previous one. ``rendered_at`` is when the
stored rendering *started*, so a request made during a rendering leaves the export rendering
until the next one is stored, and an older rendering that finishes late never replaces a newer
one.

States (``export_state``): "none" (never asked for), "rendering", "ready" (a file is stored and
no rendering is pending), "failed" (the last rendering raised: ``error`` says so in Vietnamese,
or no worker picked the request up within ``STUCK_AFTER``).
"""

import datetime
import logging
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from registrations.models import ClusterList, ExportFile, RegistrationWindow

logger = logging.getLogger(__name__)

FORMATS = (ExportFile.Format.XLSX, ExportFile.Format.PDF)
# Longer than the Celery task's hard time limit (config/settings/base.py: 10 minutes).
STUCK_AFTER = datetime.timedelta(minutes=15)
RENDER_FAILED = {
    ExportFile.Format.XLSX: (
        "Không tạo được tệp Excel. Vui lòng bấm “Xuất Excel” để thử lại; nếu vẫn lỗi, hãy báo "
        "quản trị hệ thống."
    ),
    ExportFile.Format.PDF: (
        "Không tạo được tệp PDF. Vui lòng bấm “Xuất PDF” để thử lại; nếu vẫn lỗi, hãy báo quản "
        "trị hệ thống."
    ),
}
QUEUE_FAILED = (
    "Không gửi được yêu cầu tạo tệp tới hệ thống xử lý nền. Vui lòng thử lại sau; nếu vẫn lỗi, "
    "hãy báo quản trị hệ thống."
)
STUCK = (
    "Tệp chưa được tạo sau 15 phút: hệ thống xử lý nền có thể đang bận hoặc ngừng. Vui lòng "
    "thử lại sau; nếu vẫn lỗi, hãy báo quản trị hệ thống."
)
CONTENT_TYPES = {
    ExportFile.Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFile.Format.PDF: "application/pdf",
}

NONE, RENDERING, READY, FAILED = "none", "rendering", "ready", "failed"


def _subject(cluster_list: ClusterList | None) -> str:
    return ExportFile.Subject.CLUSTER_LIST if cluster_list else ExportFile.Subject.OVERVIEW


def exports_of(*, window: RegistrationWindow, cluster_list: ClusterList | None = None):
    """The exports of the window's overview (``cluster_list`` None) or of the list (lazy)."""
    return ExportFile.objects.filter(
        window=window, cluster_list=cluster_list, subject=_subject(cluster_list)
    )


@transaction.atomic
def export_request(
    *, window: RegistrationWindow, fmt: str, cluster_list: ClusterList | None = None
) -> ExportFile:
    """Ask for the overview of ``window`` (or for ``cluster_list``, a list of that window) in
    ``fmt`` ("xlsx" or "pdf") to be rendered in the background; returns its ``ExportFile``.

    Requests for one window are serialised (the window row is locked) so that two users
    asking at once share one row. The rendering is queued once the transaction commits (run at
    once when Celery has no broker). Raises ``ValueError`` for another format or a list of
    another window. The caller checks permissions.
    """
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format: {fmt!r}")
    if cluster_list is not None and cluster_list.window_id != window.pk:
        raise ValueError("The cluster list belongs to another window.")
    RegistrationWindow.objects.select_for_update().filter(pk=window.pk).first()
    export = exports_of(window=window, cluster_list=cluster_list).filter(format=fmt).last()
    now = timezone.now()
    if export is None:
        export = ExportFile.objects.create(
            window=window,
            cluster_list=cluster_list,
            subject=_subject(cluster_list),
            format=fmt,
            requested_at=now,
        )
    else:
        export.requested_at, export.error = now, ""
        export.save(update_fields=["requested_at", "error"])
    export_id = export.pk
    transaction.on_commit(lambda: _queue(export_id))
    return export


def _queue(export_id: int) -> None:
    """Queue the rendering; when the broker cannot be reached, the export fails at once with
    a Vietnamese message instead of the page failing after its changes were saved."""
    from registrations.tasks import render_export_task  # the task module imports this one

    try:
        render_export_task.delay(export_id)
    except Exception:
        logger.exception("Queueing the registration export %s failed", export_id)
        ExportFile.objects.filter(pk=export_id).update(error=QUEUE_FAILED)


def render(export: ExportFile, *, today: datetime.date | None = None) -> bytes:
    """The export's file content, rendered now from the current data."""
    from registrations import exports

    if export.subject == ExportFile.Subject.CLUSTER_LIST:
        function = {"xlsx": exports.cluster_list_xlsx, "pdf": exports.cluster_list_pdf}
        return function[export.format](cluster_list=export.cluster_list, today=today)
    function = {"xlsx": exports.overview_xlsx, "pdf": exports.overview_pdf}
    return function[export.format](window=export.window, today=today)


def export_store(*, export: ExportFile) -> None:
    """Render the export and store the file, replacing the previous one.

    The file gets a server-made name under ``registrations/exports/``; ``rendered_at`` is the
    time rendering started. If rendering raises, the previous file stays, ``error`` gets a
    Vietnamese message (unless the export was asked for again meanwhile) and the exception is
    logged, not raised. A rendering that finishes after a newer one was stored is dropped.
    """
    started = timezone.now()
    field = ExportFile._meta.get_field("file")
    name = f"{export.subject}-{export.pk}-{started:%Y%m%d%H%M%S}-{uuid.uuid4().hex[:8]}"
    try:
        content = render(export, today=timezone.localdate(started))
        stored = field.storage.save(
            field.generate_filename(export, f"{name}.{export.format}"), _content(content)
        )
    except Exception:
        logger.exception("Rendering the registration export %s failed", export.pk)
        ExportFile.objects.filter(pk=export.pk, requested_at__lte=started).update(
            error=RENDER_FAILED[export.format]
        )
        return
    with transaction.atomic():
        locked = ExportFile.objects.select_for_update().filter(pk=export.pk).first()
        if locked is None or (locked.rendered_at and locked.rendered_at >= started):
            transaction.on_commit(lambda: field.storage.delete(stored))
            return
        previous = locked.file.name
        locked.file.name, locked.rendered_at, locked.error = stored, started, ""
        locked.save(update_fields=["file", "rendered_at", "error"])
        if previous and previous != stored:
            transaction.on_commit(lambda: field.storage.delete(previous))


def _content(data: bytes):
    from django.core.files.base import ContentFile

    return ContentFile(data)


def export_state(export: ExportFile | None, *, now: datetime.datetime | None = None) -> str:
    """ "none", "rendering", "ready" or "failed" (see the module's docstring)."""
    if export is None or (export.requested_at is None and not export.file):
        return NONE
    if export.error:
        return FAILED
    pending = export.requested_at is not None and (
        export.rendered_at is None or export.requested_at > export.rendered_at
    )
    if pending:
        if export.requested_at < (now or timezone.now()) - STUCK_AFTER:
            return FAILED
        return RENDERING
    return READY if export.file else NONE


def export_error(export: ExportFile | None, *, now: datetime.datetime | None = None) -> str:
    """Why a failed export failed, in Vietnamese; "" unless it failed."""
    if export is None or export_state(export, now=now) != FAILED:
        return ""
    return export.error or STUCK


def download_name(export: ExportFile) -> str:
    """The attachment's file name: "danh-sach-dang-ky-thi-dua-cum-1-nam-2020.xlsx",
    "tong-hop-dang-ky-thi-dua-nam-2020.pdf"."""
    from campaigns.models import Cluster

    year = export.window.campaign.year
    if export.subject == ExportFile.Subject.CLUSTER_LIST:
        cluster = export.cluster_list.cluster
        kind = "khoi" if cluster.kind == Cluster.Kind.BLOC else "cum"
        stem = f"danh-sach-dang-ky-thi-dua-{kind}-{cluster.number}-nam-{year}"
    else:
        stem = f"tong-hop-dang-ky-thi-dua-nam-{year}"
    return f"{stem}.{export.format}"


@dataclass(frozen=True)
class ExportState:
    """One format's export box on a page: the button, the progress indicator, the download.

    ``state`` is "none", "rendering", "ready" or "failed"; ``export`` the ``ExportFile`` (None
    before the first request); ``request_url`` the POST target of the button; ``status_url``
    and ``download_url`` are "" before the first request.
    """

    format: str
    label: str
    button_label: str
    state: str
    request_url: str
    window: RegistrationWindow
    cluster_list: ClusterList | None = None
    export: ExportFile | None = None
    status_url: str = ""
    download_url: str = ""
    error: str = ""

    @property
    def rendered_at(self) -> datetime.datetime | None:
        return self.export.rendered_at if self.export else None

    @property
    def is_rendering(self) -> bool:
        return self.state == RENDERING

    @property
    def has_file(self) -> bool:
        """A file can be downloaded (also while a newer one is being rendered)."""
        return bool(self.export and self.export.file and self.export.rendered_at)


def export_states(
    *, window: RegistrationWindow, cluster_list: ClusterList | None = None
) -> list[ExportState]:
    """The Excel then the PDF export of the window's overview (``cluster_list`` None) or of
    the cluster list, for ``templates/registrations/_exports.html``: one query."""
    latest = {
        e.format: e for e in exports_of(window=window, cluster_list=cluster_list).order_by("pk")
    }
    if cluster_list is not None:
        request = "registrations:list_export"
        target = cluster_list.pk
    else:
        request = "registrations:overview_export"
        target = window.pk
    labels = {
        ExportFile.Format.XLSX: ("Excel", _("Export to Excel")),
        ExportFile.Format.PDF: ("PDF", _("Export to PDF")),
    }
    now = timezone.now()
    states = []
    for fmt in FORMATS:
        export = latest.get(fmt)
        label, button = labels[fmt]
        states.append(
            ExportState(
                format=str(fmt),
                label=label,
                button_label=button,
                state=export_state(export, now=now),
                request_url=reverse(request, args=[target, fmt]),
                window=window,
                cluster_list=cluster_list,
                export=export,
                status_url=reverse("registrations:export_status", args=[export.pk])
                if export
                else "",
                download_url=reverse("registrations:export_download", args=[export.pk])
                if export
                else "",
                error=export_error(export, now=now),
            )
        )
    return states
