"""``parse_plan_text``: turn the text of a plan into a :class:`ParsedPlan`.

The function never raises: each part is parsed on its own, and a part that fails on
unexpected input is left empty with a warning ("Lỗi nội bộ …") instead of losing the
whole document. What cannot be found is None or [] and gets a Vietnamese warning.
"""

import logging
from collections.abc import Callable
from typing import TypeVar

from plans.parsing.campaigns import find_campaigns
from plans.parsing.clusters import find_clusters
from plans.parsing.deadlines import schedule_deadlines, text_deadlines
from plans.parsing.issuer import HeaderInfo, parse_header
from plans.parsing.layout import Layout, find_layout, paragraphs
from plans.parsing.model import ParsedPlan, Signer
from plans.parsing.references import implemented_plans, legal_bases
from plans.parsing.schedule import parse_schedule
from plans.parsing.sections import build_sections
from plans.parsing.signature import parse_recipients, parse_signer
from plans.parsing.text import normalise_text
from plans.parsing.title import plan_year

logger = logging.getLogger(__name__)
T = TypeVar("T")

INTERNAL_ERROR = "Lỗi nội bộ khi phân tích phần “{part}”; phần này đã được bỏ qua."


def _step(plan: ParsedPlan, part: str, default: T, func: Callable[..., T], *args) -> T:
    try:
        return func(*args)
    except Exception:
        logger.exception("Plan parser failed on part %s", part)
        plan.warnings.append(INTERNAL_ERROR.format(part=part))
        return default


def _header_warnings(plan: ParsedPlan, header: HeaderInfo) -> None:
    if plan.number is None:
        plan.warnings.append(
            "Số văn bản để trống."
            if header.number_blank
            else "Không tìm thấy số văn bản (“Số: …”)."
        )
    if plan.issue_date is None and plan.issue_month:
        plan.warnings.append(f"Ngày ban hành để trống; chỉ xác định được tháng {plan.issue_month}.")
    elif plan.issue_date is None:
        plan.warnings.append("Không tìm thấy dòng địa danh, ngày ban hành.")
    if header.issuer_source == "appendix":
        plan.warnings.append("Đầu văn bản thiếu tên cơ quan ban hành; đã lấy ở phần phụ lục.")
    elif header.issuer_source == "body":
        plan.warnings.append(
            f"Không có tên cơ quan ban hành ở đầu văn bản; đã suy ra từ nội dung: {plan.issuer}."
        )
    elif plan.issuer is None:
        plan.warnings.append("Không xác định được cơ quan ban hành.")


def _apply_header(plan: ParsedPlan, header: HeaderInfo) -> None:
    plan.number, plan.place = header.number, header.place
    plan.issue_date, plan.issue_month = header.issue_date, header.issue_month
    plan.issuer, plan.parent_issuer = header.issuer, header.parent
    plan.year = plan_year(plan.title, header.issue_year)
    _header_warnings(plan, header)


def _footer(lines: list[str], layout: Layout) -> tuple[list[str], Signer | None]:
    limit = layout.appendix if layout.appendix is not None else len(lines)
    if layout.recipients is not None:
        items, end, extra = parse_recipients(lines, layout.recipients, limit)
        return items, parse_signer(extra + lines[end:limit])
    if layout.signature is not None:
        return [], parse_signer(lines[layout.signature : limit])
    return [], None


def _parse(plan: ParsedPlan, lines: list[str], layout: Layout) -> None:
    preamble = paragraphs(lines, layout.preamble_start, layout.preamble_end)
    body = paragraphs(lines, layout.preamble_end, layout.body_end)
    everything = paragraphs(lines, layout.preamble_start, len(lines))
    appendix = paragraphs(lines, layout.appendix, len(lines)) if layout.appendix else []
    plan.title = layout.title
    header = _step(plan, "đầu văn bản", None, parse_header, lines, layout, preamble + body)
    if header is not None:
        _apply_header(plan, header)
    plan.legal_bases = _step(plan, "căn cứ", [], legal_bases, preamble)
    plan.implements = _step(plan, "thực hiện kế hoạch", [], implemented_plans, preamble)
    plan.sections = _step(plan, "nội dung", [], build_sections, body)
    plan.campaigns = _step(plan, "phong trào", [], find_campaigns, everything)
    plan.clusters = _step(
        plan, "cụm thi đua", [], find_clusters, everything, plan.issuer, plan.parent_issuer
    )
    plan.schedule = _step(
        plan, "tiến độ", [], parse_schedule, lines, layout.preamble_start, plan.year
    )
    deadlines = _step(plan, "thời hạn", [], text_deadlines, preamble + body + appendix, plan.year)
    plan.deadlines = deadlines + schedule_deadlines(plan.schedule)
    plan.recipients, plan.signer = _step(plan, "nơi nhận", ([], None), _footer, lines, layout)


def _content_warnings(plan: ParsedPlan) -> None:
    if plan.title is None:
        plan.warnings.append("Không tìm thấy tiêu đề kế hoạch (dòng “KẾ HOẠCH”).")
    if plan.year is None:
        plan.warnings.append("Không xác định được năm của kế hoạch.")
    if not plan.sections:
        plan.warnings.append("Không tìm thấy mục nào trong nội dung kế hoạch.")
    if not plan.recipients:
        plan.warnings.append("Không tìm thấy phần “Nơi nhận”.")
    if plan.signer is None or plan.signer.name is None:
        plan.warnings.append("Không tìm thấy người ký.")


def parse_plan_text(text: str) -> ParsedPlan:
    """Parse the text of a plan. Never raises; see :class:`ParsedPlan` for the fields."""
    plan = ParsedPlan()
    lines = normalise_text(text if isinstance(text, str) else "").split("\n")
    layout = _step(plan, "bố cục", None, find_layout, lines)
    if layout is not None:
        _parse(plan, lines, layout)
    _content_warnings(plan)
    return plan
