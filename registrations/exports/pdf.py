"""A ``layout.Document`` as an A4 landscape PDF in the Decree 30/2020 layout, by WeasyPrint.

The HTML comes from ``templates/common/pdf/table_document.html`` (shared with the reports'
PDF) and its style from ``static/css/decree30.css`` and ``report-pdf.css``;
``common.pdf.render_pdf`` sets it in the Liberation Serif files shipped in ``static/fonts`` and
loads nothing else (no network access). The tables have up to eight columns of names and
titles, so the page is landscape; the table header is repeated on every page and pages are
numbered from page 2.
"""

import datetime

from common.decree30 import HEADER_CSS, header_context
from common.pdf import STATIC_DIR, render_pdf
from registrations.exports.layout import Document

CSS_FILE = STATIC_DIR / "css" / "report-pdf.css"
TEMPLATE = "common/pdf/table_document.html"


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def document_pdf(document: Document) -> bytes:
    """The document as PDF bytes (starting with ``%PDF``).

    Raises ``FileNotFoundError`` if a shipped font or the stylesheet is missing, ``OSError`` if
    one cannot be loaded, and whatever WeasyPrint raises on a rendering failure.
    """
    tables = []
    for table in document.tables:
        total = sum(column.width for column in table.columns) or 1
        tables.append(
            {
                "heading": table.heading,
                # Column widths in percent of the table, from the Excel widths.
                "columns": [
                    {"header": c.header, "width": round(100 * c.width / total, 1), "align": c.align}
                    for c in table.columns
                ],
                "rows": [
                    {
                        "kind": row.kind,
                        "cells": [
                            {"text": _cell(value), "align": column.align}
                            for column, value in zip(table.columns, row.cells, strict=True)
                        ]
                        if row.kind != "section"
                        else [{"text": _cell(row.cells[0]), "align": "left"}],
                    }
                    for row in table.rows
                ],
            }
        )
    context = {"doc": document, "tables": tables, **header_context()}
    return render_pdf(template=TEMPLATE, context=context, stylesheets=[HEADER_CSS, CSS_FILE])
