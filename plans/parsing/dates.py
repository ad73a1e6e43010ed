"""Date rules of Vietnamese administrative text.

Every pattern here runs on *folded* text (see :func:`plans.parsing.text.fold`), so
"tháng"/"thang" and "Quý"/"Quy" are the same. Functions return ``(start, end, date)``
offsets so callers can cut the matching sentence out of the original text.

Accepted forms: "10/01/2020", "10-01-2020", "10.01.2020", "24/01" (no year: the plan's
year), "ngày 20 tháng 06 năm 2022", "tháng 01/2022" and "tháng 01 năm 2022" (a month:
its last day), "Quý II" (a quarter: its last day). Two-digit years mean 20xx.
"""

import calendar
import datetime
import re

_NUMERIC = (
    r"(?<![\d/])(?P<d>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>\d{1,2})"
    r"(?:\s*(?P=sep)\s*(?P<y>\d{4}|\d{2})(?!\d))?(?![\d/])"
)
_LONG = (
    r"(?P<ld>\d{1,2})\s*thang\s*(?P<lm>\d{1,2})(?!\d)"
    r"(?:\s*(?:nam|/)\s*(?P<ly>\d{4})(?!\d))?"
)
_TIME = r"(?:\d{1,2}\s*(?:h|gio)\s*(?:\d{1,2})?\s*(?:phut|')?\s*,?\s*)?"
_DAY_MARKER = (
    r"\b(?:truoc|cham nhat|muon nhat|han chot|han cuoi|han nop|thoi han|han|khong qua"
    r"|den het)\b(?:\s+la)?"
)
_MONTH = r"thang\s*(?P<mm>\d{1,2})(?!\d)(?:\s*(?:/|-|nam)\s*(?P<my>\d{4})(?!\d))?"
_QUARTER = r"quy\s+(?P<q>iv|i{1,3}|[1-4])\b(?:\s*(?:/|-|nam)\s*(?P<qy>\d{4})(?!\d))?"

#: "trước ngày 24/01/2022", "chậm nhất 17h00 ngày 20 tháng 6 năm 2022", "hạn 5/3".
DAY_DEADLINE = re.compile(
    _DAY_MARKER
    + r"\s*,?\s*(?:ngay\b\s*)?"
    + _TIME
    + r"(?:ngay\b\s*)?(?:"
    + _NUMERIC
    + "|"
    + _LONG
    + ")"
)
#: "xong trong tháng 01/2022", "trước tháng 3", "hết tháng 6 năm 2023".
MONTH_DEADLINE = re.compile(r"\b(?P<kind>trong|truoc|het|cuoi)\s+" + _MONTH)
#: "trong Quý I", "hết quý 2/2024".
QUARTER_DEADLINE = re.compile(r"\b(?:trong|het|cuoi)\s+" + _QUARTER)
ANY_DATE = re.compile(r"(?:ngay\b\s*)?(?:" + _NUMERIC + "|" + _LONG + ")")
ANY_MONTH = re.compile(r"\b" + _MONTH)
ANY_QUARTER = re.compile(r"\b" + _QUARTER)
_DATED = re.compile(r"\s*,?\s*ngay\b\s*(?:" + _NUMERIC + "|" + _LONG + ")")

_ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

Found = tuple[int, int, datetime.date]


def make_date(year: int | None, month: int | None, day: int | None) -> datetime.date | None:
    """A valid date in 1900–2100, or None (no exception for impossible dates)."""
    if year is None or month is None or day is None or not 1900 <= year <= 2100:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def month_end(year: int | None, month: int | None) -> datetime.date | None:
    """Last day of the month, or None for a missing year or an invalid month."""
    if year is None or month is None or not 1 <= month <= 12:
        return None
    return make_date(year, month, calendar.monthrange(year, month)[1])


def quarter_end(year: int | None, quarter: int | None) -> datetime.date | None:
    """Last day of the quarter (1–4), or None."""
    if quarter is None or not 1 <= quarter <= 4:
        return None
    return month_end(year, quarter * 3)


def quarter_number(label: str) -> int | None:
    """1–4 from a folded quarter label ("iv", "2"), else None."""
    if label.isdigit():
        number = int(label)
        return number if 1 <= number <= 4 else None
    return _ROMAN_QUARTERS.get(label)


def _year(text: str | None, default: int | None) -> int | None:
    if not text:
        return default
    value = int(text)
    return value + 2000 if value < 100 else value


def date_from_match(match: re.Match[str], default_year: int | None) -> datetime.date | None:
    """Build the date captured by a numeric or long-form group; no year → ``default_year``."""
    groups = match.groupdict()
    if groups.get("d") is not None:
        day, month, year = groups["d"], groups["m"], groups.get("y")
    elif groups.get("ld") is not None:
        day, month, year = groups["ld"], groups["lm"], groups.get("ly")
    else:
        return None
    return make_date(_year(year, default_year), int(month), int(day))


def _month_date(match: re.Match[str], default_year: int | None) -> datetime.date | None:
    year = _year(match.group("my"), default_year)
    month = int(match.group("mm"))
    if match.groupdict().get("kind") == "truoc":
        first = make_date(year, month, 1)
        return first - datetime.timedelta(days=1) if first else None
    return month_end(year, month)


def _quarter_date(match: re.Match[str], default_year: int | None) -> datetime.date | None:
    return quarter_end(_year(match.group("qy"), default_year), quarter_number(match.group("q")))


def find_deadlines(folded: str, default_year: int | None) -> list[Found]:
    """Dated obligations in folded text: a marker ("trước", "chậm nhất", "hạn", "trong
    tháng"…) followed by a date. Returns ``(start, end, date)`` sorted by position;
    overlapping matches keep the leftmost (a day before a month before a quarter), and
    dates that cannot be built (no year known, impossible day) are left out.
    """
    candidates = [
        (match.start(), priority, match, build)
        for priority, (pattern, build) in enumerate(
            (
                (DAY_DEADLINE, date_from_match),
                (MONTH_DEADLINE, _month_date),
                (QUARTER_DEADLINE, _quarter_date),
            )
        )
        for match in pattern.finditer(folded)
    ]
    found: list[Found] = []
    taken_until = -1
    for start, _priority, match, build in sorted(candidates, key=lambda c: (c[0], c[1])):
        if start < taken_until:
            continue
        taken_until = match.end()
        due = build(match, default_year)
        if due is not None:
            found.append((start, match.end(), due))
    return found


def first_date(folded: str, default_year: int | None) -> datetime.date | None:
    """The due date written in a schedule cell: an obligation if any, else the first
    plain date, month ("Tháng 3/2020") or quarter ("Quý II"); None when there is none.
    """
    deadlines = find_deadlines(folded, default_year)
    if deadlines:
        return deadlines[0][2]
    match = ANY_DATE.search(folded)
    if match and (due := date_from_match(match, default_year)):
        return due
    match = ANY_MONTH.search(folded)
    if match and (due := _month_date(match, default_year)):
        return due
    match = ANY_QUARTER.search(folded)
    if match:
        return _quarter_date(match, default_year)
    return None


def date_at(folded: str, pos: int) -> tuple[datetime.date | None, int]:
    """Parse "ngày 10/01/2022" or "ngày 10 tháng 01 năm 2022" starting at ``pos``
    (leading spaces and a comma allowed). Returns (date or None, end offset).
    """
    match = _DATED.match(folded, pos)
    if not match or not (match.group("y") or match.group("ly")):
        return None, pos
    return date_from_match(match, None), match.end()
