"""How an import template is described and how its headers and cell words are compared.

The headers and cell words of a template are a file format, not interface text: they stay
Vietnamese in every interface language, so that a template downloaded in English reads back.
They are compared accent-, case- and punctuation-insensitively, ignoring a bracketed hint, so
"Don vi", "Đơn vị" and "Đơn vị (tên hoặc mã)" are the same header (``header_key``).

A template's example rows start their STT cell with "Ví dụ" (``EXAMPLE_MARKER``): the reader
skips them, and every blank row; a user who types over an example (changing its STT) has it read
like any other row.
"""

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from common.text import search_key

EXAMPLE_MARKER = "Ví dụ"


@dataclass(frozen=True)
class Column:
    """One column: ``key`` names it in code, ``header`` is the text of row 1, ``width`` is in
    Excel character units, ``note`` is the comment shown on the header cell; a ``required``
    column must be in the file; a ``text`` column is formatted as text in the template (codes
    such as "00004" keep their leading zeros when typed)."""

    key: str
    header: str
    width: int
    note: str = ""
    required: bool = True
    text: bool = False

    @property
    def name(self) -> str:
        """The header without its bracketed hint, for messages: "Đơn vị (tên hoặc mã)" →
        "Đơn vị"."""
        return self.header.split(" (")[0]


def headers_of(columns: Iterable[Column]) -> dict[str, str]:
    """Each column's ``name`` by key, as ``cells.RowCells`` names columns in its messages."""
    return {column.key: column.name for column in columns}


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """``common.text.search_key``, remembered: a file repeats its names, units and decisions."""
    return search_key(text)


@functools.lru_cache(maxsize=4096)
def header_key(text: str) -> str:
    """Fold a header (or a cell word) for comparison: no accents, case, punctuation or
    bracketed hint. ``header_key("Đơn vị (tên hoặc mã)") == "donvi"``."""
    return re.sub(r"[^a-z0-9]", "", fold(str(text).split("(")[0]))


def word_lookup(words: dict[str, str]) -> dict[str, str]:
    """``words`` keyed by ``header_key``, for reading a cell."""
    return {header_key(word): value for word, value in words.items()}
