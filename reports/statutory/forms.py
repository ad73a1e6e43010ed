"""The statutory statistical forms on emulation and commendation of the Ministry of Home Affairs
(Thông tư 02/2023/TT-BNV ngày 23/3/2023 quy định chế độ báo cáo thống kê ngành Nội vụ, biểu
0601–0605), filled from the data of one council's area for one year.

Where the rows and columns come from
------------------------------------
The Circular's own appendix (the form templates) could not be read: the official text is not
in the sources available while this was written (luatvietnam.vn shows only the summary to
visitors). The layout below follows an independent implementation of the same forms in an
open-source emulation-and-commendation system used by Vietnamese provinces (GitHub
``lifephongphanmem/thiduakhenthuong``, ``resources/views/BaoCao/TT022023/Mau0601–0603.blade.php``,
and ``lifephongphanmem/thiduakhenthuong_php8`` for ``Mau0604`` and ``Mau0605``), which prints
"Biểu số: 0601.N/BNV-TĐKT … Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023". So:

- Confirmed from that source (not from the Circular itself): the titles, the row labels, the
  column headers and the A/B/C/1/2… numbering of all five forms; "Ngày nhận báo cáo: ngày 15
  tháng 12 năm báo cáo" on 0601 and 0602; "Đơn vị tính: Phong trào" on 0601.
- Not confirmed, chosen here: the row codes are written on two digits everywhere (the source
  writes 1, 2, 3, 6, 7… without a zero on 0602, and has no rows 04 and 05 there: kept as in the
  source); the second section of 0603 is numbered "2." (the source jumps to "3."); the last row
  of 0605 is 15 (the source repeats 14); the sub-columns of the "each form in its own column"
  groups of 0602 (orders and medals, State honorary titles, other forms) follow the catalog
  (one column per form, "Tập thể" and/or "Cá nhân" by the form's recipients).

How the data fills them (scope: the council's unit and every unit below it; one year)
------------------------------------------------------------------------------------
- 0601: launched (or ended) campaigns of the year of the council and the councils below it;
  column 3 when launched by a province's council, column 4 otherwise; the clusters and blocs of
  the year count as campaigns of column 4 (row 04), one year long, regular. Column 2 (the
  Central Council's campaigns) is not recorded: filled in by hand.
- 0602 / 0603: the year's grants (``AwardGrant.year``), revoked ones left out, to people,
  collectives and households of the area; each award goes to a column by its catalog kind and
  code and, for "other forms", by its conferring level in the rules in force (``AwardRule``).
  Households are counted under "Tập thể". The proposer to the Prime Minister, the category of
  an individual (leader, entrepreneur, worker) and the kinds of commendation the system does
  not record (đối ngoại, niên hạn, kháng chiến) are filled in by hand — unless the column
  holds no grant at all, when the breakdown is 0.
- 0604: bodies of emulation and commendation work are not recorded: every figure by hand; the
  councils and their members in the system are given in a note.
- 0605: people with a secretariat or unit-officer account in the area, now; gender, age,
  education and years in the work are not recorded: by hand.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from awards.models import AwardForm, ConferringLevel, RecipientKind
from campaigns.models import Campaign
from common.decree30 import place_of
from organizations.models import Council, Membership, Unit
from reports.statutory.layout import (
    CODE,
    LABEL,
    UNIT,
    FormColumn,
    FormRow,
    Manual,
    StatForm,
    Sum,
)
from reports.statutory.selectors import (
    FIVE_AND_MORE,
    LOCAL,
    ONE_TO_THREE,
    ONE_YEAR,
    PROVINCIAL,
    THREE_TO_FIVE,
    UNDER_ONE_YEAR,
    FormData,
    GrantGroup,
)

RECEIPT_DAY = "Ngày 15 tháng 12 năm báo cáo"
MINISTRY = "Bộ Nội vụ"
SPLIT = "Chia ra"
IND, COL, HH = RecipientKind.INDIVIDUAL, RecipientKind.COLLECTIVE, RecipientKind.HOUSEHOLD

# Why a cell is left to a person (document words).
WHY_RECEIVER = (
    "Không có hội đồng thi đua – khen thưởng cấp trên trong hệ thống để ghi làm đơn vị nhận "
    "báo cáo."
)
WHY_CENTRAL_CAMPAIGN = (
    "Hệ thống chỉ lưu các phong trào do hội đồng thi đua – khen thưởng trong hệ thống phát "
    "động, không lưu phong trào do Hội đồng Thi đua – Khen thưởng Trung ương phát động."
)
WHY_DURATION = "Có phong trào chưa ghi ngày bắt đầu, ngày kết thúc nên chưa xếp được theo thời hạn."
WHY_PROPOSER = (
    "Hệ thống không lưu cơ quan ban hành tờ trình Thủ tướng Chính phủ đề nghị khen thưởng."
)
WHY_PERSON_CATEGORY = (
    "Hệ thống không phân loại cá nhân theo cấp lãnh đạo, doanh nhân hay người trực tiếp lao "
    "động (chức vụ chỉ được ghi dạng văn bản tự do)."
)
WHY_METHOD = (
    "Hệ thống chỉ ghi nhận khen thưởng theo công trạng (thường xuyên), chuyên đề, đột xuất và "
    "cống hiến; không có loại khen thưởng đối ngoại, niên hạn, kháng chiến."
)
WHY_PRIZE = (
    "Danh mục khen thưởng gộp «Giải thưởng Hồ Chí Minh, Giải thưởng Nhà nước» thành một hình "
    "thức nên không tách được hai cột."
)
WHY_ORGANISATION = (
    "Hệ thống không lưu cơ cấu tổ chức bộ máy làm công tác thi đua, khen thưởng (vụ, ban, phòng)."
)
WHY_STAFF = (
    "Tài khoản người dùng không gắn với hồ sơ cán bộ (giới tính, năm sinh, trình độ đào tạo, "
    "thâm niên công tác)."
)


def _text_columns(*, unit: bool, label_width: int = 46) -> list[FormColumn]:
    """Columns A (row labels), B (Mã số) and, with ``unit``, C (Đơn vị tính)."""
    columns = [FormColumn(LABEL, ("",), "A", label_width), FormColumn(CODE, ("Mã số",), "B", 7)]
    if unit:
        columns.append(FormColumn(UNIT, ("Đơn vị tính",), "C", 12))
    return columns


def _frame(data: FormData, code: str, title: str, columns, rows, **fields) -> StatForm:
    """A form with the title block of ``data``'s council and year."""
    council = data.council
    receiving = data.receiving_council
    if receiving is not None:
        receiving_unit = receiving.name
    elif council.unit.kind == Unit.Kind.PROVINCE:
        receiving_unit = MINISTRY
    else:
        receiving_unit = Manual(WHY_RECEIVER, what="Đơn vị nhận báo cáo (phần đầu biểu)")
    return StatForm(
        code=code,
        number=f"{code}.N/BNV-TĐKT",
        title=title,
        reporting_unit=council.name,
        receiving_unit=receiving_unit,
        period=f"Năm {data.year}",
        columns=columns,
        rows=rows,
        place=place_of(council.unit),
        **fields,
    )


def _zero_or(count: int, why: str, hint: str = "") -> int | Manual:
    """0 when the figure being broken down is 0 (every part is then 0), else a cell to fill."""
    return 0 if count == 0 else Manual(why, hint)


# 0601 -----------------------------------------------------------------------------------

SPLIT_0601 = "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua"
DURATION_ROWS = (
    ("d_under_1", "06", "- Dưới 1 năm", UNDER_ONE_YEAR),
    ("d_1", "07", "- 1 năm", ONE_YEAR),
    ("d_1_3", "08", "- Từ 1 năm đến dưới 3 năm", ONE_TO_THREE),
    ("d_3_5", "09", "- Từ 3 năm đến dưới 5 năm", THREE_TO_FIVE),
    ("d_5", "10", "- Từ 5 năm trở lên", FIVE_AND_MORE),
)
SCOPE_ROWS = ("nationwide", "ministry_local", "clusters", "agencies")


def form_0601(data: FormData) -> StatForm:
    """Biểu 0601.N/BNV-TĐKT "Số phong trào thi đua" (see the module docstring)."""
    columns = [
        *_text_columns(unit=False),
        FormColumn("total", ("Tổng số", None), "1=(2+3+4)", 12),
        FormColumn(
            "central",
            (SPLIT_0601, "Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)"),
            "2",
            18,
            "Cấp Trung ương",
        ),
        FormColumn(
            "province",
            (
                SPLIT_0601,
                "Cấp bộ, ban ngành đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương",
            ),
            "3",
            22,
            "Cấp bộ, ngành, tỉnh",
        ),
        FormColumn("agency", (SPLIT_0601, "Cơ quan, tổ chức, đơn vị"), "4", 16),
    ]
    facts, clusters = data.campaigns, data.clusters

    def count(launcher: str, keep: Callable = lambda fact: True) -> int:
        return sum(1 for fact in facts if fact.launcher == launcher and keep(fact))

    central = Manual(WHY_CENTRAL_CAMPAIGN)

    def line(key, code, label, *, central_cell=None, province=None, agency=None) -> FormRow:
        cells = {"central": central_cell, "province": province, "agency": agency}
        cells["total"] = Sum(tuple((key, c) for c in ("central", "province", "agency")))
        return FormRow(key, label, code, cells=cells)

    total_cells = {
        column: Sum(tuple((row, column) for row in SCOPE_ROWS))
        for column in ("central", "province", "agency")
    }
    total_cells["total"] = Sum(tuple(("total", c) for c in ("central", "province", "agency")))
    rows = [
        FormRow("total", "Tổng số", "01", kind="total", cells=total_cells),
        FormRow("s_scope", "1. Chia theo phạm vi tổ chức thi đua", kind="section"),
        line("nationwide", "02", "- Toàn quốc", central_cell=central),
        line(
            "ministry_local",
            "03",
            "- Bộ, ban, ngành đoàn thể, địa phương",
            province=count(PROVINCIAL),
        ),
        line(
            "clusters",
            "04",
            "- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức",
            agency=clusters,
        ),
        line("agencies", "05", "- Cơ quan, tổ chức, đơn vị", agency=count(LOCAL)),
        FormRow("s_duration", "2. Chia theo thời hạn thi đua", kind="section"),
    ]
    unknown = {
        launcher: [f.name for f in facts if f.launcher == launcher and f.duration is None]
        for launcher in (PROVINCIAL, LOCAL)
    }

    def by_duration(launcher: str, duration: str, extra: int = 0) -> int | Manual:
        known = count(launcher, lambda fact: fact.duration == duration) + extra
        if not unknown[launcher]:
            return known
        hint = "Chưa xếp được: " + "; ".join(unknown[launcher])
        return Manual(WHY_DURATION, hint=hint, value=known)

    for key, code, label, duration in DURATION_ROWS:
        extra = clusters if duration == ONE_YEAR else 0
        rows.append(
            line(
                key,
                code,
                label,
                central_cell=central,
                province=by_duration(PROVINCIAL, duration),
                agency=by_duration(LOCAL, duration, extra),
            )
        )
    thematic = (Campaign.Kind.THEMATIC, Campaign.Kind.PERIODIC)
    rows += [
        FormRow("s_method", "3. Chia theo phương thức tổ chức phong trào thi đua", kind="section"),
        line(
            "thematic",
            "11",
            "- Thi đua theo chuyên đề",
            central_cell=central,
            province=count(PROVINCIAL, lambda f: f.kind in thematic),
            agency=count(LOCAL, lambda f: f.kind in thematic),
        ),
        line(
            "regular",
            "12",
            "- Thi đua thường xuyên hàng năm",
            central_cell=central,
            province=count(PROVINCIAL, lambda f: f.kind == Campaign.Kind.REGULAR),
            agency=count(LOCAL, lambda f: f.kind == Campaign.Kind.REGULAR) + clusters,
        ),
    ]
    notes = (
        f"Số liệu lấy từ các phong trào thi đua năm {data.year} đã phát động của "
        f"{data.council.name} và các hội đồng thi đua – khen thưởng cấp dưới. Cột 3: phong trào "
        "do hội đồng cấp tỉnh phát động; cột 4: do hội đồng cấp huyện, xã, cơ quan, đơn vị phát "
        "động, cộng các cụm, khối thi đua của năm (mỗi cụm, khối tính là một phong trào thi "
        "đua thường xuyên, thời hạn 1 năm).",
        "Thời hạn tính theo ngày bắt đầu và ngày kết thúc; phong trào thường xuyên không ghi ngày "
        "được tính là 1 năm. Thi đua theo đợt được tính vào thi đua theo chuyên đề.",
    )
    return _frame(
        data,
        "0601",
        "SỐ PHONG TRÀO THI ĐUA",
        columns,
        rows,
        receipt_day=RECEIPT_DAY,
        measure="Đơn vị tính: Phong trào",
        notes=notes,
    )


# 0602 and 0603: awards ---------------------------------------------------------------------

STATE, MINISTERIAL = "0602", "0603"


def award_buckets(data: FormData) -> dict[tuple[str, int], tuple[str, str]]:
    """Where each award of the catalog is counted: ``("t"|"f", id) → (form, bucket)``; awards
    counted by neither form (Giấy khen, Lao động tiên tiến, Tập thể lao động xuất sắc…) are
    left out.

    By kind and code: orders and medals, prizes, State honorary titles, the Government
    Emulation Flag, the Prime Minister's Bằng khen and National Emulation Fighter → 0602;
    other Bằng khen, Provincial Emulation Fighter and Flag, commemorative medals → 0603; any
    other award conferred at the central level (``AwardRule.conferring_level`` in force for
    the year) → 0602 "other forms".
    """
    buckets: dict[tuple[str, int], tuple[str, str]] = {}
    titles = {
        "emulation_flag_government": (STATE, "flag"),
        "emulation_fighter_national": (STATE, "fighter"),
        "emulation_fighter_provincial": (MINISTERIAL, "fighter"),
        "emulation_flag_provincial": (MINISTERIAL, "flag"),
    }
    kinds = {
        AwardForm.Kind.ORDER: (STATE, "order_medal"),
        AwardForm.Kind.MEDAL: (STATE, "order_medal"),
        AwardForm.Kind.PRIZE: (STATE, "prize"),
        AwardForm.Kind.STATE_HONORARY_TITLE: (STATE, "honorary"),
        AwardForm.Kind.COMMEMORATIVE_MEDAL: (MINISTERIAL, "commemorative"),
        AwardForm.Kind.CERTIFICATE_OF_COMMENDATION: (MINISTERIAL, "certificate"),
    }

    def central(code: str) -> bool:
        rule = data.rules.get(code)
        return rule is not None and rule.conferring_level == ConferringLevel.CENTRAL

    for title in data.titles.values():
        bucket = titles.get(title.code) or ((STATE, "other") if central(title.code) else None)
        if bucket:
            buckets[("t", title.pk)] = bucket
    for form in data.forms.values():
        if form.code == "certificate_of_commendation_pm":
            bucket = (STATE, "pm")
        else:
            bucket = kinds.get(form.kind) or ((STATE, "other") if central(form.code) else None)
        if bucket:
            buckets[("f", form.pk)] = bucket
    return buckets


def award_key(group: GrantGroup) -> tuple[str, int]:
    """``("t", title id)`` or ``("f", form id)``."""
    return ("t", group.title_id) if group.title_id else ("f", group.form_id)


def side(group: GrantGroup) -> str:
    """The sub-column of a grant: "individual", or "collective" for collectives and
    households."""
    return IND if group.recipient == IND else COL


@dataclass(frozen=True)
class AwardColumn:
    """A figure column of 0602/0603: which grant groups it counts, and, when the catalog
    cannot tell its parts apart (the two prizes), why its cells are filled in by hand."""

    column: FormColumn
    match: Callable[[GrantGroup], bool]
    unknown_split: str = ""


@dataclass(frozen=True)
class AwardRow:
    """A row of 0602/0603: which grant groups it counts (None for a section heading); with
    ``manual``, its cells are filled in by hand (why), except in the columns where ``base``
    (the groups it breaks down) counts nothing."""

    key: str
    label: str
    code: str = ""
    unit: str = ""
    kind: str = "line"
    match: Callable[[GrantGroup], bool] | None = None
    manual: str = ""
    base: Callable[[GrantGroup], bool] | None = None


def _everything(group: GrantGroup) -> bool:
    return True


def _individual(group: GrantGroup) -> bool:
    return group.recipient == IND


def _award_rows(groups: list[GrantGroup], columns: list[AwardColumn], specs) -> list[FormRow]:
    """The rows of an awards form: counts of ``groups`` by row and column."""

    def count(row_match, column_match) -> int:
        return sum(g.count for g in groups if row_match(g) and column_match(g))

    rows = []
    figure_keys = [c.column.key for c in columns]
    for spec in specs:
        if spec.kind == "section":
            rows.append(FormRow(spec.key, spec.label, kind="section"))
            continue
        cells: dict = {}
        for column in columns:
            if spec.manual:
                base = count(spec.base or _everything, column.match)
                cells[column.column.key] = _zero_or(base, spec.manual)
                continue
            n = count(spec.match, column.match)
            if column.unknown_split and n:
                hint = f"Hệ thống ghi nhận {n} lượt (gộp hai loại) ở hàng này."
                cells[column.column.key] = Manual(column.unknown_split, hint)
            else:
                cells[column.column.key] = n
        if spec.manual:
            cells["total"] = Sum(tuple((spec.key, key) for key in figure_keys))
        else:
            cells["total"] = count(spec.match, _everything)
        rows.append(FormRow(spec.key, spec.label, spec.code, spec.unit, spec.kind, cells))
    return rows


def _achievement(value: str) -> Callable[[GrantGroup], bool]:
    return lambda group: group.achievement == value


LEADER_ROWS = (
    ("leaders_ministry", "+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên"),
    ("leaders_department", "+ Lãnh đạo cấp vụ, sở, ngành và tương đương"),
    ("entrepreneurs", "+ Doanh nhân"),
    ("leaders_other", "+ Các cấp lãnh đạo khác từ phó phòng trở lên"),
    (
        "workers",
        "+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu "
        "(công nhân, nông dân, …)",
    ),
)
METHOD_ROWS = (
    ("regular", "- Thường xuyên", "merit"),
    ("thematic", "- Chuyên đề", "thematic"),
    ("sudden", "- Đột xuất", "sudden"),
    ("foreign", "- Đối ngoại", None),
    ("contribution", "- Cống hiến", "contribution"),
    ("seniority", "- Niên hạn", None),
    ("resistance", "- Kháng chiến", None),
)


def _recipient_specs(first_code: int) -> list[AwardRow]:
    """ "Chia theo đối tượng khen thưởng": collectives (of which enterprises), households,
    individuals and their categories, coded from ``first_code``."""
    codes = [f"{n:02d}" for n in range(first_code, first_code + 9)]
    specs = [
        AwardRow(
            "collective", "- Tập thể", codes[0], "Tập thể", match=lambda g: g.recipient == COL
        ),
        AwardRow(
            "enterprise",
            "Trong đó: Doanh nghiệp",
            codes[1],
            "Doanh nghiệp",
            match=lambda g: g.recipient == COL and g.enterprise,
        ),
        AwardRow("household", "- Hộ gia đình", codes[2], "Hộ", match=lambda g: g.recipient == HH),
        AwardRow("individual", "- Cá nhân", codes[3], "Người", match=_individual),
    ]
    for index, (key, label) in enumerate(LEADER_ROWS):
        specs.append(
            AwardRow(
                key, label, codes[4 + index], "Người", manual=WHY_PERSON_CATEGORY, base=_individual
            )
        )
    return specs


def _method_specs(first_code: int) -> list[AwardRow]:
    """ "Chia theo phương thức khen thưởng", coded from ``first_code``."""
    specs = []
    for index, (key, label, achievement) in enumerate(METHOD_ROWS):
        code = f"{first_code + index:02d}"
        if achievement:
            specs.append(AwardRow(key, label, code, match=_achievement(achievement)))
        else:
            specs.append(AwardRow(key, label, code, manual=WHY_METHOD))
    return specs


def _sub_sides(form) -> list[str]:
    """The sub-columns of a form of commendation: "Tập thể" when collectives or households
    may receive it, "Cá nhân" when individuals may (both when the catalog does not say)."""
    kinds = set(form.recipient_kinds or ())
    sides = [s for s, ok in ((COL, kinds & {COL, HH}), (IND, IND in kinds)) if ok]
    return sides or [COL, IND]


SIDE_WORDS = {COL: "Tập thể", IND: "Cá nhân"}


def _per_award_columns(prefix, group_text, number, awards) -> list[AwardColumn]:
    """One column per award and side (Tập thể / Cá nhân) under ``group_text``; a blank pair
    when there is no such award in the catalog."""
    columns = []
    for award in awards:
        key = ("t" if award._meta.model_name == "emulationtitle" else "f", award.pk)
        for s in _sub_sides(award):
            columns.append(
                AwardColumn(
                    FormColumn(
                        f"{prefix}:{key[0]}{key[1]}:{s}",
                        (SPLIT, group_text, award.name_vi, SIDE_WORDS[s]),
                        number,
                        12,
                        f"{award.name_vi} – {SIDE_WORDS[s]}",
                    ),
                    lambda g, key=key, s=s: award_key(g) == key and side(g) == s,
                )
            )
    if not columns:
        for s in (COL, IND):
            columns.append(
                AwardColumn(
                    FormColumn(
                        f"{prefix}:none:{s}", (SPLIT, group_text, "", SIDE_WORDS[s]), number, 12
                    ),
                    lambda g: False,
                )
            )
    return columns


def form_0602(data: FormData) -> StatForm:
    """Biểu 0602.N/BNV-TĐKT "Số lượng khen thưởng cấp Nhà nước" (see the module docstring)."""
    buckets = award_buckets(data)
    groups = [g for g in data.grants if buckets.get(award_key(g), ("",))[0] == STATE]

    def in_bucket(name: str) -> Callable[[GrantGroup], bool]:
        return lambda g: buckets[award_key(g)][1] == name

    forms = list(data.forms.values())
    orders = [f for f in forms if buckets.get(("f", f.pk)) == (STATE, "order_medal")]
    honorary = [f for f in forms if buckets.get(("f", f.pk)) == (STATE, "honorary")]
    others_present = {award_key(g) for g in groups if buckets[award_key(g)][1] == "other"}
    others = [t for t in data.titles.values() if ("t", t.pk) in others_present] + [
        f for f in forms if ("f", f.pk) in others_present
    ]
    each = "(Mỗi hình thức khen thưởng ghi riêng một cột)"
    figure_columns = [
        *_per_award_columns("om", f"Các loại huân chương, huy chương {each}", "2", orders),
        AwardColumn(
            FormColumn(
                "prize_hcm",
                (SPLIT, "Giải thưởng Hồ Chí Minh", None, "Cá nhân"),
                "3",
                12,
                "Giải thưởng Hồ Chí Minh",
            ),
            in_bucket("prize"),
            WHY_PRIZE,
        ),
        AwardColumn(
            FormColumn(
                "prize_state",
                (SPLIT, "Giải thưởng Nhà nước", None, "Cá nhân"),
                "4",
                12,
                "Giải thưởng Nhà nước",
            ),
            in_bucket("prize"),
            WHY_PRIZE,
        ),
        *_per_award_columns("hon", f"Danh hiệu vinh dự nhà nước {each}", "5", honorary),
        AwardColumn(
            FormColumn(
                "flag",
                (SPLIT, "Cờ thi đua của Chính phủ", None, "Tập thể"),
                "6",
                12,
                "Cờ thi đua của Chính phủ",
            ),
            in_bucket("flag"),
        ),
        *[
            AwardColumn(
                FormColumn(
                    f"pm:{s}",
                    (SPLIT, "Bằng khen của Thủ tướng Chính phủ", None, SIDE_WORDS[s]),
                    "7",
                    12,
                    f"Bằng khen của Thủ tướng Chính phủ – {SIDE_WORDS[s]}",
                ),
                lambda g, s=s: in_bucket("pm")(g) and side(g) == s,
            )
            for s in (COL, IND)
        ],
        AwardColumn(
            FormColumn(
                "fighter",
                (SPLIT, "Danh hiệu “Chiến sĩ thi đua toàn quốc”", None, "Cá nhân"),
                "8",
                12,
                "Chiến sĩ thi đua toàn quốc",
            ),
            in_bucket("fighter"),
        ),
        *_per_award_columns("other", f"Các hình thức khen thưởng khác {each}", "9", others),
    ]
    columns = [
        *_text_columns(unit=True),
        FormColumn("total", ("Tổng số",), "1", 10),
        *[c.column for c in figure_columns],
    ]
    specs = [
        AwardRow("total", "Tổng số", "01", kind="total", match=_everything),
        AwardRow(
            "s_proposer",
            "1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng",
            kind="section",
        ),
        AwardRow(
            "by_ministry",
            "- Bộ, ban, ngành, đoàn thể Trung ương",
            "02",
            "Bộ, ngành",
            manual=WHY_PROPOSER,
        ),
        AwardRow(
            "by_province",
            "- Tỉnh, thành phố trực thuộc Trung ương",
            "03",
            "Tỉnh, TP",
            manual=WHY_PROPOSER,
        ),
        AwardRow("s_recipient", "2. Chia theo đối tượng khen thưởng", kind="section"),
        *_recipient_specs(6),
        AwardRow("s_method", "3. Chia theo phương thức khen thưởng", kind="section"),
        *_method_specs(15),
    ]
    rows = _award_rows(groups, figure_columns, specs)
    notes = (
        f"Số lượt khen thưởng năm {data.year} (không tính khen thưởng đã bị hủy) của tập thể, "
        f"cá nhân, hộ gia đình thuộc phạm vi {data.council.name}; hộ gia đình được tính ở cột "
        "«Tập thể». Khen thưởng thường xuyên là khen thưởng theo công trạng và thành tích.",
    )
    return _frame(
        data,
        "0602",
        "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC",
        columns,
        rows,
        receipt_day=RECEIPT_DAY,
        notes=notes,
    )


def form_0603(data: FormData) -> StatForm:
    """Biểu 0603.N/BNV-TĐKT "Số lượng khen thưởng cấp bộ, ban, ngành, đoàn thể Trung ương và
    tỉnh, thành phố trực thuộc Trung ương" (see the module docstring)."""
    buckets = award_buckets(data)
    groups = [g for g in data.grants if buckets.get(award_key(g), ("",))[0] == MINISTERIAL]
    ministry_province = "bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương"
    figure_columns = [
        AwardColumn(
            FormColumn(key, (SPLIT, header), number, width, name),
            lambda g, bucket=bucket: buckets[award_key(g)][1] == bucket,
        )
        for key, header, number, width, bucket, name in (
            ("certificate", "Bằng khen", "2", 12, "certificate", "Bằng khen"),
            (
                "fighter",
                "Chiến sĩ thi đua cấp bộ, cấp tỉnh",
                "3",
                14,
                "fighter",
                "Chiến sĩ thi đua",
            ),
            ("flag", f"Cờ thi đua của {ministry_province}", "4", 22, "flag", "Cờ thi đua"),
            (
                "commemorative",
                f"Huy hiệu (kỷ niệm chương) của {ministry_province}",
                "5",
                24,
                "commemorative",
                "Huy hiệu (kỷ niệm chương)",
            ),
        )
    ]
    columns = [
        *_text_columns(unit=True),
        FormColumn("total", ("Tổng số", None), "1", 10),
        *[c.column for c in figure_columns],
    ]
    specs = [
        AwardRow("total", "Tổng số", "01", kind="total", match=_everything),
        AwardRow("s_recipient", "1. Chia theo đối tượng khen thưởng", kind="section"),
        *_recipient_specs(2),
        AwardRow("s_method", "2. Chia theo phương thức khen thưởng", kind="section"),
        *_method_specs(11),
    ]
    rows = _award_rows(groups, figure_columns, specs)
    notes = (
        f"Số lượt khen thưởng năm {data.year} (không tính khen thưởng đã bị hủy) của tập thể, "
        f"cá nhân, hộ gia đình thuộc phạm vi {data.council.name}. Cột 2 gồm Bằng khen của "
        "Chủ tịch Ủy ban nhân dân cấp tỉnh và Bằng khen cấp bộ, ngành (trừ Bằng khen của Thủ "
        "tướng Chính phủ, tính ở biểu 0602); danh hiệu «Tập thể lao động xuất sắc» và Giấy "
        "khen không thuộc các cột của biểu nên không tính.",
    )
    return _frame(
        data,
        "0603",
        "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC "
        "THUỘC TRUNG ƯƠNG",
        columns,
        rows,
        notes=notes,
    )


# 0604 and 0605: bodies and staff --------------------------------------------------------

BODY_ROWS = (
    ("vu", "02", "- Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương", "Vụ"),
    ("vu_office", "03", "- Cấp phòng, ban hoặc bộ phận thuộc Vụ", "Phòng"),
    ("board", "04", "- Cấp ban thuộc Sở Nội vụ", "Ban"),
    ("office", "05", "- Cấp phòng thuộc Sở Nội vụ", "Phòng"),
)


def form_0604(data: FormData) -> StatForm:
    """Biểu 0604.N/BNV-TĐKT "Số lượng tổ chức làm công tác thi đua, khen thưởng" (see the
    module docstring): every figure by hand; the councils of the area in a note."""
    columns = [*_text_columns(unit=True), FormColumn("count", ("Số lượng",), "1", 12)]
    rows = [
        FormRow(
            "total",
            "Tổng số",
            "01",
            "Tổ chức",
            kind="total",
            cells={"count": Sum(tuple((key, "count") for key, *_ in BODY_ROWS))},
        ),
        FormRow("s_structure", "Chia theo cơ cấu tổ chức bộ máy", kind="section"),
        *[
            FormRow(key, label, code, unit, cells={"count": Manual(WHY_ORGANISATION)})
            for key, code, label, unit in BODY_ROWS
        ],
    ]
    roles = data.members_by_role
    notes = (
        "Số liệu tham khảo từ hệ thống (không thuộc biểu): "
        f"{len(data.councils)} hội đồng thi đua – khen thưởng trong phạm vi {data.council.name}; "
        f"{roles.get(Membership.Role.COUNCIL_MEMBER, 0)} tài khoản thành viên hội đồng; "
        f"{roles.get(Membership.Role.SECRETARIAT, 0)} tài khoản thường trực hội đồng.",
    )
    return _frame(
        data,
        "0604",
        "SỐ LƯỢNG TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG "
        "ƯƠNG, TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
        columns,
        rows,
        notes=notes,
    )


STAFF_SECTIONS = (
    (
        "1. Chia theo độ tuổi",
        (
            ("age_30", "- Từ 30 trở xuống"),
            ("age_40", "- Từ 31 đến 40"),
            ("age_50", "- Từ 41 đến 50"),
            ("age_55", "- Từ 51 đến 55"),
            ("age_60", "- Từ 56 đến 60"),
            ("age_over_60", "- Trên 60 tuổi"),
        ),
    ),
    (
        "2. Chia theo trình độ đào tạo",
        (
            ("primary", "- Sơ cấp"),
            ("intermediate", "- Trung cấp"),
            ("college", "- Cao đẳng"),
            ("university", "- Đại học"),
            ("postgraduate", "- Trên đại học"),
        ),
    ),
    (
        "3. Chia theo thâm niên công tác trong lĩnh vực thi đua, khen thưởng",
        (
            ("years_5", "- Dưới 5 năm"),
            ("years_10", "- Từ 5 đến 10 năm"),
            ("years_more", "- Từ 10 năm trở lên"),
        ),
    ),
)


def form_0605(data: FormData) -> StatForm:
    """Biểu 0605.N/BNV-TĐKT "Số lượng công chức làm công tác thi đua, khen thưởng" (see the
    module docstring): the total from the accounts, the rest by hand."""
    people = "Số lượng (Người)"
    columns = [
        *_text_columns(unit=False),
        FormColumn("total", (people, "Tổng số"), "1", 12, "Tổng số người"),
        FormColumn("female", (people, "Trong đó: Nữ"), "2", 12, "Trong đó: Nữ"),
    ]
    staff = data.staff
    rows = [
        FormRow(
            "total",
            "Tổng số",
            "01",
            kind="total",
            cells={"total": staff, "female": _zero_or(staff, WHY_STAFF)},
        )
    ]
    code = 2
    for index, (heading, lines) in enumerate(STAFF_SECTIONS):
        rows.append(FormRow(f"s_{index}", heading, kind="section"))
        for key, label in lines:
            cells = {"total": _zero_or(staff, WHY_STAFF), "female": _zero_or(staff, WHY_STAFF)}
            rows.append(FormRow(key, label, f"{code:02d}", cells=cells))
            code += 1
    notes = (
        "Tổng số: số người có tài khoản thường trực hội đồng hoặc cán bộ làm công tác thi đua, "
        f"khen thưởng của đơn vị trong phạm vi {data.council.name}, tại thời điểm lập biểu.",
    )
    return _frame(
        data,
        "0605",
        "SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG "
        "ƯƠNG, TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
        columns,
        rows,
        notes=notes,
    )


# The five forms ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FormSpec:
    """One statutory form: its ``code`` ("0601"), exporter ``kind`` ("statutory_0601"), a
    short ``label`` and ``description`` for the page (translated), and ``build``."""

    code: str
    label: str | Promise
    description: str | Promise
    build: Callable[[FormData], StatForm]

    @property
    def kind(self) -> str:
        return f"statutory_{self.code}"

    @property
    def number(self) -> str:
        return f"{self.code}.N/BNV-TĐKT"


FORMS = (
    FormSpec(
        "0601",
        _("Emulation campaigns"),
        _(
            "Campaigns launched in the year by the council and the councils below it, and the "
            "clusters and blocs of the year: by launching level, duration and how they are run."
        ),
        form_0601,
    ),
    FormSpec(
        "0602",
        _("State-level awards"),
        _(
            "Orders, medals, prizes, State honorary titles, the Government Emulation Flag, the "
            "Prime Minister's Certificates of Commendation and National Emulation Fighters of "
            "the year, by recipient and by kind of commendation."
        ),
        form_0602,
    ),
    FormSpec(
        "0603",
        _("Ministry- and province-level awards"),
        _(
            "Certificates of Commendation, Provincial Emulation Fighters, provincial Emulation "
            "Flags and commemorative medals of the year, by recipient and by kind of "
            "commendation."
        ),
        form_0603,
    ),
    FormSpec(
        "0604",
        _("Emulation and commendation bodies"),
        _(
            "The bodies doing emulation and commendation work. The system does not record them: "
            "the figures are entered by hand; the councils of the area are given in a note."
        ),
        form_0604,
    ),
    FormSpec(
        "0605",
        _("Emulation and commendation staff"),
        _(
            "People doing emulation and commendation work (secretariat and unit officers with "
            "an account); gender, age, education and years in the work are entered by hand."
        ),
        form_0605,
    ),
)
FORMS_BY_CODE = {spec.code: spec for spec in FORMS}


def build_form(code: str, *, council: Council, year: int, data: FormData | None = None) -> StatForm:
    """The form ``code`` ("0601"…"0605") for ``council``'s area and ``year``; ``data`` to share
    the reads between forms. Raises ``KeyError`` for an unknown code."""
    spec = FORMS_BY_CODE[code]
    return spec.build(data or FormData(council=council, year=year))


def build_all(*, council: Council, year: int) -> list[tuple[FormSpec, StatForm]]:
    """The five forms for ``council``'s area and ``year``, each read run once."""
    data = FormData(council=council, year=year)
    return [(spec, spec.build(data)) for spec in FORMS]
