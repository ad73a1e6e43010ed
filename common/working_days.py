"""Working days (ngày làm việc): Monday to Friday, Vietnamese public holidays excluded.

Public holidays, their observed days and the Lunar New Year break come from the ``holidays``
package (country ``VN``, Labour Code 2019 Art. 112). Plans count deadlines this way, e.g.
phu-lam-2022: "gửi hồ sơ … trước khi nhận kết quả khen thưởng 05 ngày làm việc".
"""

import datetime
from functools import lru_cache

import holidays

SATURDAY = 5


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("VN", years=year))


def is_working_day(day: datetime.date) -> bool:
    """Whether ``day`` is a weekday that is not a Vietnamese public holiday."""
    return day.weekday() < SATURDAY and day not in _public_holidays(day.year)


def working_days_before(day: datetime.date, count: int) -> datetime.date:
    """The working day ``count`` working days before ``day`` (``count`` ≥ 0).

    ``working_days_before(ceremony, 5)`` is the last day a dossier may arrive when units must
    send it 5 working days before the ceremony; with ``count`` 0 it is ``day`` itself when that
    is a working day, else the working day before it. Raises ValueError for a negative count.
    """
    if count < 0:
        raise ValueError("count must be zero or more")
    current = day
    while not is_working_day(current):
        current -= datetime.timedelta(days=1)
    for _ in range(count):
        current -= datetime.timedelta(days=1)
        while not is_working_day(current):
            current -= datetime.timedelta(days=1)
    return current


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """The number of working days after ``start`` up to and including ``end`` (0 if end ≤ start)."""
    count, current = 0, start
    while current < end:
        current += datetime.timedelta(days=1)
        count += is_working_day(current)
    return count


def working_days_after(day: datetime.date, count: int) -> datetime.date:
    """The working day ``count`` working days after ``day`` (``count`` ≥ 0); with ``count`` 0
    it is ``day`` itself when that is a working day, else the next working day. Raises
    ValueError for a negative count."""
    if count < 0:
        raise ValueError("count must be zero or more")
    current = day
    while not is_working_day(current):
        current += datetime.timedelta(days=1)
    for _ in range(count):
        current += datetime.timedelta(days=1)
        while not is_working_day(current):
            current += datetime.timedelta(days=1)
    return current
