"""An award decision (Quyết định khen thưởng) and its list as an A4 PDF, Decree 30/2020 layout.

``decision_document(decision=…)`` says what the decision holds: the header of the council
(number and date), "QUYẾT ĐỊNH", "Về việc khen thưởng …", the authority, the legal bases and
the council session, "QUYẾT ĐỊNH:", Điều 1 with the list (STT, name or collective, unit, title
or form), Điều 2, Điều 3, Nơi nhận and the signature block — "TM. HỘI ĐỒNG … / CHỦ TỊCH" when
the council itself decides, else the authority — with the signer's name (LAW.md §7).
``decision_pdf`` lays it out with ``templates/dossiers/pdf/decision.html``.

The document shows every grant as issued, revoked ones included (a revocation does not
rewrite the decision). These are document words: Vietnamese in every interface language.
"""

from dataclasses import dataclass

from awards.models import AwardDecision, AwardGrant
from common.decree30 import (
    HEADER_CSS,
    council_bodies,
    date_text,
    header_context,
    place_date_line,
    place_of,
)
from common.pdf import render_pdf
from dossiers.documents.minutes import lower_first
from dossiers.documents.pdf import CSS_FILE
from dossiers.documents.proposal import LEGAL_BASES, Header, Signature, award_words
from dossiers.selectors.council import decision_grants, decision_sessions

TEMPLATE = "dossiers/pdf/decision.html"
DOC_TYPE = "QUYẾT ĐỊNH"
COLUMNS = ("STT", "Họ và tên / tập thể", "Đơn vị", "Danh hiệu / hình thức khen thưởng")
ARTICLE_2 = (
    "Điều 2. Các tập thể, cá nhân có tên tại Điều 1 được hưởng chế độ khen thưởng theo quy "
    "định tại Nghị định số 152/2025/NĐ-CP của Chính phủ."
)
ARTICLE_3 = (
    "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Thường trực Hội đồng Thi đua – Khen "
    "thưởng, thủ trưởng các đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu "
    "trách nhiệm thi hành Quyết định này."
)
RECIPIENTS = ("- Như Điều 3;", "- Lưu: VT, TĐKT.")
KINDS = (("unit", "tập thể"), ("household", "hộ gia đình"), ("person", "cá nhân"))


@dataclass(frozen=True)
class GrantRow:
    number: int
    name: str
    unit: str
    award: str


@dataclass(frozen=True)
class DecisionDocument:
    header: Header
    doc_type: str
    summary: str
    authority: str
    bases: tuple[str, ...]
    article_1: str
    columns: tuple[str, ...]
    rows: tuple[GrantRow, ...]
    articles: tuple[str, ...]
    recipients: tuple[str, ...]
    signature: Signature


def _unit(grant: AwardGrant) -> str:
    nomination = getattr(grant, "nomination", None)
    if grant.person_id:
        return str(grant.person.unit)
    if grant.household_id:
        return str(grant.household.unit)
    if nomination is not None:
        return str(nomination.dossier.unit)
    return str(grant.unit.parent or "")


def _summary(grants: list[AwardGrant], year: int) -> str:
    """ "Về việc khen thưởng năm 2025 – đợt 1" from the round's name "Khen thưởng năm 2025 –
    đợt 1"; "Về việc khen thưởng năm <year>" otherwise."""
    nomination = next((g.nomination for g in grants if hasattr(g, "nomination")), None)
    name = nomination.dossier.round.name.strip() if nomination else ""
    if name.lower().startswith("khen thưởng "):
        return f"Về việc khen thưởng {name[len('khen thưởng ') :]}"
    if name:
        return f"Về việc khen thưởng ({lower_first(name)})"
    return f"Về việc khen thưởng năm {year}"


def _counts(grants: list[AwardGrant]) -> str:
    """ "01 tập thể, 02 cá nhân"."""
    parts = []
    for field, words in KINDS:
        count = sum(1 for g in grants if getattr(g, f"{field}_id"))
        if count:
            parts.append(f"{count:02d} {words}")
    return ", ".join(parts) or "00 cá nhân"


def _signature(decision: AwardDecision, issuer: str, council_name: str) -> Signature:
    if decision.authority.strip().lower() == council_name.strip().lower():
        return Signature(titles=(f"TM. {issuer}", "CHỦ TỊCH"), signer_name=decision.signer_name)
    return Signature(titles=(decision.authority.upper(),), signer_name=decision.signer_name)


def decision_document(*, decision: AwardDecision) -> DecisionDocument:
    """What ``decision`` says (a fixed number of queries)."""
    unit = decision.issuing_unit
    council = getattr(unit, "council", None) if unit else None
    parent, issuer = council_bodies(council) if council else ("", str(unit or "").upper())
    grants = decision_grants(decision=decision)
    year = grants[0].year if grants else decision.date.year
    bases = list(LEGAL_BASES)
    for session in decision_sessions(decision=decision):
        bases.append(
            f"Căn cứ kết quả họp {council.name if council else 'Hội đồng'} "
            f"ngày {session.held_on:%d/%m/%Y};"
        )
    bases.append("Xét đề nghị của Thường trực Hội đồng Thi đua – Khen thưởng,")
    return DecisionDocument(
        header=Header(
            parent_issuer=parent,
            issuer=issuer,
            number=decision.number,
            place_date=place_date_line(place_of(unit), date_text(decision.date)),
        ),
        doc_type=DOC_TYPE,
        summary=_summary(grants, year),
        authority=decision.authority.upper(),
        bases=tuple(bases),
        article_1=(
            f"Điều 1. Tặng danh hiệu thi đua, hình thức khen thưởng năm {year} cho "
            f"{_counts(grants)} có tên trong danh sách sau:"
        ),
        columns=COLUMNS,
        rows=tuple(
            GrantRow(i, str(g.recipient), _unit(g), award_words(g))
            for i, g in enumerate(grants, start=1)
        ),
        articles=(ARTICLE_2, ARTICLE_3),
        recipients=RECIPIENTS,
        signature=_signature(decision, issuer, council.name if council else ""),
    )


def decision_pdf(document: DecisionDocument) -> bytes:
    """The decision as A4 PDF bytes (starting with ``%PDF``). Raises what
    ``common.pdf.render_pdf`` raises."""
    context = {"document": document, "header": document.header, **header_context()}
    return render_pdf(template=TEMPLATE, context=context, stylesheets=[HEADER_CSS, CSS_FILE])
