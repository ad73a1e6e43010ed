"""Numbering styles of Vietnamese administrative documents (Decree 30/2020 layout).

From outermost to innermost: "A." capital letters, "I." Roman numerals, "1." Arabic
numerals, "5.1" / "5.1.2" decimal sub-numbers, "a)" letters (including "đ)"), "-" items
and "+" items ("- +" counts as "+"). :func:`classify` names the style of one line.
"""

import re
from dataclasses import dataclass

from plans.parsing.text import LOWER, UPPER, strip_emphasis

UPPER_LETTER = "upper_letter"
ROMAN = "roman"
ARABIC = "arabic"
DECIMAL2 = "decimal2"
DECIMAL3 = "decimal3"
LOWER_LETTER = "lower_letter"
DASH = "dash"
PLUS = "plus"

#: Canonical nesting order, outermost first.
STYLE_ORDER = (UPPER_LETTER, ROMAN, ARABIC, DECIMAL2, DECIMAL3, LOWER_LETTER, DASH, PLUS)
NUMBERED = frozenset(STYLE_ORDER[:6])
BULLETS = frozenset({DASH, PLUS})

_TEXT_START = r"(?=[" + UPPER + LOWER + r"\"“*(])"
_ROMAN_RE = re.compile(r"^(X{0,3}(?:IX|IV|V?I{0,3}))\s*[.)]\s*" + _TEXT_START)
_UPPER_RE = re.compile(r"^([A-ZĐ])\.\s+" + _TEXT_START)
_ARABIC_RE = re.compile(r"^(\d{1,2})\s*[.)]\s*" + _TEXT_START)
_DECIMAL_RE = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(?=\S)")
_LOWER_RE = re.compile(r"^([a-zđ])\s*\)\s*(?=\S)|^([a-zđ])\.\s+(?=[" + UPPER + r"])")
_PLUS_RE = re.compile(r"^(?:[-–—]\s*)?\+\s*(?=\S)")
_DASH_RE = re.compile(r"^[-–—•]\s*(?=[^\s\-–—_=.])")


@dataclass(frozen=True)
class Marker:
    """A numbered or bulleted line: its style, its label ("II", "5.1", "b"), the marker
    as written ("II.", "5.1", "b)", "-") and the text after it."""

    style: str
    label: str
    body: str
    prefix: str = ""


def _previous_letter(letter: str) -> str:
    return chr(ord(letter) - 1)


def classify(line: str, last_upper_letter: str | None = None) -> Marker | None:
    """Return the numbering marker that starts ``line``, or None for a plain line.

    ``last_upper_letter`` is the label of the previous "A."-style heading: "I.", "V."
    and "X." are Roman numerals unless they directly follow "H.", "U." or "W.".
    """
    text = strip_emphasis(line).strip()
    if not text:
        return None
    match = _ROMAN_RE.match(text)
    if match and match.group(1):
        label = match.group(1)
        after_letter = len(label) == 1 and last_upper_letter == _previous_letter(label)
        style = UPPER_LETTER if after_letter else ROMAN
        return Marker(style, label, text[match.end() :], text[: match.end()].strip())
    for style, pattern in (
        (UPPER_LETTER, _UPPER_RE),
        (DECIMAL2, _DECIMAL_RE),
        (ARABIC, _ARABIC_RE),
        (LOWER_LETTER, _LOWER_RE),
        (PLUS, _PLUS_RE),
        (DASH, _DASH_RE),
    ):
        match = pattern.match(text)
        if match:
            label = next((group for group in match.groups() if group), "")
            if style == DECIMAL2 and label.count(".") >= 2:
                style = DECIMAL3
            return Marker(style, label, text[match.end() :], text[: match.end()].strip())
    return None


def levels_for(styles: set[str]) -> dict[str, int]:
    """Map each style present to its level: the outermost present style is level 1."""
    present = [style for style in STYLE_ORDER if style in styles]
    return {style: index + 1 for index, style in enumerate(present)}
