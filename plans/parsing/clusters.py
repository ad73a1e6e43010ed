"""Emulation clusters ("Cụm thi đua") and blocs ("Khối thi đua") of the plan's own level.

Rules:
* "Cụm thi đua số 1", lists "cụm thi đua số 1; số 2, số 3 và số 4" and ranges "số 1
  đến số 5" (Arabic or Roman numbers) name clusters; "Khối thi đua số …" names blocs.
  Every continuation needs its own "số";
* a number followed by an administrative level ("Cụm thi đua số XII Thành phố",
  "… số 3 của quận") belongs to that level's cluster system. It is kept only when that
  level is the plan's own level (read from the issuer, then the parent body, e.g.
  "UBND THỊ XÃ SƠN TÂY" → thị xã); when the plan's level is unknown any qualified
  number is left out. A superior cluster is thus excluded by its qualifier, whatever
  its numbering;
* results are canonical names "Cụm thi đua số 7" (Roman numbers in capitals), clusters
  then blocs, each in numeric order, without duplicates.
"""

import re

from plans.parsing.layout import Para
from plans.parsing.text import fold

_NUMBER = r"(\d{1,3}|[ivxlc]{1,7})\b"
_LEVEL = r"(thi xa|thi tran|thanh pho|tp|trung uong|quan|huyen|tinh|phuong|xa(?!\s+hoi))\b"
_START = re.compile(r"\b(cum|khoi)\s+thi\s+dua\s+so\s*" + _NUMBER)
_NEXT = re.compile(r"\s*(?:[,;]\s*(?:va\s+)?|va\s+|(?P<range>den|toi|-|–)\s*)so\s*" + _NUMBER)
_QUALIFIER = re.compile(r"\s*,?\s*(?:cua\s+|thuoc\s+)?" + _LEVEL)
_OWN_LEVEL = re.compile(r"\b" + _LEVEL)
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_SAME_LEVEL = {"tp": "thanh pho"}
_KINDS = {"cum": "Cụm thi đua", "khoi": "Khối thi đua"}


def roman_value(text: str) -> int | None:
    """Integer value of a lower-case Roman numeral, or None when it is not one."""
    values = [_ROMAN.get(char) for char in text]
    if not values or None in values:
        return None
    total = 0
    for index, value in enumerate(values):
        following = values[index + 1] if index + 1 < len(values) else 0
        total += -value if value < following else value
    return total if total > 0 else None


def _value(label: str) -> tuple[int, str] | None:
    if label.isdigit():
        return (int(label), str(int(label))) if int(label) > 0 else None
    value = roman_value(label)
    return (value, label.upper()) if value else None


def own_level(*names: str | None) -> str | None:
    """The administrative level word of the first name that has one ("thi xa")."""
    for name in names:
        match = _OWN_LEVEL.search(fold(name or ""))
        if match:
            return _SAME_LEVEL.get(match.group(1), match.group(1))
    return None


def _keep(folded: str, end: int, level: str | None) -> bool:
    qualifier = _QUALIFIER.match(folded, end)
    if not qualifier:
        return True
    found = _SAME_LEVEL.get(qualifier.group(1), qualifier.group(1))
    return level is not None and found == level


def _mentions(folded: str, level: str | None) -> list[tuple[str, int, str]]:
    found: list[tuple[str, int, str]] = []
    for start in _START.finditer(folded):
        kind, items, pos = start.group(1), [(start.group(2), start.end(), None)], start.end()
        while (following := _NEXT.match(folded, pos)) is not None:
            items.append((following.group(2), following.end(), following.group("range")))
            pos = following.end()
        previous: int | None = None
        for label, end, is_range in items:
            value = _value(label)
            if value is None or not _keep(folded, end, level):
                continue
            if is_range and previous is not None and 0 < value[0] - previous <= 50:
                found.extend((kind, n, str(n)) for n in range(previous + 1, value[0]))
            found.append((kind, value[0], value[1]))
            previous = value[0]
    return found


def find_clusters(paras: list[Para], issuer: str | None, parent: str | None) -> list[str]:
    """Canonical cluster and bloc names of the plan's own level (see module doc)."""
    level = own_level(issuer, parent)
    unique: dict[tuple[str, int], str] = {}
    for para in paras:
        for kind, value, label in _mentions(fold(para.text), level):
            unique.setdefault((kind, value), f"{_KINDS[kind]} số {label}")
    order = sorted(unique, key=lambda key: (key[0] != "cum", key[1]))
    return [unique[key] for key in order]
