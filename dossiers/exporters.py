"""The export of the secretariat's dossier queue (reports/registry.py, kind "dossiers").

The same rows as the queue page (dossiers/views/review_queue.py): the submitted dossiers of the
councils the user manages, filtered by ``QueueFilter`` (round, status, assignee, unit name),
newest submission first, every page. A user who manages no council may not export it (403, as
the page). Rows stream in chunks of 2,000. Document words in Vietnamese.
"""

from collections.abc import Iterator

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dossiers.filters import QueueFilter
from dossiers.models import Dossier, Nomination
from dossiers.selectors import councils_managed_by, review_queue
from reports.lists import (
    file_slug,
    filter_params,
    list_report,
    report_renderer,
    streamed,
    validated,
)
from reports.registry import TABULAR_FORMATS, Exporter, register
from reports.tabular import Column, Report, Sheet

TITLE = "DANH SÁCH HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG"
FIELDS = ("round", "status", "assignee", "unit")
STATUS_WORDS = {
    Dossier.Status.DRAFT: "Dự thảo",
    Dossier.Status.SUBMITTED: "Đã nộp",
    Dossier.Status.IN_APPRAISAL: "Đang thẩm định",
    Dossier.Status.RETURNED: "Trả lại để bổ sung",
    Dossier.Status.APPRAISED: "Đã thẩm định",
    Dossier.Status.AT_COUNCIL: "Trình Hội đồng",
    Dossier.Status.DECIDED: "Hội đồng đã xét",
    Dossier.Status.DECISION_ISSUED: "Đã có quyết định",
    Dossier.Status.WITHDRAWN: "Đã rút",
}
LATE_WORD = "Nộp muộn"
COLUMNS = (
    Column("STT", 6, "center"),
    Column("Mã hồ sơ", 9, "center"),
    Column("Đơn vị đề nghị", 32),
    Column("Đợt xét khen thưởng", 32),
    Column("Năm", 7, "center"),
    Column("Tình trạng", 18),
    Column("Lần nộp", 8, "center"),
    Column("Ngày nộp", 17, "center"),
    Column("Nộp muộn", 10, "center"),
    Column("Người thẩm định", 22),
    Column("Số đề nghị", 10, "right"),
)
_ROW_FIELDS = (
    "pk",
    "unit__name",
    "round__name",
    "round__year",
    "status",
    "version",
    "submitted_at",
    "submitted_late",
    "assignee__last_name",
    "assignee__first_name",
    "assignee__username",
    "nomination_count",
)


def queue_filter(user, params: dict) -> QueueFilter:
    """The queue page's FilterSet bound to ``params``; ``PermissionDenied`` for a user who
    manages no council."""
    if not councils_managed_by(user).exists():
        raise PermissionDenied
    return QueueFilter(filter_params(params, FIELDS), queryset=review_queue(user=user), user=user)


def authorize(user, params: dict) -> dict:
    """The queue's filters checked: ``PermissionDenied`` for a user who manages no council,
    ``ValidationError`` (Vietnamese) for a round or assignee not offered to him or another
    invalid value; returns them as the page's query has them, without ``page``."""
    validated(queue_filter(user, params))
    return filter_params(params, FIELDS)


def _rows(rows) -> Iterator[tuple]:
    for (
        number,
        pk,
        unit,
        round_name,
        year,
        status,
        version,
        submitted_at,
        late,
        last_name,
        first_name,
        username,
        nominations,
    ) in rows:
        assignee = f"{last_name or ''} {first_name or ''}".strip() or (username or "")
        yield (
            number,
            pk,
            unit,
            round_name,
            year,
            STATUS_WORDS.get(status, status),
            version,
            submitted_at,
            LATE_WORD if late else "",
            assignee,
            nominations,
        )


def build_report(*, user, params: dict) -> Report:
    """The queue for ``params`` as a Report "DANH SÁCH HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG", the filters
    in the subtitle, one sheet "Hồ sơ" (STT, dossier id, unit, round and its year, state,
    submission number and time, late, assignee, nominations) with a total row (dossiers,
    nominations). Raises what ``authorize`` raises."""
    queue = queue_filter(user, params)
    validated(queue)
    data = queue.form.cleaned_data
    parts = []
    if data.get("round") is not None:
        parts.append(f"Đợt: {data['round'].name}")
    if data.get("status"):
        parts.append(f"Tình trạng: {STATUS_WORDS.get(data['status'], data['status'])}")
    if data.get("assignee") is not None:
        person = data["assignee"]
        name = f"{person.last_name} {person.first_name}".strip() or person.get_username()
        parts.append(f"Người thẩm định: {name}")
    if data.get("unit"):
        parts.append(f"Tên đơn vị có chứa: {data['unit']}")
    queryset = queue.qs
    count = queryset.count()
    rows = streamed(queryset, _ROW_FIELDS)
    total = ["" for _column in COLUMNS]
    total[2] = f"Tổng cộng: {count} hồ sơ"
    total[10] = sum_nominations(queryset)
    return list_report(
        user=user,
        title=TITLE,
        parts=parts,
        sheets=[
            Sheet(
                name="Hồ sơ",
                columns=COLUMNS,
                rows=lambda: _rows(rows()),
                count=count,
                total=tuple(total),
            )
        ],
    )


def sum_nominations(queryset) -> int:
    """Nominations in the dossiers of ``queryset`` (the queue, filtered): one query."""
    dossiers = queryset.order_by().values("pk")
    return Nomination.objects.filter(dossier__in=dossiers).aggregate(n=Count("pk"))["n"]


def title(params: dict) -> str:
    """ "Award dossiers" in the user's language."""
    return gettext("Award dossier queue")


def filename(params: dict, fmt: str) -> str:
    """ "danh-sach-ho-so-de-nghi-khen-thuong.xlsx"."""
    return f"{file_slug('danh sach ho so de nghi khen thuong')}.{fmt}"


register(
    Exporter(
        kind="dossiers",
        label=_("Award dossier queue"),
        formats=TABULAR_FORMATS,
        authorize=authorize,
        title=title,
        filename=filename,
        render=report_renderer(build_report),
    )
)
