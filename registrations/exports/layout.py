"""What the exported documents say, independent of the file format.

A cluster leader's consolidated list (``cluster_list_document``) and the secretariat's overview
of a window (``overview_document``) are built here as a ``Document``: the Decree 30/2020 header
(issuing bodies top left, the national title and motto top right, the place-and-date line), the
title, the tables and the signature block. registrations/exports/xlsx.py and pdf.py lay the same
``Document`` out as a workbook and as an A4 page, so both files always say the same thing.

The words of these documents (headers, section rows, state names, signature titles) are a file
format, not interface text: they are written in Vietnamese, the language of the official
document, whatever the interface language (as in awards/imports/layout.py). Dates are written
dd/mm/yyyy; the place-and-date line follows Decree 30/2020 (Appendix I): "Sơn Tây, ngày 05
tháng 01 năm 2020" (a leading zero for days below 10 and for the months January and February).
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from campaigns.models import Cluster
from common.decree30 import council_bodies, date_text, place_date_line, place_of
from organizations.models import Unit
from registrations import selectors
from registrations.models import ClusterList, RegistrationEntry, RegistrationWindow

LIST_TITLE = "DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM {year}"
OVERVIEW_TITLE = "TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM {year}"
LIST_SIGNATURE = ("CỤM TRƯỞNG",)
BLOC_SIGNATURE = ("KHỐI TRƯỞNG",)
OVERVIEW_SIGNATURE = ("TM. HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG", "THƯỜNG TRỰC")
CLUSTER_WORDS = {Cluster.Kind.CLUSTER: "CỤM THI ĐUA", Cluster.Kind.BLOC: "KHỐI THI ĐUA"}

COLLECTIVES_SECTION = "I. TẬP THỂ"
INDIVIDUALS_SECTION = "II. CÁ NHÂN"
OUTSIDE_CLUSTERS = "Đơn vị ngoài cụm, khối thi đua"
NO_LINE = "(Không có)"
TOTAL = "Cộng"

# The state of a unit's registration (or of a cluster list) as the documents write it.
STATE_WORDS = {
    selectors.MISSING: "Chưa lập",
    "draft": "Dự thảo",
    "submitted": "Đã nộp",
    "returned": "Bị trả lại để sửa",
    "accepted": "Đã chấp thuận",
}


@dataclass(frozen=True)
class Column:
    """A table column: its header, its width (Excel character units; the PDF uses the widths
    as proportions) and how its cells are aligned ("left", "center" or "right")."""

    header: str
    width: int
    align: str = "left"


@dataclass(frozen=True)
class Row:
    """A table row. ``kind``: "line" (one value per column), "section" (``cells[0]`` written
    across the whole table, bold: "I. TẬP THỂ") or "total" (one value per column, bold)."""

    cells: tuple
    kind: str = "line"


@dataclass(frozen=True)
class Table:
    """A table of the document: ``heading`` is printed above it ("" for none), ``sheet`` is
    the worksheet it goes to in the workbook (tables of one sheet follow each other)."""

    heading: str
    sheet: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Document:
    """An official document in the Decree 30/2020 layout.

    ``parent_issuer`` and ``issuer`` are the issuing bodies (capitals; the parent may be "");
    ``place_date`` the italic line under the motto; ``notes`` paragraphs between the title and
    the tables; ``closing`` paragraphs after the tables; ``signature`` the bold titles of the
    signature block and ``signature_note`` an italic line under them.
    """

    parent_issuer: str
    issuer: str
    place_date: str
    title: str
    subtitle: str
    tables: tuple[Table, ...]
    signature: tuple[str, ...]
    signature_note: str = ""
    notes: tuple[str, ...] = ()
    closing: tuple[str, ...] = ()

    @property
    def sheets(self) -> list[str]:
        """The worksheet names, in the order their first table comes."""
        return list(dict.fromkeys(table.sheet for table in self.tables))


def date_line(*, place: str, day: datetime.date) -> str:
    """ "An Bình, ngày 05 tháng 01 năm 2020" (Decree 30/2020); without a place,
    "Ngày 05 tháng 01 năm 2020"."""
    return place_date_line(place, date_text(day))


def cluster_heading(cluster: Cluster) -> str:
    """ "CỤM THI ĐUA SỐ 1" / "KHỐI THI ĐUA SỐ 3"."""
    words = CLUSTER_WORDS.get(cluster.kind, CLUSTER_WORDS[Cluster.Kind.CLUSTER])
    return f"{words} SỐ {cluster.number}"


def _state(state: str) -> str:
    return STATE_WORDS.get(state, state)


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


# --- The cluster leader's consolidated list ---------------------------------------------------

LIST_SHEET = "Danh sách đăng ký"
LIST_COLUMNS = (
    Column("STT", 6, "center"),
    Column("Tên tập thể / cá nhân", 32),
    Column("Chức vụ", 18),
    Column("Đơn vị", 26),
    Column("Danh hiệu / hình thức đăng ký", 32),
    Column("Sáng kiến / mô hình", 34),
)


def _list_row(number: int, entry: RegistrationEntry) -> Row:
    individual = entry.kind == RegistrationEntry.Kind.INDIVIDUAL
    recipient = entry.person.full_name if individual else entry.collective.name
    award = entry.award
    return Row(
        (
            number,
            recipient,
            entry.person.position if individual else "",
            entry.registration.unit.name,
            award.name_vi if award else "",
            entry.initiative_name or entry.model_name,
        )
    )


def _section(title: str, entries: list[RegistrationEntry]) -> list[Row]:
    rows = [Row((title,), "section")]
    rows += [_list_row(number, entry) for number, entry in enumerate(entries, start=1)]
    if not entries:
        rows.append(Row(("", NO_LINE, "", "", "", "")))
    return rows


def cluster_list_document(
    *, cluster_list: ClusterList, today: datetime.date | None = None
) -> Document:
    """The consolidated list as a ``Document``: "CỤM THI ĐUA SỐ n" over the leader unit's
    name, the date line placed at the leader unit (at the council's unit when the leader is
    not an administrative unit), "DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM yyyy", one table with the
    section rows "I. TẬP THỂ" and "II. CÁ NHÂN" (numbered from 1 in each section; lines in
    ``selectors.list_entries`` order: collectives first, then individuals — son-tay-2020 §5.2)
    and the signature block "CỤM TRƯỞNG" (or "KHỐI TRƯỞNG" for a bloc).

    ``today`` (default: today) dates the document. Two queries: the list with its cluster,
    window and council, and its lines.
    """
    cluster_list = ClusterList.objects.select_related(
        "cluster__leader", "window__campaign__council__unit"
    ).get(pk=cluster_list.pk)
    cluster, window = cluster_list.cluster, cluster_list.window
    campaign = window.campaign
    leader = cluster.leader
    entries = selectors.list_entries(cluster_list=cluster_list)
    collectives = [e for e in entries if e.kind == RegistrationEntry.Kind.COLLECTIVE]
    individuals = [e for e in entries if e.kind != RegistrationEntry.Kind.COLLECTIVE]
    place_unit = leader if leader and leader.kind in Unit.ADMINISTRATIVE_KINDS else None
    place = place_of(place_unit or campaign.council.unit)
    table = Table(
        heading="",
        sheet=LIST_SHEET,
        columns=LIST_COLUMNS,
        rows=(
            *_section(COLLECTIVES_SECTION, collectives),
            *_section(INDIVIDUALS_SECTION, individuals),
        ),
    )
    return Document(
        parent_issuer=cluster_heading(cluster),
        issuer=leader.name.upper() if leader else "",
        place_date=date_line(place=place, day=_today(today)),
        title=LIST_TITLE.format(year=campaign.year),
        subtitle=campaign.name,
        tables=(table,),
        signature=BLOC_SIGNATURE if cluster.kind == Cluster.Kind.BLOC else LIST_SIGNATURE,
        signature_note=leader.name if leader else "",
        closing=(f"Tổng số: {len(collectives)} tập thể và {len(individuals)} cá nhân đăng ký.",),
    )


# --- The secretariat's overview ---------------------------------------------------------------

SUMMARY_SHEET = "Tổng hợp"
UNITS_SHEET = "Theo đơn vị"
MISSING_SHEET = "Chưa đăng ký"
CLUSTER_COLUMNS = (
    Column("STT", 6, "center"),
    Column("Cụm, khối thi đua", 30),
    Column("Đơn vị cụm trưởng", 28),
    Column("Số đơn vị", 10, "right"),
    Column("Đã đăng ký", 11, "right"),
    Column("Bị trả lại", 11, "right"),
    Column("Chưa đăng ký", 12, "right"),
    Column("Danh sách của cụm", 20),
)
AWARD_COLUMNS = (
    Column("STT", 6, "center"),
    Column("Danh hiệu / hình thức khen thưởng", 40),
    Column("Tập thể", 10, "right"),
    Column("Cá nhân", 10, "right"),
    Column("Cộng", 10, "right"),
)
UNIT_COLUMNS = (
    Column("STT", 6, "center"),
    Column("Đơn vị", 36),
    Column("Trạng thái", 20),
    Column("Số dòng đăng ký", 14, "right"),
    Column("Gia hạn đến", 14, "center"),
)
MISSING_COLUMNS = (
    Column("STT", 6, "center"),
    Column("Đơn vị", 36),
    Column("Cụm, khối thi đua", 30),
    Column("Trạng thái", 20),
)


def _cluster_table(overview: selectors.Overview) -> Table:
    rows = []
    for number, row in enumerate(overview.clusters, start=1):
        returned = row.states[selectors.Status.RETURNED]
        rows.append(
            Row(
                (
                    number,
                    row.name,
                    row.leader,
                    row.members,
                    row.registered,
                    returned,
                    row.members - row.registered,
                    _state(row.list_state or selectors.MISSING),
                )
            )
        )
    members = sum(row.members for row in overview.clusters)
    registered = sum(row.registered for row in overview.clusters)
    returned = sum(row.states[selectors.Status.RETURNED] for row in overview.clusters)
    if overview.clusters:
        total = ("", TOTAL, "", members, registered, returned, members - registered, "")
        rows.append(Row(total, "total"))
    else:
        rows.append(Row(("", "(Năm nay không có cụm, khối thi đua)", "", "", "", "", "", "")))
    return Table("I. THEO CỤM, KHỐI THI ĐUA", SUMMARY_SHEET, CLUSTER_COLUMNS, tuple(rows))


def _award_table(overview: selectors.Overview) -> Table:
    rows = [
        Row((number, award.name, award.collectives, award.individuals, award.total))
        for number, award in enumerate(overview.awards, start=1)
    ]
    collectives = sum(award.collectives for award in overview.awards)
    individuals = sum(award.individuals for award in overview.awards)
    rows.append(Row(("", TOTAL, collectives, individuals, collectives + individuals), "total"))
    return Table(
        "II. SỐ LƯỢNG ĐĂNG KÝ THEO DANH HIỆU, HÌNH THỨC KHEN THƯỞNG",
        SUMMARY_SHEET,
        AWARD_COLUMNS,
        tuple(rows),
    )


def _unit_table(overview: selectors.Overview) -> Table:
    by_cluster: dict[int | None, list[selectors.UnitRow]] = {}
    for row in overview.rows:
        by_cluster.setdefault(row.cluster_id, []).append(row)
    groups = [
        (f"{c.name} (cụm trưởng: {c.leader})" if c.leader else c.name, c.pk)
        for c in overview.clusters
    ]
    groups += [(OUTSIDE_CLUSTERS, None)]
    rows: list[Row] = []
    for title, cluster_id in groups:
        members = by_cluster.get(cluster_id, [])
        if not members:
            continue
        rows.append(Row((title,), "section"))
        rows += [
            Row((number, unit.name, _state(unit.state), unit.entries, unit.extended_until))
            for number, unit in enumerate(members, start=1)
        ]
    return Table("III. TÌNH HÌNH ĐĂNG KÝ CỦA TỪNG ĐƠN VỊ", UNITS_SHEET, UNIT_COLUMNS, tuple(rows))


def _missing_table(overview: selectors.Overview) -> Table:
    missing = overview.not_registered
    rows = [
        Row((number, unit.name, unit.cluster_name or OUTSIDE_CLUSTERS, _state(unit.state)))
        for number, unit in enumerate(missing, start=1)
    ]
    if not missing:
        rows.append(Row(("", "(Tất cả đơn vị đã đăng ký)", "", "")))
    return Table("IV. ĐƠN VỊ CHƯA ĐĂNG KÝ", MISSING_SHEET, MISSING_COLUMNS, tuple(rows))


def overview_document(
    *,
    window: RegistrationWindow,
    today: datetime.date | None = None,
    overview: selectors.Overview | None = None,
) -> Document:
    """The window's overview (``selectors.overview``) as a ``Document``: the council's bodies
    (``council_bodies``), the date line placed at the council's unit, "TỔNG HỢP ĐĂNG KÝ THI
    ĐUA NĂM yyyy", the counts, then four tables — I. per cluster (members, registered,
    returned, not registered, the list's state, with a total row), II. lines per title or form
    (collectives, individuals, total, with a total row), III. every expected unit's state by
    cluster (units outside the clusters last), IV. the units not registered — and the
    signature block "TM. HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG" / "THƯỜNG TRỰC".

    A unit counts as registered once it has submitted (son-tay-2020 §7). ``overview`` may be
    passed when already built; otherwise it is read (``selectors.overview``: six queries).
    """
    window = RegistrationWindow.objects.select_related("campaign__council__unit").get(pk=window.pk)
    campaign = window.campaign
    overview = overview or selectors.overview(window=window)
    parent, issuer = council_bodies(campaign.council)
    day = _today(today)
    counts = (
        f"Số đơn vị phải đăng ký: {len(overview.rows)}; đã đăng ký: {overview.registered}; "
        f"bị trả lại để sửa: {overview.returned}; chưa đăng ký: {len(overview.not_registered)}."
    )
    return Document(
        parent_issuer=parent,
        issuer=issuer,
        place_date=date_line(place=place_of(campaign.council.unit), day=day),
        title=OVERVIEW_TITLE.format(year=campaign.year),
        subtitle=campaign.name,
        notes=(
            f"Hạn đăng ký: {window.closes_on:%d/%m/%Y}. Số liệu tính đến {day:%d/%m/%Y}.",
            counts,
        ),
        tables=(
            _cluster_table(overview),
            _award_table(overview),
            _unit_table(overview),
            _missing_table(overview),
        ),
        signature=OVERVIEW_SIGNATURE,
    )
