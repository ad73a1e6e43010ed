"""Regions of a plan and its logical paragraphs.

Regions, top to bottom (line indices, end exclusive):
* header: above the "KẾ HOẠCH" type line (or, without one, above the first line that
  looks like body text, within the first 40 lines);
* title, then the preamble: up to the first numbered heading (or the first "-" item
  that is not a "Căn cứ"/"Thực hiện" clause);
* body (the section tree), which ends at "Nơi nhận", else at the signature block
  ("TM."/"KT."/"TL." line, or a bare position line followed by a name), else at the
  appendix;
* recipients and signature, then the appendix: the "PHỤ LỤC" line together with the
  block of body names in capitals just above it, if any.

Paragraphs: a line that does not end a sentence (no ". : ; ! ?") is joined with the next
plain line when that line starts in lower case (a wrapped line or a page break), or when
it is a long running-text line ending in a lower-case word. Table rows are never joined.
"""

import re
from dataclasses import dataclass

from plans.parsing.header import read_header_line
from plans.parsing.headings import BULLETS, NUMBERED, Marker, classify
from plans.parsing.text import fold, is_blank, is_person_name, is_upperish, strip_emphasis
from plans.parsing.title import is_type_line, parse_title

_RECIPIENTS = re.compile(r"^\W*noi\s*nhan\b")
_AUTHORITY = re.compile(r"^(?:tm|kt|tl|tuq|q|t/m|k/t)\s*[./:]\s*\S")
_POSITION_ONLY = re.compile(r"^(?:pho\s+)?(?:chu tich|truong ban|giam doc|truong phong)$")
_OPENING = re.compile(r"^(?:can cu|thuc hien)\b")
_TERMINAL = re.compile(r"[.:;!?]$")
_SEPARATOR_ROW = re.compile(r"^\s*:?-{2,}:?\s*$")
_MAX_JOIN_GAP = 3


def split_cells(line: str) -> list[str] | None:
    """Cells of a table row ("a\\tb\\tc" or "| a | b | c |"), or None when the line
    is not a row of at least three cells."""
    if "\t" in line:
        cells = line.split("\t")
    elif line.count("|") >= 2:
        text = line.strip()
        text = text[1:] if text.startswith("|") else text
        text = text[:-1] if text.endswith("|") else text
        cells = text.split("|")
    else:
        return None
    return [cell.strip() for cell in cells] if len(cells) >= 3 else None


def is_separator_row(cells: list[str]) -> bool:
    """True for a markdown table rule such as "|---|:---:|"."""
    return all(_SEPARATOR_ROW.match(cell) or not cell for cell in cells)


@dataclass
class Para:
    """A logical paragraph: first line index, text, numbering marker, table flag."""

    index: int
    text: str
    marker: Marker | None = None
    is_table: bool = False


@dataclass
class _Builder:
    """A paragraph being assembled from lines (joined once, at the end)."""

    index: int
    parts: list[str]
    marker: Marker | None = None
    is_table: bool = False
    length: int = 0

    def para(self) -> Para:
        text = " ".join(self.parts)
        marker = self.marker
        if marker is not None and len(self.parts) > 1:
            extra = " ".join(strip_emphasis(part) for part in self.parts[1:])
            marker = Marker(marker.style, marker.label, f"{marker.body} {extra}", marker.prefix)
        return Para(self.index, text, marker, self.is_table)


def _joins(previous: _Builder, line: str, marker: Marker | None) -> bool:
    if marker is not None or previous.is_table:
        return False
    last_line = strip_emphasis(previous.parts[-1]).rstrip()
    if not last_line.rstrip(' "”)') or _TERMINAL.search(last_line.rstrip(' "”)')):
        return False
    if strip_emphasis(line).lstrip(' "“(')[:1].islower():
        return True
    running = previous.marker is None or previous.marker.style in BULLETS | {"lower_letter"}
    last = previous.parts[-1].rstrip()[-1:]
    return running and previous.length >= 60 and (last.islower() or last in ",*")


def paragraphs(lines: list[str], start: int, end: int) -> list[Para]:
    """Logical paragraphs of ``lines[start:end]`` (see module doc for joining)."""
    result: list[_Builder] = []
    previous: _Builder | None = None
    gap = 0
    last_upper: str | None = None
    for index in range(max(start, 0), min(end, len(lines))):
        line = lines[index]
        if is_blank(line):
            gap += 1
            continue
        text = line.strip()
        if split_cells(line) is not None:
            previous = _Builder(index, [text], is_table=True)
            result.append(previous)
        else:
            marker = classify(line, last_upper)
            if previous is not None and gap <= _MAX_JOIN_GAP and _joins(previous, line, marker):
                previous.parts.append(text)
            else:
                previous = _Builder(index, [text], marker)
                result.append(previous)
                if marker and marker.style == "upper_letter":
                    last_upper = marker.label
            previous.length += len(text) + 1
        gap = 0
    return [builder.para() for builder in result]


@dataclass
class Layout:
    """Line indices of the regions described in the module doc."""

    header_end: int
    type_line: int | None
    title: str | None
    preamble_start: int
    preamble_end: int
    body_end: int
    recipients: int | None
    signature: int | None
    appendix: int | None
    appendix_orgs: list[int]


def _is_appendix_line(line: str) -> bool:
    text = strip_emphasis(line).strip()
    if fold(text[:7]) != "phu luc":
        return False
    return all(not c.isalpha() or c.isupper() for c in text[:7]) or len(text) <= 20


def _first(lines: list[str], start: int, end: int, test) -> int | None:
    return next((i for i in range(max(start, 0), min(end, len(lines))) if test(lines[i])), None)


def _header_end(lines: list[str]) -> int:
    for index, line in enumerate(lines[:40]):
        text = strip_emphasis(line).strip()
        marker = classify(text)
        if len(text) > 120 or _OPENING.match(fold(text)) or (marker and marker.style in NUMBERED):
            return index
    return min(len(lines), 40)


def _appendix_orgs(lines: list[str], appendix: int) -> list[int]:
    """Indices of the header lines (body names, motto, number, place-date) directly
    above the appendix line, blank lines skipped; stops at the first other line."""
    found: list[int] = []
    index = appendix - 1
    while index >= 0 and len(found) < 6:
        if not is_blank(lines[index]):
            header = read_header_line(lines[index])
            if not (header.orgs or header.motto or header.number_seen or header.date_parts):
                break
            found.insert(0, index)
        index -= 1
    return found


def _is_signature_start(lines: list[str], index: int) -> bool:
    text = strip_emphasis(lines[index]).strip()
    folded = fold(text)
    if not is_upperish(text):
        return False
    if _AUTHORITY.match(folded):
        return True
    following = lines[index + 1 : index + 9]
    return bool(_POSITION_ONLY.match(folded)) and any(is_person_name(x) for x in following)


def find_layout(lines: list[str]) -> Layout:
    """Locate the regions of a plan given its normalised lines."""
    type_line = _first(lines, 0, len(lines), is_type_line)
    title, preamble_start = None, 0
    if type_line is not None:
        title, preamble_start = parse_title(lines, type_line)
    header_end = type_line if type_line is not None else _header_end(lines)
    preamble_start = max(preamble_start, header_end)
    appendix = _first(lines, preamble_start, len(lines), _is_appendix_line)
    org_lines = _appendix_orgs(lines, appendix) if appendix is not None else []
    appendix_start = org_lines[0] if org_lines else appendix
    limit = appendix_start if appendix_start is not None else len(lines)
    recipients = _first(
        lines, preamble_start, limit, lambda x: bool(_RECIPIENTS.match(fold(strip_emphasis(x))))
    )
    signature = None
    if recipients is None:
        signature = next(
            (i for i in range(preamble_start, limit) if _is_signature_start(lines, i)), None
        )
    body_end = min(x for x in (recipients, signature, limit) if x is not None)
    preamble_end = body_end
    for para in paragraphs(lines, preamble_start, body_end):
        marker = para.marker
        if marker and (
            marker.style in NUMBERED or not _OPENING.match(fold(strip_emphasis(marker.body)))
        ):
            preamble_end = para.index
            break
    return Layout(
        header_end, type_line, title, preamble_start, preamble_end, body_end,
        recipients, signature, appendix_start, org_lines,
    )  # fmt: skip
