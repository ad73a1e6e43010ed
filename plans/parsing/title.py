"""The document-type line "KẾ HOẠCH", the plan title under it, and the plan's year.

Rules:
* the type line is the first line that starts with "KẾ HOẠCH" in capitals (markdown
  ``**`` allowed); "Kế hoạch số …" in running text never matches;
* the title is the rest of that line, or else the next non-blank lines (at most 4) up
  to a blank line, a decoration rule, or a line that opens the body ("Căn cứ",
  "Thực hiện", a numbered heading); emphasis markers are stripped, lines are joined
  with one space;
* the year is the first year of "năm học 2020-2021" in the title, else "năm 2022" in
  the title, else the year of the issue date, else None.
"""

import re

from plans.parsing.headings import NUMBERED, classify
from plans.parsing.text import fold, is_blank, squash, strip_emphasis

_BODY_START = re.compile(r"^(?:can cu|thuc hien|de\s|nham\s|phat huy)")
_SCHOOL_YEAR = re.compile(r"nam hoc\s*(\d{4})\s*[-–—/]\s*\d{2,4}")
_YEAR = re.compile(r"\bnam\s+(\d{4})(?!\d)")
_MAX_TITLE_LINES = 4


def is_type_line(line: str) -> bool:
    """True for the "KẾ HOẠCH" document-type line (capitals, optional ** markers)."""
    text = strip_emphasis(line).strip()
    if fold(text[:8]) != "ke hoach" or text[8:9].isalpha():
        return False
    return all(not c.isalpha() or c.isupper() for c in text[:8])


def _ends_title(line: str) -> bool:
    text = strip_emphasis(line).strip()
    if is_blank(line) or len(text) > 250 or "\t" in line:
        return True
    marker = classify(text)
    return bool(_BODY_START.match(fold(text))) or bool(marker and marker.style in NUMBERED)


def parse_title(lines: list[str], type_index: int) -> tuple[str | None, int]:
    """Title text after the type line at ``type_index`` and the index where the
    preamble starts (the first line after the title). Title is None when absent.
    """
    rest = squash(strip_emphasis(lines[type_index]).strip()[8:]).strip(" :-–")
    parts = [rest] if rest else []
    index = type_index + 1
    if not parts:
        skipped = 0
        while index < len(lines) and is_blank(lines[index]) and skipped < 3:
            index += 1
            skipped += 1
    while index < len(lines) and len(parts) < _MAX_TITLE_LINES and not _ends_title(lines[index]):
        if parts and rest and not lines[index].lstrip(" *")[:1].islower():
            break
        parts.append(lines[index])
        index += 1
    while index < len(lines) and is_blank(lines[index]) and lines[index].strip():
        index += 1
    title = squash(strip_emphasis(" ".join(parts))) or None
    return title, index


def plan_year(title: str | None, issue_year: int | None) -> int | None:
    """The year the plan is for: from the title ("năm học Y1-Y2" → Y1, "năm Y" → Y),
    else ``issue_year``."""
    if title:
        folded = fold(title)
        for pattern in (_SCHOOL_YEAR, _YEAR):
            match = pattern.search(folded)
            if match and 1900 <= int(match.group(1)) <= 2100:
                return int(match.group(1))
    return issue_year
