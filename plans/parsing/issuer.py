"""Assemble header facts with their fallbacks.

Order of sources for the issuing bodies:
1. the header block at the top of the document;
2. else the block of body names in capitals repeated above the appendix ("PHỤ LỤC");
3. else the body naming itself in the preamble (then the body text): "<body>
   [<unit> [<name>]] xây dựng/ban hành Kế hoạch", where <body> is "Hội đồng Thi đua –
   Khen thưởng", "Hội đồng TĐKT", "Ban Thi đua – Khen thưởng", "Ủy ban nhân dân" or
   "UBND". A unit without a name ("Hội đồng Thi đua - Khen thưởng phường") is completed
   with the place of the place-date line. No parent body is inferred from the body text.

The number comes from "Số: …" in the header, else from the appendix caption "(Kèm theo
Kế hoạch số …)". The place-date line is searched in the header, else on any line that
starts with it.
"""

import datetime
import re
from dataclasses import dataclass

from plans.parsing.dates import make_date
from plans.parsing.header import (
    NUMBER,
    HeaderLine,
    merge_orgs,
    normalise_number,
    read_header_line,
)
from plans.parsing.layout import Layout, Para, split_cells
from plans.parsing.text import fold, squash

_SELF_NAMING = re.compile(
    r"(?P<org>hoi dong thi dua\s*[-–—,]?\s*khen thuong|hoi dong tdkt|hd\s?tdkt"
    r"|ban thi dua\s*[-–—,]?\s*khen thuong|uy ban nhan dan|ubnd)"
    r"(?P<loc>(?:\s+[^\s.,;:]+){0,5}?)\s+(?:xay dung|ban hanh)\s+(?:ke hoach|kh)\b"
)
_UNIT_WORDS = frozenset({"xa", "phuong", "thi", "tran", "quan", "huyen", "thanh", "pho", "tinh"})
_CAPTION = re.compile(r"kem theo ke hoach\s+so\s*:?\s*")


@dataclass
class HeaderInfo:
    """Header facts; ``number_blank`` is True for "Số:   /KH-UBND"."""

    number: str | None = None
    number_blank: bool = False
    place: str | None = None
    issue_date: datetime.date | None = None
    issue_month: str | None = None
    issue_year: int | None = None
    parent: str | None = None
    issuer: str | None = None
    issuer_source: str | None = None


def _collect(lines: list[str], indices) -> tuple[list[str], HeaderLine | None, HeaderLine | None]:
    orgs: list[str] = []
    number_line = date_line = None
    for index in indices:
        line = read_header_line(lines[index])
        orgs.extend(line.orgs)
        if line.number_seen and number_line is None:
            number_line = line
        if line.date_parts and date_line is None:
            date_line = line
    return merge_orgs(orgs), number_line, date_line


def _place_date_anywhere(lines: list[str]) -> HeaderLine | None:
    for line in lines:
        if len(line) > 100 or split_cells(line) is not None:
            continue
        found = read_header_line(line)
        if found.date_parts and found.place and squash(line).startswith(found.place):
            return found
    return None


def _caption_number(lines: list[str], start: int) -> str | None:
    for line in lines[start : start + 12]:
        match = _CAPTION.search(fold(line))
        number = NUMBER.match(line, match.end()) if match else None
        if number and number.group(1):
            return normalise_number(number.group(1) + "/" + number.group(2))
    return None


def infer_issuer(paras: list[Para], place: str | None) -> str | None:
    """The body that names itself as the author of the plan (see module doc)."""
    for para in paras:
        match = _SELF_NAMING.search(fold(para.text))
        if not match:
            continue
        tokens = para.text[match.start("loc") : match.end("loc")].split()
        kept: list[str] = []
        for token in tokens:
            if fold(token).rstrip(".") not in _UNIT_WORDS and not token[:1].isupper():
                break
            kept.append(token)
        words = [para.text[match.start("org") : match.end("org")], *kept]
        if kept and all(fold(t).rstrip(".") in _UNIT_WORDS for t in kept) and place:
            words.append(place)
        return squash(" ".join(words))
    return None


def _dates(line: HeaderLine | None, info: HeaderInfo) -> None:
    if line is None or not line.date_parts:
        return
    year, month, day = line.date_parts
    if year is None or not 1900 <= year <= 2100:
        return
    info.place = line.place
    info.issue_year = year
    if month is not None and 1 <= month <= 12:
        info.issue_month = f"{year:04d}-{month:02d}"
        info.issue_date = make_date(year, month, day)


def parse_header(lines: list[str], layout: Layout, paras: list[Para]) -> HeaderInfo:
    """Header facts of the plan; ``paras`` are the preamble then body paragraphs."""
    info = HeaderInfo()
    orgs, number_line, date_line = _collect(lines, range(layout.header_end))
    info.issuer_source = "header" if orgs else None
    if not orgs and layout.appendix_orgs:
        orgs, _, _ = _collect(lines, layout.appendix_orgs)
        info.issuer_source = "appendix" if orgs else None
    if number_line is not None:
        info.number = number_line.number
        info.number_blank = number_line.number is None
    elif layout.appendix is not None:
        info.number = _caption_number(lines, layout.appendix)
    _dates(date_line or _place_date_anywhere(lines), info)
    if orgs:
        info.issuer = orgs[-1]
        info.parent = orgs[-2] if len(orgs) > 1 else None
    else:
        info.issuer = infer_issuer(paras, info.place)
        info.issuer_source = "body" if info.issuer else None
    return info
