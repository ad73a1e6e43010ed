"""Names of emulation campaigns ("phong trào thi đua").

Rules:
* a quoted phrase (“…”, "…" or «…», on one line, 3–200 characters) is a campaign name
  when one of the 5 words before the opening quote belongs to "phong trào", "thi đua",
  "cuộc vận động" or "vận động" (e.g. Phong trào thi đua đặc biệt “…”);
* a quoted phrase separated from an accepted one only by ",", ";", "và", "hoặc" or
  emphasis markers is accepted too (lists: “A”; “B”; “C”);
* phrases opening with "Về" (a document's subject) are never campaigns; slogans quoted
  elsewhere (“mục tiêu kép”, a yearly motto, danh hiệu “…”) have no campaign word
  before them and are left out;
* an italic span (``*…*``) without quotes that starts with "Thi đua" or "Phong trào"
  is a campaign name too (*Thi đua xây dựng nông thôn mới*);
* names are deduplicated on a key without case, diacritics, punctuation and spacing
  (so "- không" and ", không", or OCR "Cá nước"/"Cả nước", are one campaign); the
  first spelling is kept, emphasis markers removed.
"""

import re

from plans.parsing.layout import Para
from plans.parsing.text import fold, squash, strip_emphasis

_QUOTES = (
    re.compile(r"“([^“”\n]{3,200})”"),
    re.compile(r'"([^"\n]{3,200})"'),
    re.compile(r"«([^«»\n]{3,200})»"),
)
_ITALIC = re.compile(r"(?<!\*)\*(?!\*)([^*\n]{3,150})\*")
_CONTEXT = re.compile(r"\b(?:phong trao|thi dua|van dong)\b")
_ITALIC_START = re.compile(r"^(?:thi dua|phong trao)\b")
_CHAIN = re.compile(r"^[\s,;*]*(?:(?:va|hoac)\b[\s,;*]*)?$")
_WORD = re.compile(r"[^\W\d_]+")
_NON_ALNUM = re.compile(r"[\W_]+")


def campaign_key(name: str) -> str:
    """Comparison key: folded, only letters and digits, single spaces."""
    return _NON_ALNUM.sub(" ", fold(name)).strip()


def _in_context(prefix: str) -> bool:
    words = _WORD.findall(fold(strip_emphasis(prefix[-80:])))[-5:]
    return bool(_CONTEXT.search(" ".join(words)))


def _quoted(text: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for pattern in _QUOTES:
        for match in pattern.finditer(text):
            if not any(a < match.end() and match.start() < b for a, b, _ in found):
                found.append((match.start(), match.end(), match.group(1)))
    return sorted(found)


def _line_campaigns(text: str) -> list[tuple[int, str]]:
    names: list[tuple[int, str]] = []
    previous_end: int | None = None
    for start, end, inner in _quoted(text):
        name = squash(strip_emphasis(inner))
        chained = previous_end is not None and _CHAIN.match(fold(text[previous_end:start]))
        accepted = bool(name) and not fold(name).startswith("ve ")
        accepted = accepted and (bool(chained) or _in_context(text[:start]))
        if accepted:
            names.append((start, name))
        previous_end = end if accepted else None
    for match in _ITALIC.finditer(text):
        inner = squash(match.group(1))
        if _ITALIC_START.match(fold(inner)) and not re.search(r"[“”\"«»]", inner):
            names.append((match.start(), inner.rstrip(" :.,;")))
    return sorted(names)


def find_campaigns(paras: list[Para]) -> list[str]:
    """Campaign names in document order, deduplicated (see module doc)."""
    seen: set[str] = set()
    result: list[str] = []
    for para in paras:
        for _, name in _line_campaigns(para.text):
            key = campaign_key(name)
            if key and key not in seen:
                seen.add(key)
                result.append(name)
    return result
