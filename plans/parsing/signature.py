"""Recipients ("Nơi nhận") and the signature block.

Recipients: the items ("- …;") under "Nơi nhận:" (OCR "Noi nhận"), without bullet and
trailing ";" "." ","; an item wrapped onto a line starting in lower case is continued.
When the two columns of the Decree 30 footer share lines (tab-separated), the left part
is the recipient list and the right part belongs to the signature block.

Signature block (after the recipients, before the appendix):
* ``title``: the first line, plus — while a line starts with a signing authority
  ("TM.", "KT.", "TL.", "TUQ.", "Q.") — the line after it; lines joined with "\\n",
  emphasis markers removed ("TM. HỘI ĐỒNG\\nCHỦ TỊCH"). Lines in capitals only;
* ``name``: the last line that looks like a personal name (see
  :func:`plans.parsing.text.is_person_name`). Lines between the title and the name
  (e.g. "CHỦ TỊCH UBND THỊ XÃ", a stamp) are ignored.
"""

import re

from plans.parsing.model import Signer
from plans.parsing.text import clean, fold, is_blank, is_person_name, is_upperish, strip_item

_LABEL = re.compile(r"^\W*noi\s*nhan\s*:?\s*")
_AUTHORITY = re.compile(r"^(?:tm|kt|tl|tuq|q|t/m|k/t)\s*[./:]")
_BULLET = re.compile(r"^\s*[-–—•+]")
_MAX_TITLE_LINES = 4


def _columns(line: str) -> tuple[str, str]:
    left, _, right = line.partition("\t")
    return left, right.strip()


def parse_recipients(lines: list[str], start: int, stop: int) -> tuple[list[str], int, list[str]]:
    """Recipients from the "Nơi nhận" line at ``start``; returns (items, index of the
    first line after the list, right-column lines that belong to the signature)."""
    left, right = _columns(lines[start])
    extra = [right] if right else []
    items: list[str] = []
    rest = left[_LABEL.match(fold(left)).end() :] if _LABEL.match(fold(left)) else ""
    if strip_item(rest):
        items.append(strip_item(rest))
    index = start + 1
    while index < stop:
        left, right = _columns(lines[index])
        if right:
            extra.append(right)
        if is_blank(left):
            index += 1
            continue
        if _BULLET.match(left):
            items.append(strip_item(left))
        elif items and left.lstrip()[:1].islower() and not items[-1].endswith(";"):
            items[-1] = strip_item(f"{items[-1]} {left}")
        else:
            break
        index += 1
    return [item for item in items if item], index, extra


def parse_signer(lines: list[str]) -> Signer | None:
    """Signer from the lines of the signature block (see module doc), or None."""
    texts = [clean(line) for line in lines if not is_blank(line)]
    texts = [text for text in texts if text]
    name = next((text for text in reversed(texts) if is_person_name(text)), None)
    title_lines: list[str] = []
    for text in texts:
        if text == name or not is_upperish(text) or len(title_lines) >= _MAX_TITLE_LINES:
            break
        title_lines.append(text)
        if not _AUTHORITY.match(fold(text)):
            break
    title = "\n".join(title_lines) or None
    if name is None and title is None:
        return None
    return Signer(name, title)
