"""A ``Report`` as CSV: UTF-8 with a byte order mark, so Excel opens Vietnamese correctly.

One sheet: its header row, its rows and its total row. Several sheets: one section each,
starting with a row holding the sheet's name, a blank line between sections. Dates are written
dd/mm/yyyy; every text cell is cleaned of control characters and neutralised against formulas
(reports/writers/cells.py), since a spreadsheet opening the file would run ``=…`` as one.
"""

import csv
import io

from reports.tabular import Report
from reports.writers.cells import Counter, plain_text


def write_csv(report: Report, out, progress=None) -> None:
    """Write ``report`` as CSV into ``out`` (a binary file open for writing; left open),
    calling ``progress(done, total)`` as rows are written."""
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="", write_through=False)
    counter = Counter(progress, report.row_count)
    try:
        writer = csv.writer(text)
        sections = len(report.sheets) > 1
        for index, sheet in enumerate(report.sheets):
            if sections:
                if index:
                    writer.writerow([])
                writer.writerow([plain_text(sheet.name)])
            writer.writerow([plain_text(column.header) for column in sheet.columns])
            width = len(sheet.columns)
            writerow = writer.writerow
            for values in sheet.rows():
                if len(values) != width:
                    values = list(values)[:width]
                writerow(map(plain_text, values))
                counter.add()
            if sheet.total is not None:
                writer.writerow([plain_text(value) for value in list(sheet.total)[:width]])
        text.flush()
    finally:
        text.detach()  # leave ``out`` open for the caller
    counter.finish()
