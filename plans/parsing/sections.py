"""The section tree of the plan body, as a flat list of (heading, level, text).

* Every numbered line ("A.", "I.", "1.", "5.1", "a)") and every "-" / "+" item opens a
  section. Levels are ranks of the numbering styles *present* in the body, in the
  canonical order of :data:`plans.parsing.headings.STYLE_ORDER`: the outermost present
  style is level 1, so a "-" item always has the same level wherever it appears.
* Numbered sections: ``heading`` is the heading line as written (numbering kept,
  emphasis markers removed, whitespace squashed); ``text`` is the plain paragraphs
  that follow it up to the next heading, joined with "\\n" ("" when none).
* Numbered paragraphs (a numbered line longer than 150 characters after its number,
  e.g. "1. Tổ chức hiệu quả phong trào …, hoàn thành xuất sắc nhiệm vụ năm 2022."):
  ``heading`` is the number and the first sentence, ``text`` starts with the whole
  line after the number.
* "-" / "+" items: ``heading`` is the first sentence of the item without its bullet
  and trailing punctuation; ``text`` is the whole item as written (bullet removed)
  followed by its plain paragraphs.
* Table rows are not part of any section (see :mod:`plans.parsing.schedule`).
"""

from plans.parsing.headings import BULLETS, levels_for
from plans.parsing.layout import Para
from plans.parsing.model import Section
from plans.parsing.text import first_sentence, squash, strip_emphasis

_NUMBERED_PARAGRAPH = 150


def _start(para: Para, level: int) -> tuple[str, int, list[str]]:
    marker = para.marker
    if marker is not None and marker.style in BULLETS:
        body = squash(strip_emphasis(marker.body))
        return first_sentence(marker.body), level, [body] if body else []
    body = squash(strip_emphasis(marker.body)) if marker else ""
    if marker and len(body) > _NUMBERED_PARAGRAPH:
        return f"{marker.prefix} {first_sentence(marker.body)}", level, [body]
    return squash(strip_emphasis(para.text)), level, []


def build_sections(body: list[Para]) -> list[Section]:
    """Sections of the body paragraphs, in document order (see module doc)."""
    headed = [para for para in body if para.marker is not None and not para.is_table]
    levels = levels_for({para.marker.style for para in headed if para.marker})
    sections: list[Section] = []
    current: tuple[str, int, list[str]] | None = None
    for para in body:
        if para.is_table:
            continue
        if para.marker is not None:
            if current is not None:
                sections.append(Section(current[0], current[1], "\n".join(current[2])))
            current = _start(para, levels[para.marker.style])
        elif current is not None:
            text = squash(strip_emphasis(para.text))
            if text:
                current[2].append(text)
    if current is not None:
        sections.append(Section(current[0], current[1], "\n".join(current[2])))
    return [section for section in sections if section.heading]
