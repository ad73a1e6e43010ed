"""Reading one row cell by cell: each cell's value, or a ``RowError`` naming the row, the
column and what is wrong, in the user's language.

The readers (``text``, ``required``, ``year``…) turn one cell into a value or raise
``CellError``; ``RowCells`` applies them to a row and collects one error per unreadable cell::

    cells = RowCells(row, errors=errors, headers=HEADERS)
    name = cells.get("full_name", lambda v: text(required(v)))
    birth_year = cells.get("birth_year", optional_year)
    if cells.failed:
        return None  # the row gives no line, only its errors
"""

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from common.imports.reading import SheetRow
from common.numbers import whole_number

FIRST_YEAR, LAST_YEAR = 1900, 2100


class CellError(Exception):
    """The cell cannot be read; ``str(error)`` says why."""


@dataclass(frozen=True)
class RowError:
    """A problem in one row (``row`` is the Excel row number of ``sheet``) and, when known, one
    column (its header without hint)."""

    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Row %(row)s, column %(column)s: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


class RowCells:
    """Reads the cells of ``row``, appending a ``RowError`` to ``errors`` per unreadable cell
    (the column named by ``headers``: key → header, ``layout.headers_of``); ``failed`` says
    whether any cell failed."""

    def __init__(self, row: SheetRow, *, errors: list[RowError], headers: Mapping[str, str]):
        self.row, self.errors, self.headers, self.failed = row, errors, headers, False

    def get(self, key: str, parse: Callable[[object], object]) -> object:
        """``parse`` of the cell ``key`` (None when it raises ``CellError``: the error is kept)."""
        try:
            return parse(self.row.values.get(key))
        except CellError as error:
            self.fail(key, str(error))
            return None

    def fail(self, key: str, message: str) -> None:
        """Record ``message`` against the cell ``key``."""
        self.failed = True
        self.errors.append(RowError(self.row.sheet, self.row.row, self.headers[key], message))


def shown(value: object) -> str:
    """The cell as the user typed it, for messages."""
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def text(value: object) -> str:
    """The cell as text ("" when empty); whole numbers lose their ".0"."""
    return "" if value is None else shown(value)


def required(value: object) -> object:
    """The cell's value; raises ``CellError`` when it is empty."""
    if value is None:
        raise CellError(_("This cell must not be empty"))
    return value


def year(value: object) -> int:
    """A year between 1900 and 2100, written as a number or as text."""
    number: int | None = None
    if isinstance(value, bool | datetime.date):
        number = None
    elif isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str):
        number = whole_number(value)
    if number is None or not FIRST_YEAR <= number <= LAST_YEAR:
        raise CellError(_("'%(value)s' is not a year") % {"value": shown(value)})
    return number


def optional_year(value: object) -> int | None:
    """A year, or None when the cell is empty."""
    return None if value is None else year(value)
