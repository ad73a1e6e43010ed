"""A statutory statistical form as data, independent of the file format.

A ``StatForm`` is what one form of Circular 02/2023/TT-BNV says for one council and one year:
the title block (form number, reporting and receiving unit, period), a column header of
several levels with its numbered row (A, B, C, 1, 2, …), and numbered rows whose cells are

- a count taken from the data (``int``),
- a ``Sum`` of other cells of the form (written as a number when every part is known, as an
  Excel formula when a part must be entered by hand, so the total follows what is typed),
- a ``Manual`` cell that a person must fill in, with why the system cannot, or
- ``None``: a cell the form leaves empty.

reports/statutory/xlsx.py lays a ``StatForm`` out as a workbook. The words are document words:
Vietnamese, as in the official forms.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field

LABEL, CODE, UNIT = "label", "code", "unit"  # the text columns A, B and C of every form


@dataclass(frozen=True)
class Manual:
    """A cell to fill in by hand: ``why`` the system cannot fill it, an optional ``hint``
    (what the system knows that helps), an optional ``what`` (what to enter; by default the
    row and the column of the cell) and an optional ``value`` already written in the cell (a
    partial count the person completes)."""

    why: str
    hint: str = ""
    what: str = ""
    value: int | None = None


@dataclass(frozen=True)
class Sum:
    """The sum of other cells of the form, each ``(row key, column key)``."""

    refs: tuple[tuple[str, str], ...]


CellValue = int | Manual | Sum | None


@dataclass(frozen=True)
class FormColumn:
    """A column of the table.

    ``path``: its header texts from the top header row down; ``None`` continues the cell above
    (a header that spans several rows), and consecutive columns with the same texts at the top
    share one merged cell. ``number``: its label in the numbered row ("A", "B", "1", "2"…;
    consecutive columns with the same number share one cell). ``name``: what the column counts,
    for the list of cells to fill in ("Huân chương Lao động hạng Ba – Tập thể").
    """

    key: str
    path: tuple[str | None, ...]
    number: str
    width: int = 11
    name: str = ""


@dataclass(frozen=True)
class FormRow:
    """A row of the table: ``label`` (column A), ``code`` (Mã số, column B), ``unit`` (Đơn vị
    tính, column C when the form has one), ``kind`` "line", "total" (bold) or "section" (a
    bold heading row without values), and its cells by column key."""

    key: str
    label: str
    code: str = ""
    unit: str = ""
    kind: str = "line"
    cells: dict[str, CellValue] = field(default_factory=dict)


@dataclass(frozen=True)
class ManualCell:
    """A cell of the form to fill in by hand: its row and column (None for a cell of the title
    block) and what the person is told."""

    row: FormRow | None
    column: FormColumn | None
    manual: Manual
    what: str


@dataclass
class StatForm:
    """One statutory form for one council and one year.

    ``code``: "0601"; ``number``: the form's number as printed ("0601.N/BNV-TĐKT");
    ``title``: its title in capitals; ``reporting_unit`` and ``receiving_unit`` (a ``Manual``
    when the system does not know it); ``period``: "Năm 2020"; ``receipt_day``: the day the
    receiving unit expects it ("" when the form does not say); ``measure``: the unit of
    measure line above the table ("" when the table has a unit column); ``columns``: every
    column, the text columns A, B (and C) first; ``rows``; ``notes``: paragraphs under the
    table saying where the figures come from; ``place``: the place of the signature date.
    """

    code: str
    number: str
    title: str
    reporting_unit: str
    receiving_unit: str | Manual
    period: str
    columns: list[FormColumn]
    rows: list[FormRow]
    receipt_day: str = ""
    measure: str = ""
    notes: tuple[str, ...] = ()
    place: str = ""

    @property
    def value_columns(self) -> list[FormColumn]:
        """The columns that hold figures (not A, B, C)."""
        return [c for c in self.columns if c.key not in (LABEL, CODE, UNIT)]

    @property
    def header_depth(self) -> int:
        """How many header rows the table has (above the numbered row)."""
        return max(len(column.path) for column in self.columns)

    def row(self, key: str) -> FormRow:
        """The row with ``key``; raises ``KeyError``."""
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)

    def manual_cells(self) -> list[ManualCell]:
        """Every cell to fill in by hand, the title block first, then row by row."""
        found = []
        if isinstance(self.receiving_unit, Manual):
            manual = self.receiving_unit
            found.append(ManualCell(None, None, manual, manual.what or "Đơn vị nhận báo cáo"))
        for row in self.rows:
            for column in self.value_columns:
                value = row.cells.get(column.key)
                if isinstance(value, Manual):
                    found.append(ManualCell(row, column, value, value.what or _what(row, column)))
        return found

    @property
    def manual_count(self) -> int:
        """How many cells must be filled in by hand."""
        return len(self.manual_cells())

    def value(self, row_key: str, column_key: str) -> int | None:
        """The number a cell holds when the system knows it (a count, a sum of known cells, 0
        for an empty cell); None when it depends on a cell filled in by hand."""
        cell = self.row(row_key).cells.get(column_key)
        if cell is None:
            return 0
        if isinstance(cell, Manual):
            return None
        if isinstance(cell, Sum):
            parts = [self.value(r, c) for r, c in cell.refs]
            return None if any(p is None for p in parts) else sum(parts)
        return cell


def _what(row: FormRow, column: FormColumn) -> str:
    """ "Hàng 06 «Tập thể», cột 2 «Huân chương – Tập thể»"."""
    label = row.label.lstrip("-+ ").strip()
    name = column.name or " – ".join(p for p in column.path if p)
    where = f"Hàng {row.code} «{label}»" if row.code else f"Hàng «{label}»"
    return f"{where}, cột {column.number} «{name}»"


@dataclass(frozen=True)
class HeaderCell:
    """A cell of the table header: its text, first row and column (0-based, within the header
    and the table) and how many rows and columns it spans."""

    text: str
    row: int
    column: int
    rows: int = 1
    columns: int = 1


def header_cells(columns: list[FormColumn]) -> Iterator[HeaderCell]:
    """The merged cells of a header whose columns have ``path``s (see ``FormColumn``).

    At each level, consecutive columns whose paths agree down to that level form one cell; the
    cell goes down over the levels where all of them have ``None``. A path shorter than the
    header's depth is padded with ``None``.
    """
    depth = max(len(c.path) for c in columns)
    paths = [tuple(c.path) + (None,) * (depth - len(c.path)) for c in columns]
    for level in range(depth):
        start = 0
        while start < len(paths):
            text = paths[start][level]
            end = start + 1
            if text is not None:
                while end < len(paths) and paths[end][: level + 1] == paths[start][: level + 1]:
                    end += 1
            if text is None:
                start = end
                continue
            below = level + 1
            while below < depth and all(paths[i][below] is None for i in range(start, end)):
                below += 1
            yield HeaderCell(text, level, start, below - level, end - start)
            start = end


def number_cells(columns: list[FormColumn]) -> Iterator[tuple[str, int, int]]:
    """The numbered row: (label, first column, how many columns), consecutive columns with the
    same number sharing one cell."""
    start = 0
    while start < len(columns):
        end = start + 1
        while end < len(columns) and columns[end].number == columns[start].number:
            end += 1
        yield columns[start].number, start, end - start
        start = end
