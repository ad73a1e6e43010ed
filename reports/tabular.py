"""A report as tables, independent of the file format, streamed row by row.

An exporter of a list or of the summary builds a ``Report``; ``reports/writers`` lays the same
``Report`` out as a multi-sheet Excel workbook (constant memory), a CSV file or an A4 PDF in
the Decree 30/2020 layout, so all three always say the same thing. Rows are iterables produced
lazily (``QuerySet.iterator()``), never lists of the whole table, so 100,000 rows fit in
constant memory.

The words of a report (titles, headers) are document text: Vietnamese, like the official forms.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    """A column: ``header``, ``width`` in Excel character units (the PDF uses the widths as
    proportions), ``align`` "left", "center" or "right". Cells are str, int, float, Decimal,
    ``datetime.date`` (written dd/mm/yyyy, a real date in Excel) or None."""

    header: str
    width: int = 16
    align: str = "left"


@dataclass
class Sheet:
    """A table, one worksheet of the workbook (``name``, at most 31 characters).

    ``rows`` returns a fresh iterable of row sequences, one value per column; it is called
    once per file written. ``count`` is the number of rows when known (for the progress bar and
    to refuse a PDF that would be too long). ``heading`` is printed above the table in the PDF
    and above the header row in the workbook ("" for none); ``total`` is an optional last row,
    written in bold.
    """

    name: str
    columns: tuple[Column, ...]
    rows: Callable[[], Iterable[Sequence]]
    count: int | None = None
    heading: str = ""
    total: Sequence | None = None


@dataclass
class Report:
    """A document in the Decree 30/2020 layout made of tables.

    ``parent_issuer`` and ``issuer``: the issuing bodies (capitals, parent may be ""),
    ``place_date``: "Sơn Tây, ngày 05 tháng 01 năm 2021", ``title`` and ``subtitle``,
    ``notes``: paragraphs before the tables, ``sheets``: the tables in order, ``signature``:
    the bold lines of the signature block (empty for a plain list), ``charts``: SVG documents
    (str) placed after the notes in the PDF only.
    """

    title: str
    sheets: list[Sheet]
    subtitle: str = ""
    parent_issuer: str = ""
    issuer: str = ""
    place_date: str = ""
    notes: tuple[str, ...] = ()
    signature: tuple[str, ...] = ()
    charts: tuple[str, ...] = field(default_factory=tuple)

    @property
    def row_count(self) -> int | None:
        """Rows in all sheets, None when a sheet's count is not known."""
        counts = [sheet.count for sheet in self.sheets]
        return None if any(c is None for c in counts) else sum(counts)
