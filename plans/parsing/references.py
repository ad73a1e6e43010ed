"""Legal bases ("Căn cứ …") and superior plans ("Thực hiện Kế hoạch số …") of the preamble.

Only the preamble (between the title and the first section heading) is read: plans cited
inside the body are not superior plans.

* Legal bases: one string per "Căn cứ" clause, from "Căn cứ" to the next ";" or the end
  of the paragraph, trailing punctuation removed.
* Superior plans: a clause (paragraph part up to ";" or the end of a sentence) opening
  with "Thực hiện" — or a clause opening with "Kế hoạch" right after such a clause —
  yields every "Kế hoạch số <number> [ngày <date>] [của <issuer>]" it contains. The
  issuer runs to "về", "V/v", "nhằm", "để", "(", ";", ":", the end of a sentence, or a
  comma not followed by "Khen thưởng".
"""

import re

from plans.parsing.dates import date_at
from plans.parsing.header import DOC_NUMBER, normalise_number
from plans.parsing.layout import Para
from plans.parsing.model import Reference
from plans.parsing.text import fold, sentence_spans, squash, strip_emphasis

_CLAUSE_SPLIT = re.compile(r";")
_BULLET = re.compile(r"^[\s\-–—•+*]*")
_PLAN_REF = re.compile(r"\bke hoach(?:\s+lien tich)?\s+so\s*:?\s*")
_OF = re.compile(r"\s*,?\s*cua\s+")
_ISSUER_END = re.compile(
    r"\s+(?:ve|v/v|nham|de|thuc hien|trien khai|ban hanh|huong dan|tai)\b"
    r"|\s+va\s+(?:ke hoach|quyet dinh|chi thi|nghi quyet|cong van|huong dan)\b"
    r"|[;(:]|\.(?:\s|$)|,(?!\s*khen thuong)|$"
)


def _clauses(text: str) -> list[str]:
    clauses: list[str] = []
    for start, end in sentence_spans(text):
        clauses.extend(part for part in _CLAUSE_SPLIT.split(text[start:end]) if part.strip())
    return clauses


def _clause_body(clause: str) -> str:
    return clause[_BULLET.match(clause).end() :]


def legal_bases(preamble: list[Para]) -> list[str]:
    """Every "Căn cứ …" clause of the preamble, cleaned."""
    found: list[str] = []
    for para in preamble:
        if para.is_table:
            continue
        for part in _CLAUSE_SPLIT.split(strip_emphasis(para.text)):
            body = squash(_clause_body(part))
            if fold(body).startswith("can cu "):
                found.append(body.rstrip(" ,.;"))
    return found


def _issuer(clause: str, folded: str, pos: int) -> str | None:
    match = _OF.match(folded, pos)
    if not match:
        return None
    end = _ISSUER_END.search(folded, match.end())
    stop = end.start() if end else len(clause)
    issuer = squash(clause[match.end() : stop]).rstrip(" ,.;")
    return issuer[:160] or None


def _references(clause: str) -> list[Reference]:
    folded = fold(clause)
    found: list[Reference] = []
    for ref in _PLAN_REF.finditer(folded):
        number = DOC_NUMBER.match(clause, ref.end())
        if not number or "/" not in number.group():
            continue
        date, after = date_at(folded, number.end())
        issuer = _issuer(clause, folded, after)
        found.append(Reference(normalise_number(number.group()), date, issuer))
    return found


def implemented_plans(preamble: list[Para]) -> list[Reference]:
    """Superior plans named by the opening "Thực hiện Kế hoạch số …" clauses."""
    found: list[Reference] = []
    for para in preamble:
        if para.is_table:
            continue
        active = False
        for clause in _clauses(strip_emphasis(para.text)):
            opening = fold(_clause_body(clause)).lstrip()
            active = opening.startswith("thuc hien ") or (active and opening.startswith("ke hoach"))
            if active:
                found.extend(_references(clause))
    return found
