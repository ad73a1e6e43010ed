"""A statutory form as an A4 landscape PDF, to print, complete by hand and sign.

The same ``StatForm`` as the workbook (reports/statutory/xlsx.py): the cells to fill in are
light yellow and numbered, the numbers referring to the list printed after the table; a total
that depends on such a cell is left blank (the workbook computes it, paper cannot).
"""

from typing import BinaryIO

from common.pdf import render_pdf
from reports.statutory.layout import (
    CODE,
    LABEL,
    UNIT,
    Manual,
    StatForm,
    Sum,
    header_cells,
    number_cells,
)
from reports.statutory.xlsx import CIRCULAR

TEMPLATE = "reports/statutory/form_pdf.html"


def number_text(value: int) -> str:
    """1234567 → "1.234.567" (Vietnamese thousands separator)."""
    return f"{value:,}".replace(",", ".")


def _header_rows(form: StatForm) -> list[list[dict]]:
    rows: list[list[dict]] = [[] for _ in range(form.header_depth)]
    for cell in header_cells(form.columns):
        rows[cell.row].append(
            {"text": cell.text, "rows": cell.rows, "columns": cell.columns, "at": cell.column}
        )
    return [sorted(row, key=lambda cell: cell["at"]) for row in rows]


def form_context(form: StatForm) -> dict:
    """What the PDF template shows: the title block, the header rows (cells with their row and
    column spans), the numbered row, the table rows (cells with text, alignment and the number
    of their entry in the list of cells to fill in) and that list."""
    marks = {}
    listed = []
    for index, item in enumerate(form.manual_cells(), start=1):
        key = None if item.row is None else (item.row.key, item.column.key)
        marks[key] = index
        listed.append({"number": index, "what": item.what, "manual": item.manual})
    rows = []
    for row in form.rows:
        cells = []
        for column in form.columns:
            if column.key == LABEL:
                cells.append({"text": row.label, "align": "left"})
                continue
            if column.key in (CODE, UNIT):
                text = row.code if column.key == CODE else row.unit
                cells.append({"text": text, "align": "center"})
                continue
            value = row.cells.get(column.key)
            cell = {"text": "", "align": "center"}
            if isinstance(value, Manual):
                cell["mark"] = marks[(row.key, column.key)]
                if value.value is not None:
                    cell["text"] = number_text(value.value)
            elif isinstance(value, Sum):
                known = form.value(row.key, column.key)
                cell["text"] = "" if known is None else number_text(known)
            elif value is not None:
                cell["text"] = number_text(value)
            cells.append(cell)
        rows.append({"kind": row.kind, "cells": cells})
    return {
        "form": form,
        "circular": CIRCULAR,
        "receiving_mark": marks.get(None),
        "receiving": "" if isinstance(form.receiving_unit, Manual) else form.receiving_unit,
        "header_rows": _header_rows(form),
        "numbers": [{"text": t, "columns": n} for t, _, n in number_cells(form.columns)],
        "rows": rows,
        "manual": listed,
        "small": len(form.columns) > 10,
    }


def write_form_pdf(form: StatForm, out: BinaryIO) -> None:
    """Write ``form`` as a PDF into ``out`` (a binary file open for writing)."""
    out.write(render_pdf(template=TEMPLATE, context=form_context(form)))
