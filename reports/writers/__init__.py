"""Writing a ``reports.tabular.Report`` as a file: Excel (.xlsx, constant memory, several
sheets), CSV (UTF-8 with BOM, formula text neutralised) or PDF (Decree 30/2020 layout, at most
``PDF_ROW_LIMIT`` rows).

An exporter's ``render`` builds its ``Report`` and calls ``write_report(report, fmt, out,
progress)``. Importing this package loads neither XlsxWriter nor WeasyPrint.
"""

from reports.registry import CSV, PDF, XLSX, Progress
from reports.tabular import Report
from reports.writers.pdf import PDF_ROW_LIMIT

__all__ = ["PDF_ROW_LIMIT", "write_report"]


def write_report(report: Report, fmt: str, out, progress: Progress | None = None) -> None:
    """Write ``report`` in ``fmt`` ("xlsx", "csv" or "pdf") into ``out``, a binary file open for
    writing (left open), calling ``progress(done, total)`` every hundred rows or so and once at
    the end with ``(rows, rows)``; ``total`` is ``report.row_count`` (None when unknown).

    Raises ``ValueError`` for another format, ``reports.registry.ReportTooLarge`` (a
    Vietnamese message) for a PDF of more than ``PDF_ROW_LIMIT`` rows, and whatever the rows'
    producers or WeasyPrint raise.
    """
    if fmt == XLSX:
        from reports.writers.xlsx import write_xlsx as write
    elif fmt == CSV:
        from reports.writers.csv import write_csv as write
    elif fmt == PDF:
        from reports.writers.pdf import write_pdf as write
    else:
        raise ValueError(f"Unknown report format: {fmt!r}")
    write(report, out, progress)
