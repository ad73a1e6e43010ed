"""The award history of a person or a unit as an Excel workbook or a PDF (awards/history.py).

Excel: one sheet per section (grants, ratings, initiatives, discipline), a bold header row in the
user's language, dates as real dates shown dd/mm/yyyy, and text that a spreadsheet would run as a
formula (starting with = + - @) neutralised with a leading apostrophe. PDF: rendered by
WeasyPrint in the shipped Liberation Serif files, loading nothing else (plans/pdf.py).
"""

import datetime
import io

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from awards.history import AwardHistory
from awards.models import AwardGrant, Initiative
from common.pdf import render_pdf

PDF_TEMPLATE = "awards/lookup_pdf.html"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD/MM/YYYY"


def neutralise(value):
    """``value`` with an apostrophe in front when it is text a spreadsheet could run as a
    formula; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _award_name(grant: AwardGrant | None) -> str:
    return str(grant.award) if grant else ""


def _used_for(initiative: Initiative) -> str:
    grant = initiative.used_for
    if grant is None:
        return ""
    decision = f" – {grant.decision.number}" if grant.decision else ""
    return f"{grant.award} ({grant.year}){decision}"


def _sections(history: AwardHistory) -> list[tuple[str, list[str], list[list]]]:
    grants = [
        [
            g.year,
            _award_name(g),
            g.decision.number if g.decision else "",
            g.decision.date if g.decision else None,
            g.decision.authority if g.decision else "",
            g.get_achievement_display(),
            _("Revoked") if g.revoked else "",
            g.revoked_on,
            g.revoked_reason,
        ]
        for g in history.grants
    ]
    ratings = [[r.year, r.get_rating_display()] for r in history.ratings]
    initiatives = [
        [i.year, i.title, i.get_level_display(), i.recognising_decision, _used_for(i)]
        for i in history.initiatives
    ]
    holds = [
        [h.get_kind_display(), h.get_level_display(), h.starts_on, h.ends_on, h.note]
        for h in history.holds
    ]
    return [
        (
            _("Awards"),
            [
                _("Year"), _("Title or form"), _("Decision number"), _("Decision date"),
                _("Conferring authority"), _("Achievement"), _("Status"), _("Revoked on"),
                _("Reason for revocation"),
            ],
            grants,
        ),
        (_("Ratings"), [_("Year"), _("Rating")], ratings),
        (
            _("Initiatives"),
            [_("Year"), _("Initiative"), _("Recognised at"), _("Recognising decision"),
             _("Used for")],
            initiatives,
        ),
        (
            _("Discipline"),
            [_("Kind"), pgettext("discipline", "Level"), _("From"), _("Until"), _("Note")],
            holds,
        ),
    ]  # fmt: skip


def history_xlsx(history: AwardHistory) -> bytes:
    """The history as an .xlsx workbook (bytes): sheets "Awards", "Ratings", "Initiatives",
    "Discipline" (translated), each with a bold header row; empty sections keep their header."""
    from openpyxl import Workbook  # heavy: loaded only when a workbook is written
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for title, header, rows in _sections(history):
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = bold
        for row in rows:
            sheet.append([neutralise(value) for value in row])
        for column in sheet.iter_cols(min_row=2):
            for cell in column:
                if isinstance(cell.value, datetime.date):
                    cell.number_format = DATE_FORMAT
        for column_cells in sheet.columns:
            width = max(len(str(cell.value or "")) for cell in column_cells)
            sheet.column_dimensions[column_cells[0].column_letter].width = min(width + 2, 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def history_pdf(history: AwardHistory, *, generated_on: datetime.date) -> bytes:
    """The history as an A4 PDF (bytes), by year, newest first, set in the shipped fonts.

    Raises ``OSError`` if a shipped font cannot be loaded or the document asks for any other
    resource, and whatever WeasyPrint raises on a rendering failure.
    """
    return render_pdf(
        template=PDF_TEMPLATE, context={"history": history, "generated_on": generated_on}
    )
