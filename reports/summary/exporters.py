"""The annual summary as a document (reports/registry.py exporter "summary"): Excel with one
sheet per section, CSV, or an A4 PDF in the Decree 30/2020 layout with the two charts.

The document is issued by the council (its people's committee over it, ``council_bodies``) and
signed for the council by its chair. Its words are Vietnamese whatever the interface language
(document text, as in registrations/exports/layout.py); the numbers are those of the page
(reports/summary/selectors.py ``annual_summary``), the grants all listed.
"""

import datetime
from itertools import count

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from common.decree30 import council_bodies, date_text, place_date_line, place_of
from common.text import search_key
from reports.registry import TABULAR_FORMATS, Exporter, register
from reports.summary.charts import summary_charts
from reports.summary.rules import SummaryScope, summary_scope
from reports.summary.selectors import MISSING, AnnualSummary, annual_summary, grant_rows
from reports.tabular import Column, Report, Sheet

KIND = "summary"
TITLE = "BÁO CÁO TỔNG HỢP CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM {year}"
SIGNATURE = ("TM. HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG", "CHỦ TỊCH")
TOTAL = "Tổng cộng"
CAMPAIGN_KINDS = {"regular": "Thường xuyên", "periodic": "Theo đợt", "thematic": "Chuyên đề"}
DOSSIER_STATES = {
    "draft": "Đang lập (chưa gửi)",
    "submitted": "Đã gửi",
    "in_appraisal": "Đang thẩm định",
    "returned": "Trả lại để bổ sung",
    "appraised": "Đã thẩm định",
    "at_council": "Trình Hội đồng",
    "decided": "Hội đồng đã xét",
    "decision_issued": "Đã có quyết định khen thưởng",
    "withdrawn": "Đã rút",
}
RECIPIENTS = {"individual": "Cá nhân", "collective": "Tập thể", "household": "Hộ gia đình"}
REGISTRATION_STATES = {
    MISSING: "Chưa lập",
    "draft": "Dự thảo, chưa gửi",
    "returned": "Bị trả lại, chưa gửi lại",
}
UNIT_KINDS = {
    "province": "Tỉnh, thành phố",
    "commune": "Xã",
    "ward": "Phường",
    "special_zone": "Đặc khu",
    "district": "Quận, huyện, thị xã",
    "department": "Phòng, ban",
    "agency": "Cơ quan",
    "school": "Trường học",
    "enterprise": "Doanh nghiệp",
    "residential_group": "Thôn, tổ dân phố",
    "association": "Hội, đoàn thể",
}
NUMBER = Column("STT", 6, "center")


def _rate(value) -> float | None:
    return float(value) if value is not None else None


def _scope_line(summary: AnnualSummary) -> str:
    if summary.unit is not None:
        return f"Đơn vị: {summary.unit.name} và các đơn vị trực thuộc"
    if summary.cluster is not None:
        return f"{summary.cluster.name} – {summary.council.name}"
    return f"Toàn địa bàn {summary.council.unit.name}"


def _overview_sheet(summary: AnnualSummary) -> Sheet:
    rate = summary.rate
    rows = [
        ("Phong trào thi đua đã phát động", len(summary.campaigns), ""),
        ("Đơn vị phải đăng ký thi đua", summary.expected_units, "Đơn vị tham gia phong trào"),
        ("Đơn vị đã đăng ký thi đua", summary.registered_units, "Đã gửi hoặc đã được chấp thuận"),
        ("Đơn vị chưa đăng ký thi đua", len(summary.missing_units), "Xem trang “Chưa đăng ký”"),
        ("Lượt đăng ký danh hiệu, hình thức khen thưởng", summary.registered_lines, ""),
        (
            "Lượt được khen thưởng",
            summary.granted,
            f"Bằng {rate} % số lượt đăng ký".replace(".", ",") if rate is not None else "",
        ),
        ("Khen thưởng bị hủy", summary.revoked_count, ""),
        ("Hồ sơ đề nghị khen thưởng", summary.dossier_total, f"{summary.nomination_total} lượt"),
        ("Cụm, khối thi đua", len(summary.clusters), ""),
    ]
    return Sheet(
        name="Tổng hợp",
        heading="I. SỐ LIỆU CHUNG",
        columns=(
            NUMBER,
            Column("Nội dung", 50),
            Column("Số lượng", 12, "right"),
            Column("Ghi chú", 36),
        ),
        rows=lambda: ((n, *row) for n, row in enumerate(rows, start=1)),
        count=len(rows),
    )


def _campaign_sheet(summary: AnnualSummary) -> Sheet:
    in_scope = summary.scope != "council"
    return Sheet(
        name="Phong trào",
        heading="II. CÁC PHONG TRÀO THI ĐUA",
        columns=(
            NUMBER,
            Column("Tên phong trào", 48),
            Column("Hình thức", 14),
            Column("Ngày phát động", 14, "center"),
            Column("Từ ngày", 12, "center"),
            Column("Đến ngày", 12, "center"),
            Column("Đơn vị chủ trì", 28),
            Column("Đơn vị tham gia" + (" (thuộc phạm vi)" if in_scope else ""), 14, "right"),
        ),
        rows=lambda: (
            (
                n,
                c.name,
                CAMPAIGN_KINDS.get(c.kind, c.kind),
                c.launched_on,
                c.starts_on,
                c.ends_on,
                c.lead_unit,
                c.participants_in_scope if in_scope else c.participants,
            )
            for n, c in enumerate(summary.campaigns, start=1)
        ),
        count=len(summary.campaigns),
    )


def _award_sheet(summary: AnnualSummary) -> Sheet:
    awards = summary.awards
    return Sheet(
        name="Theo danh hiệu",
        heading="III. ĐĂNG KÝ VÀ KẾT QUẢ KHEN THƯỞNG THEO DANH HIỆU, HÌNH THỨC",
        columns=(
            NUMBER,
            Column("Danh hiệu, hình thức khen thưởng", 44),
            Column("Loại", 20),
            Column("Đăng ký: tập thể", 12, "right"),
            Column("Đăng ký: cá nhân", 12, "right"),
            Column("Tổng số đăng ký", 12, "right"),
            Column("Được khen thưởng", 12, "right"),
            Column("Tỷ lệ (%)", 10, "right"),
        ),
        rows=lambda: (
            (
                n,
                a.name,
                "Danh hiệu thi đua" if a.is_title else "Hình thức khen thưởng",
                a.registered_collectives,
                a.registered_individuals,
                a.registered,
                a.granted,
                _rate(a.rate),
            )
            for n, a in enumerate(awards, start=1)
        ),
        count=len(awards),
        total=(
            "",
            TOTAL,
            "",
            sum(a.registered_collectives for a in awards),
            sum(a.registered_individuals for a in awards),
            summary.registered_lines,
            sum(a.granted for a in awards),
            _rate(summary.rate),
        ),
    )


def _dossier_sheet(summary: AnnualSummary) -> Sheet:
    return Sheet(
        name="Hồ sơ",
        heading="IV. HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG THEO TRẠNG THÁI",
        columns=(
            NUMBER,
            Column("Trạng thái", 36),
            Column("Số hồ sơ", 12, "right"),
            Column("Số lượt đề nghị", 14, "right"),
        ),
        rows=lambda: (
            (n, DOSSIER_STATES.get(s.state, s.state), s.dossiers, s.nominations)
            for n, s in enumerate(summary.dossiers, start=1)
        ),
        count=len(summary.dossiers),
        total=("", TOTAL, summary.dossier_total, summary.nomination_total),
    )


def _ranking_note(cluster, row) -> str:
    notes = []
    if row.is_leader:
        notes.append("Cụm trưởng")
    if row.is_winner:
        notes.append("Đơn vị dẫn đầu (được suy tôn)")
    if not cluster.final:
        notes.append("Tạm tính, chưa khóa chấm điểm")
    if row.total is None:
        notes.append("Chưa được chấm điểm")
    return "; ".join(notes)


def _ranking_sheet(summary: AnnualSummary) -> Sheet:
    return Sheet(
        name="Xếp hạng cụm",
        heading="V. KẾT QUẢ CHẤM ĐIỂM, XẾP HẠNG TRONG CỤM, KHỐI THI ĐUA",
        columns=(
            Column("Cụm, khối thi đua", 30),
            Column("Xếp hạng", 10, "center"),
            Column("Đơn vị", 36),
            Column("Điểm", 10, "right"),
            Column("Ghi chú", 36),
        ),
        rows=lambda: (
            (c.name, row.rank, row.unit, row.total, _ranking_note(c, row))
            for c in summary.clusters
            for row in c.rows
        ),
        count=sum(len(c.rows) for c in summary.clusters),
    )


def _grant_sheet(summary: AnnualSummary) -> Sheet:
    def rows():
        found = grant_rows(
            council=summary.council, year=summary.year, cluster=summary.cluster, unit=summary.unit
        )
        for n, g in zip(count(1), found, strict=False):
            note = ""
            if g.revoked:
                note = "Đã hủy" + (f" ngày {g.revoked_on:%d/%m/%Y}" if g.revoked_on else "")
            yield (
                n,
                g.recipient,
                RECIPIENTS.get(g.recipient_kind, g.recipient_kind),
                g.unit,
                g.award,
                g.decision_number,
                g.decision_date,
                g.authority,
                note,
            )

    return Sheet(
        name="Khen thưởng",
        heading="VI. DANH SÁCH ĐƯỢC KHEN THƯỞNG",
        columns=(
            NUMBER,
            Column("Họ tên, tập thể", 32),
            Column("Đối tượng", 12),
            Column("Đơn vị", 28),
            Column("Danh hiệu, hình thức", 32),
            Column("Số quyết định", 16),
            Column("Ngày quyết định", 14, "center"),
            Column("Cấp quyết định", 28),
            Column("Ghi chú", 20),
        ),
        rows=rows,
        count=summary.grant_count,
    )


def _missing_sheet(summary: AnnualSummary) -> Sheet:
    return Sheet(
        name="Chưa đăng ký",
        heading="VII. ĐƠN VỊ CHƯA ĐĂNG KÝ THI ĐUA",
        columns=(
            NUMBER,
            Column("Đơn vị", 40),
            Column("Loại đơn vị", 20),
            Column("Cụm, khối thi đua", 30),
            Column("Tình trạng", 24),
        ),
        rows=lambda: (
            (
                n,
                m.name,
                UNIT_KINDS.get(m.kind, m.kind),
                m.cluster,
                REGISTRATION_STATES.get(m.state, m.state),
            )
            for n, m in enumerate(summary.missing_units, start=1)
        ),
        count=len(summary.missing_units),
    )


def summary_report(summary: AnnualSummary, *, today: datetime.date | None = None) -> Report:
    """The summary as a ``Report``: the Decree 30 header of the council, the title and scope,
    seven sheets (Tổng hợp, Phong trào, Theo danh hiệu, Hồ sơ, Xếp hạng cụm, Khen thưởng,
    Chưa đăng ký), the two charts and the chair's signature. The grants are read again, all
    of them, when the sheet is written. ``today`` dates the document (default: today)."""
    today = today or timezone.localdate()
    parent_issuer, issuer = council_bodies(summary.council)
    return Report(
        title=TITLE.format(year=summary.year),
        subtitle=_scope_line(summary),
        parent_issuer=parent_issuer,
        issuer=issuer,
        place_date=place_date_line(place_of(summary.council.unit), date_text(today)),
        notes=(
            f"Số liệu trích từ hệ thống ngày {today:%d/%m/%Y}. Đăng ký: các dòng của bản đăng "
            "ký thi đua đã gửi hoặc đã được chấp thuận trong năm. Được khen thưởng: các khen "
            "thưởng của năm (mọi cấp quyết định), không kể khen thưởng đã bị hủy.",
        ),
        sheets=[
            _overview_sheet(summary),
            _campaign_sheet(summary),
            _award_sheet(summary),
            _dossier_sheet(summary),
            _ranking_sheet(summary),
            _grant_sheet(summary),
            _missing_sheet(summary),
        ],
        signature=SIGNATURE,
        charts=tuple(chart.svg for chart in summary_charts(summary)),
    )


def _summary_of(scope: SummaryScope) -> AnnualSummary:
    return annual_summary(
        council=scope.council,
        year=scope.year,
        cluster=scope.cluster,
        unit=scope.unit,
        grant_limit=0,
    )


def authorize(user, params) -> dict:
    """The scope's parameters once ``summary_scope`` (the page's own check) lets the user
    read it; raises as it does (Http404, PermissionDenied, ValidationError)."""
    return summary_scope(user=user, params=params).params()


def _scope_of(params: dict) -> SummaryScope:
    """The scope of parameters ``authorize`` cleaned, without checking again."""
    from campaigns.models import Cluster
    from organizations.models import Council, Unit

    return SummaryScope(
        council=Council.objects.select_related("unit").get(pk=params["council"]),
        year=int(params["year"]),
        cluster=Cluster.objects.get(pk=params["cluster"]) if params.get("cluster") else None,
        unit=Unit.objects.get(pk=params["unit"]) if params.get("unit") else None,
    )


def _scope_name(scope: SummaryScope) -> str:
    if scope.unit is not None:
        return scope.unit.name
    if scope.cluster is not None:
        return scope.cluster.name
    return scope.council.unit.name


def title(params: dict) -> str:
    """ "Tổng kết năm 2020 – Thị xã Sơn Tây" in the user's language."""
    scope = _scope_of(params)
    return gettext("Annual summary %(year)s – %(scope)s") % {
        "year": scope.year,
        "scope": _scope_name(scope),
    }


def filename(params: dict, fmt: str) -> str:
    """ "tong-ket-2020-thi-xa-son-tay.xlsx" (ASCII)."""
    scope = _scope_of(params)
    return f"tong-ket-{scope.year}-{slugify(search_key(_scope_name(scope)))}.{fmt}"


def render(*, user, params: dict, fmt: str, out, progress) -> None:
    """Write the summary of the scope ``params`` name in ``fmt`` into ``out``
    (reports.writers.write_report)."""
    from reports.writers import write_report

    summary = _summary_of(_scope_of(params))
    write_report(summary_report(summary), fmt, out, progress)


SUMMARY_EXPORTER = register(
    Exporter(
        kind=KIND,
        label=_("Annual summary"),
        formats=TABULAR_FORMATS,
        authorize=authorize,
        title=title,
        filename=filename,
        render=render,
    )
)
