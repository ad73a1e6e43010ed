"""How a plan's body reads as paragraphs: one rule for the web page and the PDF."""

import re
from dataclasses import dataclass

from plans.models import Plan

_NUMBERED = re.compile(r"^(\S+)\s+(.+)$", re.DOTALL)


@dataclass(frozen=True)
class Block:
    """One paragraph of the body: ``css`` is its class in plan-pdf.css ("h1"…"h4", "p")."""

    css: str
    text: str


def _paragraphs(text: str) -> list[str]:
    return [part.strip() for part in text.splitlines() if part.strip()]


def body_blocks(plan: Plan) -> list[Block]:
    """The sections as paragraphs.

    The importer stores a "-"/"+" item as ``heading`` = its first sentence and ``text`` = the
    whole item, and a long numbered paragraph as ``heading`` = "1. <first sentence>" and
    ``text`` = the paragraph without its number: both are printed once, as the paragraph.
    Bullet marks are not stored: the outermost item level gets "-", deeper ones "+".
    Any other section prints its heading (styled by level) and then its paragraphs.
    """
    sections = list(plan.sections.order_by("order"))
    kinds = {}
    for section in sections:
        paragraphs = _paragraphs(section.text)
        first = paragraphs[0] if paragraphs else ""
        numbered = _NUMBERED.match(section.heading)
        if first and first.startswith(section.heading):
            kinds[section.pk] = ("item", paragraphs)
        elif first and numbered and first.startswith(numbered.group(2)):
            kinds[section.pk] = ("numbered", [f"{numbered.group(1)} {first}", *paragraphs[1:]])
        else:
            kinds[section.pk] = ("heading", paragraphs)
    item_levels = sorted({s.level for s in sections if kinds[s.pk][0] == "item"})
    blocks = []
    for section in sections:
        kind, paragraphs = kinds[section.pk]
        if kind == "item":
            mark = "-" if section.level == item_levels[0] else "+"
            paragraphs = [f"{mark} {paragraphs[0]}", *paragraphs[1:]]
        elif kind == "heading":
            blocks.append(Block(f"h{min(section.level, 4)}", section.heading))
        blocks.extend(Block("p", paragraph) for paragraph in paragraphs)
    return blocks
