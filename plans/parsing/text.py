"""Text normalisation helpers for the plan parser.

The parser works on a list of lines and, for keyword matching, on a *folded* copy of
each line: lower case, Vietnamese diacritics removed, "đ" → "d". Folding maps every
character to exactly one character, so a match found in the folded text has the same
offsets in the original text. This makes every keyword rule tolerant of OCR diacritic
errors ("Noi nhận", "Quy IV", "HỘI ĐÔNG THỊ ĐUA") while values are taken, as written,
from the original text.
"""

import functools
import re
import unicodedata


def _letters(predicate) -> str:
    ranges = (range(0x41, 0x7B), range(0xC0, 0x250), range(0x1E00, 0x1F00))
    return "".join(chr(c) for r in ranges for c in r if predicate(chr(c)))


#: Upper- and lower-case Latin letters, including every Vietnamese letter.
UPPER = _letters(str.isupper)
LOWER = _letters(str.islower)


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for block in (range(0x41, 0x5B), range(0xC0, 0x250), range(0x1E00, 0x1F00)):
        for code in block:
            char = chr(code)
            base = unicodedata.normalize("NFD", char)[0].lower()[:1] or char
            table[code] = base
    table[ord("đ")] = table[ord("Đ")] = "d"
    return table


_FOLD_TABLE = _build_fold_table()

_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x1c-\x1e\x85]")
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\ufeff\u200b-\u200d\u2060\u00ad\x00-\x08\x0e-\x1b\x7f]")
_WHITESPACE = re.compile(r"\s+")
_EMPHASIS = re.compile(r"\*+")
_DECORATION = re.compile(r"^[\s\-–—_=*~.•·]+$")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[\"“*(]*[" + UPPER + r"0-9])|;(?=\s+[" + UPPER + r"])")
_ABBREVIATIONS = frozenset({"tp", "tm", "kt", "tl", "tuq", "q", "ths", "ts", "gs", "pgs", "p"})
_NAME_TOKEN = re.compile(r"[" + UPPER + r"][" + LOWER + r"]*")


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Return ``text`` lower-cased without diacritics, same length: "Nơi nhận" → "noi nhan"."""
    return text.translate(_FOLD_TABLE)


def normalise_text(text: str) -> str:
    """Normalise raw document text: NFC, "\\n" line breaks, plain spaces, no BOM or controls.

    Tabs are kept, trailing ones too (they separate table cells, empty ones included);
    trailing spaces of each line are removed.
    """
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    return "\n".join(line.rstrip(" ") for line in text.split("\n"))


def squash(text: str) -> str:
    """Collapse every run of whitespace (tabs and newlines too) to one space and strip."""
    return _WHITESPACE.sub(" ", text).strip()


def strip_emphasis(text: str) -> str:
    """Remove markdown emphasis markers (``**bold**``, ``*italic*``)."""
    return _EMPHASIS.sub("", text)


def clean(text: str | None) -> str | None:
    """Emphasis-free, whitespace-squashed text, or None when nothing is left."""
    if text is None:
        return None
    result = squash(strip_emphasis(text))
    return result or None


def strip_item(text: str) -> str:
    """Clean a list item: no bullet ("-", "+", "•"), no trailing ";" "," "." or spaces."""
    result = squash(strip_emphasis(text))
    result = re.sub(r"^(?:[-–—•+]\s*)+", "", result)
    return result.rstrip(" ;,.").strip()


def is_blank(line: str) -> bool:
    """True for empty lines and decoration rules such as "-----" or "___"."""
    return not line.strip() or bool(_DECORATION.match(line))


def upper_ratio(text: str) -> float:
    """Share of upper-case letters among the letters of ``text`` (0.0 when no letters)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(c.isupper() for c in letters) / len(letters)


def is_upperish(text: str, minimum_letters: int = 3) -> bool:
    """True when ``text`` is written in capitals (at least 80 % of at least N letters)."""
    letters = sum(c.isalpha() for c in text)
    return letters >= minimum_letters and upper_ratio(text) >= 0.8


def is_person_name(text: str) -> bool:
    """True for a Vietnamese personal name: 2–6 capitalised words, nothing else.

    ``is_person_name("Nguyễn Huy Khánh")`` is True; "CHỦ TỊCH" and "Đã ký" are not names.
    """
    words = squash(strip_emphasis(text)).split(" ")
    if not 2 <= len(words) <= 6:
        return False
    return all(_NAME_TOKEN.fullmatch(word) and len(word) <= 12 for word in words)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences, as (start, end) offsets.

    A sentence ends at ".", "!" or "?" followed by spaces and a capital letter or a digit
    (quotes and brackets allowed in between), or at ";" followed by spaces and a capital
    letter; a full stop after a common abbreviation ("TP.", "TM.") does not end one.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.group() == ".":
            word = re.search(r"(\w+)$", text[start : match.start()])
            if word and fold(word.group(1)) in _ABBREVIATIONS:
                continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, cleaned with :func:`strip_item`."""
    spans = sentence_spans(text)
    if not spans:
        return strip_item(text)
    return strip_item(text[spans[0][0] : spans[0][1]])
