"""The official PDF of a plan, laid out per Decree 30/2020 (shared LAW.md §7) by WeasyPrint.

The HTML comes from ``templates/plans/pdf/plan.html`` and its style from ``static/css/decree30.css``
and ``static/css/plan-pdf.css``. Text is set in the Liberation Serif 2 files shipped in
``static/fonts`` (SIL OFL 1.1; a metric-compatible Times New Roman replacement that covers
Vietnamese), loaded by file URL: the result never depends on the fonts installed on the machine, and
nothing but those shipped files is ever fetched — no network access.
"""

import datetime
from dataclasses import dataclass

from common.decree30 import HEADER_CSS, date_text, header_context, month_text, place_date_line
from common.pdf import STATIC_DIR, render_pdf
from plans.layout import body_blocks
from plans.models import Plan

CSS_FILE = STATIC_DIR / "css" / "plan-pdf.css"
TEMPLATE = "plans/pdf/plan.html"
ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}
# A day or a number left blank on the document ("ngày      tháng 12 năm 2021").
BLANK = "\u00a0" * 6


@dataclass(frozen=True)
class ScheduleRow:
    """A row of the appendix table: a quarter row (``quarter`` set) or a task row."""

    quarter: str = ""
    number: int | None = None
    content: str = ""
    directing: str = ""
    executing: str = ""
    coordinating: str = ""
    time: str = ""


def render_plan_pdf(plan: Plan) -> bytes:
    """The plan as an A4 PDF (bytes, starting with ``%PDF``) in the Decree 30/2020 layout.

    Layout: the header (issuing bodies, number, national title, place and date), "KẾ HOẠCH"
    and the title, the preamble (legal bases and superior plans, when known), the body
    sections, then "Nơi nhận" beside the signature block; when the plan has schedule tasks, a
    landscape appendix ("PHỤ LỤC") with the schedule table grouped by quarter. Pages are
    numbered at the top from page 2. Values the plan does not have are left out or blank;
    nothing is invented (a day missing from the issue date stays blank).

    Reads the plan's sections, schedule tasks and superior-plan references (three queries).
    Raises ``FileNotFoundError`` if a shipped font or the stylesheet is missing, ``OSError`` if
    one cannot be loaded or the document asks for any other resource, and whatever WeasyPrint
    raises on a rendering failure.
    """
    return render_pdf(template=TEMPLATE, context=_context(plan), stylesheets=[HEADER_CSS, CSS_FILE])


def _context(plan: Plan) -> dict:
    tasks = list(plan.schedule_tasks.order_by("order"))
    return {
        "plan": plan,
        "parent_issuer": plan.parent_issuer.upper(),
        "issuer": plan.issuer.upper(),
        "number": plan.number or BLANK * 2,
        "place_date": place_date(plan),
        **header_context(),
        "preamble": _preamble(plan),
        "body": body_blocks(plan),
        "recipients": _recipients(plan.recipients),
        "signer_titles": [line.upper() for line in plan.signer_title.splitlines() if line.strip()],
        "schedule": _schedule(tasks),
        "appendix_title": f"Tiến độ thực hiện {_lower_first(plan.title) or 'kế hoạch'}",
        "appendix_reference": _appendix_reference(plan),
    }


def issue_date_text(plan: Plan) -> str:
    """ "ngày 03 tháng 01 năm 2020"; "ngày      tháng 12 năm 2021" when only the month is
    known; "" when neither is."""
    if plan.issue_date:
        return date_text(plan.issue_date)
    if plan.issue_month:
        year, month = plan.issue_month.split("-")
        return f"ngày {BLANK} tháng {month_text(int(month))} năm {year}"
    return ""


def place_date(plan: Plan) -> str:
    """The italic place-and-date line: "Sơn Tây, ngày 03 tháng 01 năm 2020"."""
    return place_date_line(plan.place, issue_date_text(plan))


def _dmy(date: datetime.date | None) -> str:
    return f"{date:%d/%m/%Y}" if date else ""


def _preamble(plan: Plan) -> list[str]:
    lines = list(plan.legal_bases)
    for ref in plan.implements.all():
        parts = [f"Thực hiện Kế hoạch số {ref.number}" if ref.number else "Thực hiện Kế hoạch"]
        if ref.date:
            parts.append(f"ngày {_dmy(ref.date)}")
        if ref.issuer:
            parts.append(f"của {ref.issuer}")
        lines.append(" ".join(parts))
    lines = [line.rstrip(" ;.,") for line in lines]
    return [f"{line}{'.' if i == len(lines) - 1 else ';'}" for i, line in enumerate(lines)]


def _recipients(recipients: list[str]) -> list[str]:
    """ "- …;" for each recipient, "- Lưu: ….“ for the last one (Decree 30)."""
    entries = [r.strip().rstrip(" ;.,") for r in recipients if r.strip()]
    return [f"- {r}{'.' if i == len(entries) - 1 else ';'}" for i, r in enumerate(entries)]


def _schedule(tasks) -> list[ScheduleRow]:
    rows: list[ScheduleRow] = []
    quarter = None
    for number, task in enumerate(tasks, start=1):
        if task.quarter and task.quarter != quarter:
            quarter = task.quarter
            rows.append(ScheduleRow(quarter=ROMAN_QUARTERS[quarter]))
        rows.append(
            ScheduleRow(
                number=number,
                content=task.content,
                directing=task.directing,
                executing=task.executing,
                coordinating=task.coordinating,
                time=task.due_text or _dmy(task.due_date),
            )
        )
    return rows


def _lower_first(title: str) -> str:
    """ "Công tác thi đua …" → "công tác thi đua …", for use mid-sentence; a title whose
    second word is capitalised too ("Hà Nội …") is kept as written."""
    words = title.split(maxsplit=2)
    if len(words) >= 2 and words[1][:1].islower():
        return title[:1].lower() + title[1:]
    return title


def _appendix_reference(plan: Plan) -> str:
    parts = ["Kèm theo Kế hoạch"]
    if plan.number:
        parts.append(f"số {plan.number}")
    if plan.issue_date:
        parts.append(f"ngày {_dmy(plan.issue_date)}")
    elif plan.issue_month:
        year, month = plan.issue_month.split("-")
        parts.append(f"tháng {month}/{year}")
    if plan.issuer or plan.parent_issuer:
        parts.append(f"của {plan.issuer or plan.parent_issuer}")
    return f"({' '.join(parts)})"
