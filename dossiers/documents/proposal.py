"""What a dossier's proposal letter (tờ trình, Decree 152/2025 Form 01) and its nominee list
say, whatever the file format: plain dataclasses that pdf.py and docx.py lay out, so the PDF
and the Word file say the same thing. The unit prints one, signs it and uploads the signed scan
as the dossier's ``proposal_letter`` attachment (Law Art. 84; LAW.md §4).

Decree 30/2020 layout (LAW.md §7): the unit's parent over the unit (upper case), the national
title and motto, "Số:      /TTr-UBND" and "An Bình, ngày      tháng      năm 2025" — the clerk
writes the number and the date when the signed letter is registered — "TỜ TRÌNH" and its
summary, "Kính gửi: <council>", the legal bases and the round, the counts per award, Nơi nhận
and the signature block, the signer's name left blank. Document words: Vietnamese in every
interface language (as registrations/exports).
"""

import datetime
from dataclasses import dataclass, replace

from django.utils import timezone

from awards.models import AwardGrant, EmulationTitle
from common.decree30 import place_date_line, place_of
from dossiers.models import Dossier, Nomination
from organizations.models import Unit

BLANK = "\u00a0" * 6  # room for the clerk's handwriting (non-breaking: kept in HTML and Word)
DOC_TYPE = "TỜ TRÌNH"
SUBJECT = "Về việc đề nghị tặng danh hiệu thi đua, hình thức khen thưởng năm {year}"
LEGAL_BASES = (
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của "
    "Luật Thi đua, khen thưởng;",
)
ATTACHED = "(Có danh sách kèm theo)"
RECIPIENTS = ("- Như trên;", "- Lưu: VT.")
HEAD_TITLE = "THỦ TRƯỞNG ĐƠN VỊ"
LIST_TITLE = "DANH SÁCH"
LIST_SUBJECT = "Đề nghị tặng danh hiệu thi đua, hình thức khen thưởng năm {year}"
LIST_COLUMNS = ("STT", "Họ và tên / tên tập thể", "Chức vụ", "Đơn vị")
LIST_COLUMNS += ("Danh hiệu / hình thức đề nghị", "Tóm tắt thành tích")
# Kinds of nominee, in the order the counts name them, with their words.
KIND_WORDS = (("collective", "tập thể"), ("household", "hộ gia đình"), ("individual", "cá nhân"))


@dataclass(frozen=True)
class AwardCount:
    """How many nominees of each kind a dossier proposes for one award.

    ``award`` is how the letter names it: "Danh hiệu “Lao động tiên tiến”" for a title, the
    form's name ("Giấy khen") for a form of commendation.
    """

    award: str
    collective: int = 0
    household: int = 0
    individual: int = 0

    @property
    def counts_text(self) -> str:
        """ "01 tập thể, 02 cá nhân": kinds with no nominee left out, a leading zero below 10
        as official documents write counts."""
        counts = [(getattr(self, kind), words) for kind, words in KIND_WORDS]
        return ", ".join(f"{count:02d} {words}" for count, words in counts if count)

    @property
    def text(self) -> str:
        """ "Danh hiệu “Lao động tiên tiến”: 02 cá nhân"."""
        return f"{self.award}: {self.counts_text}"


@dataclass(frozen=True)
class Header:
    """The Decree 30 header: issuing bodies (upper case; the parent may be ""), the number
    line ("" for none) and the italic place-and-date line."""

    parent_issuer: str
    issuer: str
    number: str
    place_date: str


@dataclass(frozen=True)
class Signature:
    """The signature block: bold titles ("TM. PHƯỜNG AN BÌNH", "THỦ TRƯỞNG ĐƠN VỊ") and the
    signer's name ("" — written by hand when signing)."""

    titles: tuple[str, ...]
    signer_name: str = ""


@dataclass(frozen=True)
class ProposalLetter:
    """The proposal letter of a dossier (Decree 152/2025 Form 01 in the Decree 30 layout).

    ``summary`` is the bold line under "TỜ TRÌNH"; ``addressee`` "Kính gửi: …";
    ``bases`` the legal bases and the round; ``request`` the sentence that introduces
    ``counts`` (one ``AwardCount`` per award, in the order first proposed), ``total`` the
    totals line; ``closing`` the last sentence; ``recipients`` the Nơi nhận lines.
    """

    header: Header
    doc_type: str
    summary: str
    addressee: str
    bases: tuple[str, ...]
    request: str
    counts: tuple[AwardCount, ...]
    total: str
    attached: str
    closing: str
    recipients: tuple[str, ...]
    signature: Signature


@dataclass(frozen=True)
class NomineeRow:
    """One line of the nominee list: one nomination."""

    number: int
    name: str
    position: str
    unit: str
    award: str
    summary: str

    @property
    def cells(self) -> tuple[str, ...]:
        """The row's texts in ``LIST_COLUMNS`` order."""
        return (str(self.number), self.name, self.position, self.unit, self.award, self.summary)


@dataclass(frozen=True)
class NomineeList:
    """The list attached to the letter: ``header`` without a number of its own, ``title``
    "DANH SÁCH", ``summary`` its subject, ``reference`` "(Kèm theo Tờ trình số … của …)", one
    row per nomination, the totals line."""

    header: Header
    title: str
    summary: str
    reference: str
    columns: tuple[str, ...]
    rows: tuple[NomineeRow, ...]
    total: str
    signature: Signature


def _dossier(dossier: Dossier) -> Dossier:
    return Dossier.objects.select_related("round__council", "unit__parent__parent").get(
        pk=dossier.pk
    )


def _nominations(dossier: Dossier) -> list[Nomination]:
    return list(
        dossier.nominations.select_related(
            "person__unit", "collective__parent", "household__unit", "title", "form"
        )
    )


def _place_unit(unit: Unit) -> Unit:
    """The nearest administrative unit among ``unit``, its parent and grandparent (loaded by
    ``_dossier``), for the date line's place; ``unit`` itself when none is."""
    parent = unit.parent
    candidates = (unit, parent, parent.parent if parent else None)
    admin = [u for u in candidates if u is not None and u.kind in Unit.ADMINISTRATIVE_KINDS]
    return admin[0] if admin else unit


def _number(unit: Unit) -> str:
    """ "Số:      /TTr-UBND" for a commune, ward or district; "/TTr-…" for another body,
    whose abbreviation the clerk writes."""
    symbol = "UBND" if unit.kind in Unit.ADMINISTRATIVE_KINDS else "…"
    return f"{BLANK}/TTr-{symbol}"


def _blank_date(today: datetime.date) -> str:
    """ "ngày      tháng      năm 2025": the clerk writes the day and month at signing."""
    return f"ngày{BLANK}tháng{BLANK}năm {today.year}"


def _header(dossier: Dossier, today: datetime.date) -> Header:
    unit = dossier.unit
    return Header(
        parent_issuer=unit.parent.name.upper() if unit.parent else "",
        issuer=unit.name.upper(),
        number=_number(unit),
        place_date=place_date_line(place_of(_place_unit(unit)), _blank_date(today)),
    )


def _signature(dossier: Dossier) -> Signature:
    return Signature(titles=(f"TM. {dossier.unit.name.upper()}", HEAD_TITLE))


def award_words(line: Nomination | AwardGrant) -> str:
    """ "Danh hiệu “Lao động tiên tiến”" for a title; the form's name for a form (of a
    nomination, or of anything else with an ``award``)."""
    award = line.award
    if isinstance(award, EmulationTitle):
        return f"Danh hiệu “{award.name_vi}”"
    return award.name_vi


def _kind_counts(nominations: list[Nomination]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for nomination in nominations:
        kind = str(nomination.recipient_kind)
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def award_counts(nominations: list[Nomination]) -> tuple[AwardCount, ...]:
    """One ``AwardCount`` per award, in the order each award is first proposed."""
    by_award: dict[str, list[Nomination]] = {}
    for nomination in nominations:
        by_award.setdefault(award_words(nomination), []).append(nomination)
    return tuple(AwardCount(award=a, **_kind_counts(group)) for a, group in by_award.items())


def total_text(nominations: list[Nomination]) -> str:
    """ "Tổng số: 01 tập thể, 02 cá nhân." ("Tổng số: 00 cá nhân." for none)."""
    if not nominations:
        return "Tổng số: 00 cá nhân."
    return f"{AwardCount(award='Tổng số', **_kind_counts(nominations)).text}."


def _nominees_words(nominations: list[Nomination]) -> str:
    kinds = {str(n.recipient_kind) for n in nominations}
    words = [w for kind, w in KIND_WORDS if kind in kinds] or ["cá nhân"]
    return ", ".join(words)


def proposal_letter(*, dossier: Dossier, today: datetime.date | None = None) -> ProposalLetter:
    """The dossier's proposal letter, for a year of ``today`` (default: today) in the date
    line. Two queries (the dossier with its round, council and units; its nominations)."""
    dossier = _dossier(dossier)
    nominations = _nominations(dossier)
    round_, unit = dossier.round, dossier.unit
    council = round_.council.name
    year = round_.year
    return ProposalLetter(
        header=_header(dossier, today or timezone.localdate()),
        doc_type=DOC_TYPE,
        summary=SUBJECT.format(year=year),
        addressee=f"Kính gửi: {council}",
        bases=(
            *LEGAL_BASES,
            f"Thực hiện đợt xét “{round_.name}” của {council};",
        ),
        request=(
            f"{unit.name} đề nghị {council} xem xét, tặng danh hiệu thi đua, hình thức khen "
            f"thưởng năm {year} cho các {_nominees_words(nominations)} sau:"
        ),
        counts=award_counts(nominations),
        total=total_text(nominations),
        attached=ATTACHED,
        closing=f"{unit.name} kính trình {council} xem xét, quyết định./.",
        recipients=RECIPIENTS,
        signature=_signature(dossier),
    )


def _row(number: int, nomination: Nomination) -> NomineeRow:
    if nomination.person_id:
        person = nomination.person
        name, position, unit = person.full_name, person.position, person.unit.name
    elif nomination.collective_id:
        collective = nomination.collective
        parent = collective.parent
        name, position, unit = collective.name, "", parent.name if parent else ""
    else:
        household = nomination.household
        name, position, unit = f"Hộ gia đình {household.name}", "", household.unit.name
    award = nomination.award.name_vi
    return NomineeRow(number, name, position, unit, award, nomination.summary)


def nominee_list(*, dossier: Dossier, today: datetime.date | None = None) -> NomineeList:
    """The list attached to the letter: one row per nomination in the dossier's order.
    Two queries."""
    dossier = _dossier(dossier)
    nominations = _nominations(dossier)
    today = today or timezone.localdate()
    header = _header(dossier, today)
    return NomineeList(
        header=replace(header, number=""),  # the letter's number is in ``reference``
        title=LIST_TITLE,
        summary=LIST_SUBJECT.format(year=dossier.round.year),
        reference=(
            f"(Kèm theo Tờ trình số{header.number} {_blank_date(today)} của {dossier.unit.name})"
        ),
        columns=LIST_COLUMNS,
        rows=tuple(_row(number, n) for number, n in enumerate(nominations, start=1)),
        total=total_text(nominations),
        signature=_signature(dossier),
    )
