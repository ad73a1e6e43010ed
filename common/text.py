"""Text helpers for Vietnamese."""

import unicodedata


def search_key(text: str) -> str:
    """Fold ``text`` for accent-insensitive search: lower case, no diacritics, "đ" → "d".

    ``search_key("Phường Phú Lãm") == "phuong phu lam"``; spaces are collapsed.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())
