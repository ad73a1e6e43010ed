"""The minutes of a council session (Biên bản họp Hội đồng Thi đua – Khen thưởng) as an A4 PDF.

``session_minutes(session=…)`` says what the minutes hold: the Decree 30 header of the
council, the day and place, the chair and the secretary, who was present and who absent, the
quorum, then per nomination the votes (present and written together), the share of "yes" among
ALL members against the award's threshold, and the result (LAW.md §1, §5); the secretary and
the chair sign. ``minutes_pdf`` lays it out with ``templates/dossiers/pdf/minutes.html`` on the
shared Decree 30 header and ``static/css/dossier-documents-pdf.css``.

These are document words: Vietnamese in every interface language.
"""

from dataclasses import dataclass

from common.decree30 import (
    HEADER_CSS,
    council_bodies,
    date_text,
    header_context,
    place_date_line,
    place_of,
)
from common.pdf import render_pdf
from dossiers.documents.pdf import CSS_FILE
from dossiers.documents.proposal import Header, award_words
from dossiers.models import CouncilSession
from dossiers.selectors.council import Ballot, session_ballots
from dossiers.services.council import session_quorum

TEMPLATE = "dossiers/pdf/minutes.html"
DOC_TYPE = "BIÊN BẢN"
COLUMNS = (
    "STT",
    "Họ và tên / tập thể",
    "Đơn vị",
    "Danh hiệu / hình thức",
    "Đồng ý",
    "Không đồng ý",
    "Không biểu quyết",
    "Tỷ lệ đồng ý",
    "Tỷ lệ cần đạt",
    "Kết quả",
)
RESULT_WORDS = {True: "Đạt", False: "Không đạt", None: "Chưa bỏ phiếu"}


def percent_text(value: float) -> str:
    """ "80%", "73,3%": one decimal (with a comma) only when the share is not whole."""
    rounded = round(value, 1)
    if rounded == int(rounded):
        return f"{int(rounded)}%"
    return f"{rounded:.1f}%".replace(".", ",")


def threshold_text(threshold: int | None) -> str:
    """ "≥ 80%" or "> 50%" (more than half, when the award's rule sets no threshold)."""
    return "> 50%" if threshold is None else f"≥ {threshold}%"


def lower_first(text: str) -> str:
    """ "Khen thưởng năm 2025" → "khen thưởng năm 2025", for use mid-sentence; a name whose
    second word is capitalised ("Hà Nội …") is kept."""
    words = text.split(maxsplit=2)
    if len(words) >= 2 and words[1][:1].islower():
        return text[:1].lower() + text[1:]
    return text


@dataclass(frozen=True)
class MemberLine:
    number: int
    name: str
    position: str


@dataclass(frozen=True)
class BallotRow:
    """One nomination's line of the ballot table."""

    number: int
    name: str
    unit: str
    award: str
    yes: str
    no: str
    abstain: str
    percent: str
    threshold: str
    result: str


@dataclass(frozen=True)
class Minutes:
    header: Header
    doc_type: str
    summary: str
    opening: tuple[str, ...]
    present: tuple[MemberLine, ...]
    absent: tuple[MemberLine, ...]
    ballot_heading: str
    columns: tuple[str, ...]
    rows: tuple[BallotRow, ...]
    note: str
    conclusion: str
    secretary_name: str
    chair_name: str


def _members(session: CouncilSession, present: bool) -> tuple[MemberLine, ...]:
    members = [m for m in session.members.all() if m.present == present]
    return tuple(MemberLine(i, m.full_name, m.position) for i, m in enumerate(members, start=1))


def _count(ballot: Ballot, key: str) -> str:
    if ballot.vote is None:
        return ""
    return str(getattr(ballot.vote, key) + getattr(ballot.vote, f"written_{key}"))


def _row(number: int, ballot: Ballot) -> BallotRow:
    nomination = ballot.nomination
    voted = ballot.vote is not None
    result = RESULT_WORDS[ballot.approved] if ballot.eligible else "Không đủ điều kiện"
    return BallotRow(
        number=number,
        name=str(nomination.nominee),
        unit=str(nomination.dossier.unit),
        award=award_words(nomination),
        yes=_count(ballot, "yes"),
        no=_count(ballot, "no"),
        abstain=_count(ballot, "abstain"),
        percent=percent_text(ballot.percent) if voted else "",
        threshold=threshold_text(ballot.threshold),
        result=result,
    )


def _opening(session: CouncilSession, present: int, total: int, met: bool) -> tuple[str, ...]:
    quorum = session.round.council.quorum_percent
    share = percent_text(100 * present / total) if total else "0%"
    lines = [f"Thời gian: {date_text(session.held_on)}."]
    if session.place:
        lines.append(f"Địa điểm: {session.place}.")
    if session.chair_name:
        lines.append(f"Chủ trì: {session.chair_name}.")
    if session.secretary_name:
        lines.append(f"Thư ký: {session.secretary_name}.")
    lines.append(
        f"Tổng số thành viên Hội đồng: {total}; có mặt: {present} ({share}); "
        f"vắng mặt: {total - present}."
    )
    verdict = "đạt" if met else "không đạt"
    lines.append(
        f"Số thành viên có mặt {verdict} tỷ lệ tối thiểu {quorum}% tổng số thành viên Hội đồng."
    )
    return tuple(lines)


def session_minutes(*, session: CouncilSession) -> Minutes:
    """What the minutes of ``session`` say (a fixed number of queries)."""
    council = session.round.council
    met, present, total = session_quorum(session=session)
    ballots = [b for b in session_ballots(session=session, member_count=total) if b.eligible]
    parent, issuer = council_bodies(council)
    approved = sum(1 for b in ballots if b.approved)
    return Minutes(
        header=Header(
            parent_issuer=parent,
            issuer=issuer,
            number="",
            place_date=place_date_line(place_of(council.unit), date_text(session.held_on)),
        ),
        doc_type=DOC_TYPE,
        summary=f"Họp {council.name} xét {lower_first(session.round.name)}",
        opening=_opening(session, present, total, met),
        present=_members(session, True),
        absent=_members(session, False),
        ballot_heading=(
            f"Kết quả bỏ phiếu kín (tỷ lệ tính trên tổng số {total} thành viên Hội đồng):"
        ),
        columns=COLUMNS,
        rows=tuple(_row(i, b) for i, b in enumerate(ballots, start=1)),
        note=(
            "Số phiếu gồm phiếu của thành viên có mặt và ý kiến bằng văn bản của thành viên "
            "vắng mặt."
        ),
        conclusion=(
            f"Hội đồng thống nhất đề nghị khen thưởng {approved}/{len(ballots)} trường hợp "
            "đạt tỷ lệ phiếu đồng ý theo quy định."
        ),
        secretary_name=session.secretary_name,
        chair_name=session.chair_name,
    )


def minutes_pdf(minutes: Minutes) -> bytes:
    """The minutes as A4 PDF bytes (starting with ``%PDF``). Raises what
    ``common.pdf.render_pdf`` raises."""
    context = {"document": minutes, "header": minutes.header, **header_context()}
    return render_pdf(template=TEMPLATE, context=context, stylesheets=[HEADER_CSS, CSS_FILE])
