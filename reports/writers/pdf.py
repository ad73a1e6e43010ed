"""A ``Report`` as an A4 landscape PDF in the Decree 30/2020 layout, by WeasyPrint.

The HTML comes from ``templates/common/pdf/table_document.html`` (the shared header
``templates/common/pdf/_decree30_header.html``), its style from ``static/css/decree30.css`` and
``static/css/report-pdf.css``; ``common.pdf.render_pdf`` sets it in the shipped Liberation Serif
and loads nothing else. Tables repeat their header row on every page, pages are numbered from
page 2, the charts (SVG, drawn inline) come after the notes.

A PDF is for reading and printing: a report of more than ``PDF_ROW_LIMIT`` rows is refused with
``ReportTooLarge`` (WeasyPrint lays the whole document out in memory) and the user is told to
ask for Excel or CSV, or to narrow the filters.
"""

import re

from common.decree30 import HEADER_CSS, header_context
from common.pdf import STATIC_DIR, render_pdf
from reports.registry import ReportTooLarge
from reports.tabular import Report
from reports.writers.cells import Counter, plain_text

PDF_ROW_LIMIT = 3000
CSS_FILE = STATIC_DIR / "css" / "report-pdf.css"
TEMPLATE = "common/pdf/table_document.html"
# What an SVG drawn inside the HTML must not carry: its XML prologue, and scripts (pygal links
# its tooltip script from the web, which the PDF must never fetch).
_SVG_PROLOGUE = re.compile(r"^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.IGNORECASE)
_SVG_SCRIPTS = re.compile(r"<script\b[^>]*?(/>|>.*?</script\s*>)", re.IGNORECASE | re.DOTALL)


def thousands(number: int) -> str:
    """ "12.345": a count written the Vietnamese way."""
    return f"{number:,}".replace(",", ".")


def too_large(rows: int | None, *, more: bool = False) -> ReportTooLarge:
    """The error for a report of ``rows`` rows (``more``: at least that many)."""
    count = ("hơn " if more else "") + thousands(rows)
    return ReportTooLarge(
        f"Báo cáo có {count} dòng, vượt quá giới hạn {thousands(PDF_ROW_LIMIT)} dòng của tệp "
        "PDF. Vui lòng xuất Excel hoặc CSV, hoặc thu hẹp bộ lọc để báo cáo còn không quá "
        f"{thousands(PDF_ROW_LIMIT)} dòng."
    )


def inline_svg(svg: str) -> str:
    """An SVG document ready to be placed in the HTML: no XML prologue, no scripts."""
    return _SVG_SCRIPTS.sub("", _SVG_PROLOGUE.sub("", svg, count=1))


def _cells(columns, values) -> list[dict]:
    values = list(values)
    return [
        {
            "text": plain_text(values[index] if index < len(values) else None),
            "align": column.align,
        }
        for index, column in enumerate(columns)
    ]


def write_pdf(report: Report, out, progress=None) -> None:
    """Write ``report`` as PDF into ``out`` (a binary file open for writing).

    Raises ``ReportTooLarge`` (before anything is written) for more than ``PDF_ROW_LIMIT``
    rows, ``FileNotFoundError``/``OSError`` when a shipped font or stylesheet is missing, and
    whatever WeasyPrint raises on a rendering failure.
    """
    known = report.row_count
    if known is not None and known > PDF_ROW_LIMIT:
        raise too_large(known)
    counter = Counter(progress, known)
    tables = []
    for sheet in report.sheets:
        total_width = sum(column.width for column in sheet.columns) or 1
        rows = []
        for values in sheet.rows():
            if counter.done >= PDF_ROW_LIMIT:
                raise too_large(PDF_ROW_LIMIT, more=True)
            rows.append({"kind": "", "cells": _cells(sheet.columns, values)})
            counter.add()
        tables.append(
            {
                "heading": sheet.heading,
                "columns": [
                    {
                        "header": column.header,
                        "width": round(100 * column.width / total_width, 1),
                        "align": column.align,
                    }
                    for column in sheet.columns
                ],
                "rows": rows,
                "total": _cells(sheet.columns, sheet.total) if sheet.total is not None else None,
            }
        )
    context = {
        "doc": report,
        "tables": tables,
        "charts": [inline_svg(chart) for chart in report.charts],
        **header_context(),
    }
    out.write(render_pdf(template=TEMPLATE, context=context, stylesheets=[HEADER_CSS, CSS_FILE]))
    counter.finish()
