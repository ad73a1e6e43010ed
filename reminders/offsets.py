"""When reminders go out, relative to a deadline.

An offset is written as a token: a sign, a number and a unit. "-7w" is 7 working days before the
due date, "-1d" one calendar day before, "0" the day itself, "+1d" one day after (overdue). A
token without a unit ("-3") counts in the deadline's own way (calendar or working days). A list
is written with commas: the default is ``settings.REMINDER_DEFAULT_OFFSETS``
("-7w, -3w, -1d, 0, +1d": 7 and 3 working days before, the day before, the day, the day after).

A reminder never falls on a day off: one counted in calendar days that lands on a weekend or a
public holiday moves to the working day before it (before or on the due date) or after it
(overdue), so an officer reads it at his desk (working days: common/working_days.py).
"""

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from common.working_days import working_days_after, working_days_before

_TOKEN = re.compile(r"^(?P<sign>[+-]?)(?P<days>\d{1,3})(?P<unit>[wd]?)$")
CALENDAR, WORKING = "calendar", "working"


@dataclass(frozen=True, order=True)
class Offset:
    """One reminder time: ``days`` (negative before the due date, positive after) counted in
    working days when ``working``."""

    days: int
    working: bool

    @property
    def token(self) -> str:
        """The canonical text: "-7w", "0", "+1d"."""
        if self.days == 0:
            return "0"
        return f"{self.days:+d}{'w' if self.working else 'd'}"

    @property
    def overdue(self) -> bool:
        """Whether it is after the due date."""
        return self.days > 0

    def send_on(self, due: datetime.date) -> datetime.date:
        """The day of this reminder for a deadline due on ``due``."""
        if self.working:
            if self.days <= 0:
                return working_days_before(due, -self.days)
            return working_days_after(due, self.days)
        day = due + datetime.timedelta(days=self.days)
        return working_days_after(day, 0) if self.overdue else working_days_before(day, 0)

    def describe(self) -> str:
        """In the active language: "7 working days before", "on the day", "1 day overdue"."""
        if self.days == 0:
            return _("on the due date")
        count = abs(self.days)
        if self.overdue:
            if self.working:
                return ngettext(
                    "%(count)d working day overdue", "%(count)d working days overdue", count
                ) % {"count": count}
            return ngettext("%(count)d day overdue", "%(count)d days overdue", count) % {
                "count": count
            }
        if self.working:
            return ngettext(
                "%(count)d working day before", "%(count)d working days before", count
            ) % {"count": count}
        return ngettext("%(count)d day before", "%(count)d days before", count) % {"count": count}


@lru_cache(maxsize=256)
def parse_offsets(text: str, *, counting: str = WORKING) -> tuple[Offset, ...]:
    """The offsets of ``text`` ("-7w, -3w, -1d, 0, +1d"), earliest first, without repeats.

    A token without a unit counts in ``counting`` ("calendar" or "working"). Raises
    ``ValidationError`` (code "invalid_offset") naming the first token it cannot read.
    """
    found: set[Offset] = set()
    for raw in re.split(r"[,;\s]+", text.strip()):
        if not raw:
            continue
        match = _TOKEN.match(raw.lower())
        if match is None:
            raise ValidationError(
                _("“%(token)s” is not a reminder time: write e.g. -7w, -1d, 0 or +1d.")
                % {"token": raw},
                code="invalid_offset",
            )
        days = int(match["days"]) * (-1 if match["sign"] == "-" else 1)
        unit = match["unit"] or ("w" if counting == WORKING else "d")
        found.add(Offset(days=days, working=unit == "w" and days != 0))
    return tuple(sorted(found, key=lambda o: (o.days, o.working)))


def validate_offsets(text: str) -> None:
    """Model and form validator: ``text`` is a list of offsets (an empty text is allowed)."""
    parse_offsets(text)
