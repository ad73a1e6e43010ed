"""Schedule tables: rows of tab- or pipe-separated cells
(TT | content | directing | executing | coordinating | time).

Rules:
* a header row has a "TT"/"STT"/"TR" cell or at least two known column titles, one of
  them "Nội dung"/"Nhiệm vụ"/"Công việc". Columns are mapped by title: "Chỉ đạo" →
  directing, "Phối hợp" → coordinating, "Thời gian"/"Thời hạn"/"Tiến độ" → time,
  "Chủ trì"/"Thực hiện"/"Đơn vị"/"Cơ quan" → executing. A header repeated on a new page
  continues the same table (the current quarter is kept);
* a quarter row ("Quý I", "II | Quý II", OCR "Quy IV", "Quý I/2024"), as a row or a
  bare line inside a table, sets the quarter of the rows below it; a month group row
  ("Tháng 3" alone) is not a task;
* without a header, a table starts at a quarter row, columns then being positional:
  6+ cells TT|content|directing|executing|coordinating|time, 5 drop directing, 4 drop
  coordinating too, 3 are TT|content|time;
* a table ends at a line of text that is neither a row nor a quarter line nor a page
  number; blank lines do not end it;
* ``due_text`` is the time cell as written; ``due_date`` is its first date (see
  :func:`plans.parsing.dates.first_date`), else the end of the row's quarter.
"""

import re

from plans.parsing.dates import first_date, quarter_end, quarter_number
from plans.parsing.layout import is_separator_row, split_cells
from plans.parsing.model import ScheduleRow
from plans.parsing.text import clean, fold, is_blank, squash

INDEX, CONTENT, DIRECTING, EXECUTING, COORDINATING, TIME = (
    "index", "content", "directing", "executing", "coordinating", "time",
)  # fmt: skip
_INDEX_TITLES = frozenset({"tt", "stt", "tr", "so tt", "s tt"})
_TITLES = (
    (CONTENT, re.compile(r"noi dung|nhiem vu|cong viec")),
    (DIRECTING, re.compile(r"chi dao")),
    (COORDINATING, re.compile(r"phoi hop")),
    (TIME, re.compile(r"thoi gian|thoi han|tien do|han hoan thanh")),
    (EXECUTING, re.compile(r"chu tri|thuc hien|don vi|co quan")),
)
_QUARTER = re.compile(
    r"^(?:[ivx]+\.?\s+)?quy\s+(iv|i{1,3}|[1-4])\b(?:\s*(?:/|-|nam)\s*\d{4})?\s*:?$"
)
_INDEX_CELL = re.compile(r"^(?:\d{1,3}|[ivx]{1,5})\.?$")
_MONTH_GROUP = re.compile(r"^thang\s+\d{1,2}(?:\s*(?:/|nam)\s*\d{4})?\s*:?$")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_POSITIONAL = {
    3: (INDEX, CONTENT, TIME),
    4: (INDEX, CONTENT, EXECUTING, TIME),
    5: (INDEX, CONTENT, EXECUTING, COORDINATING, TIME),
    6: (INDEX, CONTENT, DIRECTING, EXECUTING, COORDINATING, TIME),
}


def _title_of(cell: str) -> str | None:
    folded = squash(fold(cell))
    if folded in _INDEX_TITLES:
        return INDEX
    return next((name for name, pattern in _TITLES if pattern.search(folded)), None)


def header_columns(cells: list[str]) -> dict[int, str] | None:
    """Column index → field for a header row, or None when ``cells`` is not one."""
    columns: dict[int, str] = {}
    for index, cell in enumerate(cells):
        title = _title_of(cell)
        if title and title not in columns.values():
            columns[index] = title
    named = [title for title in columns.values() if title != INDEX]
    if CONTENT in named and (INDEX in columns.values() or len(named) >= 2):
        return columns
    return None


def positional_columns(count: int) -> dict[int, str]:
    """Default column mapping for a table without a header row."""
    names = _POSITIONAL[min(max(count, 3), 6)]
    return dict(enumerate(names))


def quarter_of(cells: list[str]) -> int | None:
    """Quarter number of a quarter row or line ("IV | Quy IV" → 4), else None."""
    filled = [squash(fold(cell)) for cell in cells if cell.strip()]
    if not 1 <= len(filled) <= 2:
        return None
    quarter = None
    for text in filled:
        match = _QUARTER.match(text)
        if match:
            quarter = quarter_number(match.group(1))
        elif not _INDEX_CELL.match(text):
            return None
    return quarter


def _row(cells: list[str], columns: dict[int, str], quarter: int | None, year: int | None):
    values = {name: clean(cells[i]) if i < len(cells) else None for i, name in columns.items()}
    content = values.get(CONTENT)
    filled = [cell for cell in cells if cell.strip()]
    if not content or (len(filled) == 1 and _MONTH_GROUP.match(squash(fold(content)))):
        return None
    due_text = values.get(TIME)
    due = first_date(fold(due_text), year) if due_text else None
    if due is None:
        due = quarter_end(year, quarter)
    return ScheduleRow(
        quarter, content, values.get(DIRECTING), values.get(EXECUTING),
        values.get(COORDINATING), due, due_text,
    )  # fmt: skip


def parse_schedule(lines: list[str], start: int, year: int | None) -> list[ScheduleRow]:
    """Task rows of every schedule table in ``lines[start:]`` (see module doc)."""
    rows: list[ScheduleRow] = []
    columns: dict[int, str] | None = None
    quarter: int | None = None
    for line in lines[max(start, 0) :]:
        if is_blank(line) or _PAGE_NUMBER.match(line):
            continue
        cells = split_cells(line)
        if cells is None:
            found = quarter_of([line]) if columns is not None else None
            if found is None:
                columns, quarter = None, None
            quarter = found if found is not None else quarter
            continue
        if is_separator_row(cells):
            continue
        header = header_columns(cells)
        found = quarter_of(cells)
        if header is not None:
            columns = header
        elif found is not None:
            quarter = found
            columns = columns or positional_columns(len(cells))
        elif columns is not None and (row := _row(cells, columns, quarter, year)):
            rows.append(row)
    return rows
