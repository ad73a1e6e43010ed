"""Turning one cell into a value: a year, a date, a word from a list. Each function raises
``CellError`` with a message for the user when the cell cannot be read."""

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from awards.imports.layout import (
    ACHIEVEMENTS,
    GENDERS,
    RATING_ABBREVIATIONS,
    RATINGS,
    header_key,
    word_lookup,
)
from awards.models import AwardGrant

FIRST_YEAR, LAST_YEAR = 1900, 2100
_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_GENDERS = word_lookup(GENDERS)
_ACHIEVEMENTS = {key.removeprefix("theo"): v for key, v in word_lookup(ACHIEVEMENTS).items()}
_RATINGS = {**word_lookup(RATINGS), **RATING_ABBREVIATIONS}


class CellError(Exception):
    """The cell cannot be read; ``str(error)`` says why."""


@dataclass(frozen=True)
class RowError:
    """A problem in one row (``row`` is the Excel row number) and, when known, one column."""

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
    elif (isinstance(value, float) and value.is_integer()) or (
        isinstance(value, str) and value.isdigit()
    ):
        number = int(value)
    if number is None or not FIRST_YEAR <= number <= LAST_YEAR:
        raise CellError(_("'%(value)s' is not a year") % {"value": shown(value)})
    return number


def optional_year(value: object) -> int | None:
    return None if value is None else year(value)


def day(value: object) -> datetime.date:
    """A date: an Excel date, or text written day/month/year (also with "-" or ".")."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    match = _DATE.match(str(value).strip())
    if match:
        dd, mm, yyyy = (int(part) for part in match.groups())
        try:
            return datetime.date(yyyy, mm, dd)
        except ValueError:
            pass
    raise CellError(_("The decision date must be written as day/month/year"))


def gender(value: object) -> str:
    if value is None:
        return ""
    try:
        return _GENDERS[header_key(text(value))]
    except KeyError:
        raise CellError(_("Write Nam or Nữ, not '%(value)s'") % {"value": shown(value)}) from None


def achievement(value: object) -> str:
    """The kind of achievement; an empty cell means merit (theo công trạng)."""
    if value is None:
        return AwardGrant.Achievement.MERIT
    try:
        return _ACHIEVEMENTS[header_key(text(value)).removeprefix("theo")]
    except KeyError:
        raise CellError(
            _("'%(value)s' is not a kind of achievement: write one of %(choices)s")
            % {"value": shown(value), "choices": ", ".join(ACHIEVEMENTS)}
        ) from None


def rating(value: object) -> str:
    try:
        return _RATINGS[header_key(text(required(value)))]
    except KeyError:
        raise CellError(
            _("'%(value)s' is not a rating: write one of %(choices)s")
            % {"value": shown(value), "choices": ", ".join(RATINGS)}
        ) from None
