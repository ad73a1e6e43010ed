"""Text helpers for Vietnamese."""

import unicodedata


def search_key(text: str) -> str:
    """Fold ``text`` for accent-insensitive search: lower case, no diacritics, "đ" → "d".

    ``search_key("Phường Phú Lãm") == "phuong phu lam"``; spaces are collapsed.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())


def names_unit(unit_key: str, text_key: str) -> bool:
    """Whether folded text (``search_key``) names a unit whose folded name is ``unit_key``: the
    whole name, or its beginning ("phong noi vu thi xa" names "phong noi vu thi xa son tay")."""
    return unit_key == text_key or unit_key.startswith(text_key + " ")


def join_names(names: list[str]) -> str:
    """Names joined for a sentence: ``"A; B; C"`` (semicolons, as officials list items)."""
    return "; ".join(str(name) for name in names)
