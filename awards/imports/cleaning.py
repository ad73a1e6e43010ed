"""The award-history cells that only this import reads: a decision date, a kind of achievement,
a rating. Each function raises ``CellError`` with a message for the user when the cell cannot be
read; the common readers (text, year, gender…) are in ``common.imports.cells`` and
``common.imports.people``."""

import datetime
import re

from django.utils.translation import gettext as _

from awards.imports.layout import ACHIEVEMENTS, RATING_ABBREVIATIONS, RATINGS
from awards.models import AwardGrant
from common.imports.cells import CellError, required, shown, text
from common.imports.layout import header_key, word_lookup

_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ACHIEVEMENTS = {key.removeprefix("theo"): v for key, v in word_lookup(ACHIEVEMENTS).items()}
_RATINGS = {**word_lookup(RATINGS), **RATING_ABBREVIATIONS}


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
