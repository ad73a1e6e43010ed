"""The national award catalog as data (shared LAW.md §1–4), loaded by ``catalog_load``.

``TITLES`` and ``FORMS`` list every emulation title and form of commendation, each with its
citation. ``RULE_SETS`` lists the national rule sets in force from a date; ``RULES`` gives, per
rule-set code, the ``AwardRule`` rows of that set. ``rules_in_force`` (awards/selectors.py) layers
the sets award by award, so a 2023 record is judged by ``law_2003``, a 2024 one by ``law_2022``
and a 2025 one by ``d152_2025``. Province overrides are not loaded here: each province adds its own
rule set in the admin. Items LAW.md marks **(check)** say "(check)" in ``criteria_text`` or in
the rule set's notes.

Rule fields: ``level`` (``ConferringLevel``), ``authority`` (Vietnamese), ``bonus`` (× base
salary, D152 Art. 50; ``None`` when LAW.md gives none), ``needs_initiative``, ``threshold`` (%
of ALL council members), ``dossier`` (``DossierComponent`` values; ``sudden_achievement_proof``
is needed only when the nomination claims a sudden achievement or contribution), ``criteria``,
``text`` (Vietnamese sentence, then the English one) and ``citation``.

The ``criteria`` vocabulary read by the eligibility engine (awards/eligibility); a check for year
Y looks at the nominee (person, or unit for a collective):

- ``holds_block: true`` — on every rule: a discipline, investigation or pending complaint holds
  the proposal; after a discipline, achievements count from its end (D152 Art. 4).
- ``same_year_title: code`` — the nominee holds that title for Y (e.g. ``advanced_worker``).
- ``min_rating: "good" | "excellent"`` — the nominee's ``AnnualRating`` of Y is at least this
  (a person's rating, or the unit's own rating for a collective).
- ``any_of: [..]`` — at least one alternative holds, each a dict with one key:
  ``{"rating": "excellent"}`` (rating of Y), ``{"initiative_level": "grassroots"}`` (an unused
  initiative of Y recognised at least at that level), ``{"research_topic": true}`` (an accepted
  research topic; not recorded in the history, so the engine asks for it).
- ``consecutive_years: {"of": code, "years": N}`` — the nominee held title ``of`` in N
  consecutive years ending with Y (for ``emulation_fighter_national`` the Law says 2 consecutive
  Provincial Fighter *titles*: see ``criteria_text``).
- ``initiative_level: "grassroots" | "provincial" | "national"`` — an initiative recognised at
  least at this level and not yet used for another award (LAW.md §3).
- ``collective_members: {...}`` — about the collective's members in Y: ``advanced_worker_share``
  (minimum % holding Advanced Worker), ``all_complete_tasks`` (every member rated at least
  "completed"), ``min_grassroots_fighters`` (at least that many Grassroots Fighters),
  ``no_discipline_at_or_above`` (no member disciplined at that ``DisciplinaryRecord.Level`` or
  above).
- ``cap: {"percent": P, "of": code}`` — titles conferred in a unit ≤ P % of its holders of
  ``of`` (Decree 91/2017 before 2024; after that only as a province's own rule).
- ``alternatives: [..]`` — at least one alternative holds, each a dict whose keys must all hold:
  the keys above, plus ``consecutive_ratings: {"rating": r, "years": N}`` (rated at least r in N
  consecutive years ending with Y), ``initiatives: {"level": l, "count": N}`` (N initiatives
  recognised at least at level l in those years), ``movement_or_sudden: true`` (an outstanding
  achievement in a movement or a sudden achievement: a claim the council judges, the engine only
  reports it), ``holds_form: code`` (holds that form of commendation), ``titles_in_period: {"of":
  code, "count": N, "years": M}`` (N titles ``of`` within the M years ending with Y).
"""

import datetime
import re
from decimal import Decimal

IND, COL, HH = "individual", "collective", "household"

# What a registration seeking the award must also name (son-tay-2020 §5.2: "Cá nhân đăng ký
# Chiến sỹ thi đua cơ sở, Bằng khen Thành phố phải đăng ký tên sáng kiến …; xã, phường đăng ký
# … Cờ thi đua … phải đăng ký trước tên mô hình"): ``RegistrationAsks`` values by award code.
REGISTRATION_ASKS = {
    "emulation_fighter_grassroots": "initiative",
    "emulation_fighter_provincial": "initiative",
    "emulation_fighter_national": "initiative",
    "certificate_of_commendation_provincial": "initiative",
    "emulation_flag_provincial": "model",
    "emulation_flag_government": "model",
}

TITLES = [
    # (code, Vietnamese name, English name, recipient kinds, citation)
    (
        "advanced_worker",
        "Lao động tiên tiến",
        "Advanced Worker",
        [IND],
        "Luật Thi đua, khen thưởng 2022, Điều 24",
    ),
    (
        "emulation_fighter_grassroots",
        "Chiến sĩ thi đua cơ sở",
        "Grassroots Emulation Fighter",
        [IND],
        "Luật Thi đua, khen thưởng 2022, Điều 23",
    ),
    (
        "emulation_fighter_provincial",
        "Chiến sĩ thi đua cấp tỉnh",
        "Provincial Emulation Fighter",
        [IND],
        "Luật Thi đua, khen thưởng 2022, Điều 22",
    ),
    (
        "emulation_fighter_national",
        "Chiến sĩ thi đua toàn quốc",
        "National Emulation Fighter",
        [IND],
        "Luật Thi đua, khen thưởng 2022, Điều 21",
    ),
    (
        "advanced_collective",
        "Tập thể lao động tiên tiến",
        "Advanced Collective",
        [COL],
        "Luật Thi đua, khen thưởng 2022, Điều 28",
    ),
    (
        "excellent_collective",
        "Tập thể lao động xuất sắc",
        "Excellent Collective",
        [COL],
        "Luật Thi đua, khen thưởng 2022, Điều 27",
    ),
    (
        "emulation_flag_provincial",
        "Cờ thi đua cấp tỉnh",
        "Provincial Emulation Flag",
        [COL],
        "Luật Thi đua, khen thưởng 2022, Điều 26",
    ),
    (
        "emulation_flag_government",
        "Cờ thi đua của Chính phủ",
        "Government Emulation Flag",
        [COL],
        "Luật Thi đua, khen thưởng 2022, Điều 25",
    ),
    (
        "cultural_residential_group",
        "Thôn, tổ dân phố văn hóa",
        "Cultural Village or Residential Group",
        [COL],
        "Luật Thi đua, khen thưởng 2022, Điều 19–28; Nghị định 86/2023/NĐ-CP",
    ),
    (
        "cultural_family",
        "Gia đình văn hóa",
        "Cultural Family",
        [HH],
        "Luật Thi đua, khen thưởng 2022, Điều 19–28; Nghị định 86/2023/NĐ-CP",
    ),
]

FORMS = [
    # (code, Vietnamese name, English name, recipient kinds, citation, AwardForm.Kind)
    (
        "order",
        "Huân chương",
        "Order",
        [IND, COL],
        "Luật Thi đua, khen thưởng 2022, Điều 9",
        "order",
    ),
    ("medal", "Huy chương", "Medal", [IND], "Luật Thi đua, khen thưởng 2022, Điều 9", "medal"),
    (
        "state_honorary_title",
        "Danh hiệu vinh dự nhà nước",
        "State honorary title",
        [IND, COL],
        "Luật Thi đua, khen thưởng 2022, Điều 9",
        "state_honorary_title",
    ),
    (
        "prize",
        "Giải thưởng Hồ Chí Minh, Giải thưởng Nhà nước",
        "Prize (Ho Chi Minh Prize, State Prize)",
        [IND, COL],
        "Luật Thi đua, khen thưởng 2022, Điều 9",
        "prize",
    ),
    (
        "commemorative_medal",
        "Kỷ niệm chương",
        "Commemorative medal",
        [IND],
        "Luật Thi đua, khen thưởng 2022, Điều 9",
        "commemorative_medal",
    ),
    (
        "certificate_of_commendation_pm",
        "Bằng khen của Thủ tướng Chính phủ",
        "Certificate of Commendation of the Prime Minister",
        [IND, COL],
        "Luật Thi đua, khen thưởng 2022, Điều 9, 73",
        "certificate_of_commendation",
    ),
    (
        "certificate_of_commendation_provincial",
        "Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh",
        "Certificate of Commendation of the provincial chair",
        [IND, COL, HH],
        "Luật Thi đua, khen thưởng 2022, Điều 9, 74",
        "certificate_of_commendation",
    ),
    (
        "certificate_of_merit",
        "Giấy khen",
        "Certificate of Merit",
        [IND, COL, HH],
        "Luật Thi đua, khen thưởng 2022, Điều 9, 75",
        "certificate_of_merit",
    ),
]

RULE_SETS = [
    {
        "code": "law_2003",
        "name": "Luật Thi đua, Khen thưởng 2003 (sửa đổi 2013) và Nghị định 91/2017/NĐ-CP",
        "effective_from": datetime.date(2017, 9, 15),
        "citation": "Luật Thi đua, Khen thưởng 2003 (sửa đổi 2013); Nghị định 91/2017/NĐ-CP",
        "notes": (
            "Rules for records before 01/01/2024. LAW.md describes the 2022 Law; for this era "
            "it names only the 15 % cap on Grassroots Fighters (Decree 91/2017, lapsed "
            "01/01/2024) and the district level. Other criteria, bonuses and thresholds are "
            "taken as in the 2022 Law and the article numbers as its own (check). In force "
            "from the date of Decree 91/2017 (check)."
        ),
    },
    {
        "code": "law_2022",
        "name": "Luật Thi đua, Khen thưởng số 06/2022/QH15 và Nghị định 98/2023/NĐ-CP",
        "effective_from": datetime.date(2024, 1, 1),
        "citation": "Luật Thi đua, Khen thưởng số 06/2022/QH15; Nghị định 98/2023/NĐ-CP",
        "notes": (
            "In force 01/01/2024. No national ratio cap. District chairs confer until 30/06/2025. "
            "Bonuses as in D152 Art. 50 (check against Decree 98/2023)."
        ),
    },
    {
        "code": "d152_2025",
        "name": "Nghị định 152/2025/NĐ-CP và Nghị định 129/2025/NĐ-CP",
        "effective_from": datetime.date(2025, 7, 1),
        "citation": "Nghị định 152/2025/NĐ-CP; Nghị định 129/2025/NĐ-CP",
        "notes": (
            "In force 01/07/2025: two-tier local government, no district level; communes and "
            "wards confer Advanced Worker, Grassroots Fighter, Advanced Collective, cultural "
            "village/household and Giấy khen (D129 Art. 59). Bonuses per D152 Art. 50."
        ),
    },
]


# Dossier components (LAW.md §4, Law Art. 84).
_TITLE_DOSSIER = ["proposal_letter", "achievement_report"]
_BALLOT_DOSSIER = [*_TITLE_DOSSIER, "meeting_minutes"]
_FIGHTER_DOSSIER = [*_BALLOT_DOSSIER, "initiative_proof"]
_FORM_DOSSIER = ["proposal_letter", "achievement_report", "meeting_minutes"]
_MERIT_FORM_DOSSIER = [*_FORM_DOSSIER, "sudden_achievement_proof"]

_COMMUNE_HEADS = "Chủ tịch UBND cấp xã; thủ trưởng cơ quan, đơn vị"
_DISTRICT_HEADS = "Chủ tịch UBND cấp huyện; thủ trưởng cơ quan, đơn vị"
_PROVINCIAL_CHAIR = "Chủ tịch UBND cấp tỉnh"
_PRIME_MINISTER = "Thủ tướng Chính phủ"
_PRESIDENT = "Chủ tịch nước"


def _rule(award, level, authority, citation, text, criteria=None, **fields) -> dict:
    """One rule row; ``holds_block`` is added to every rule's criteria (D152 Art. 4)."""
    return {
        "award": award,
        "level": level,
        "authority": authority,
        "citation": citation,
        "text": text,
        "criteria": {**(criteria or {}), "holds_block": True},
        "bonus": fields.pop("bonus", None),
        "threshold": fields.pop("threshold", None),
        "needs_initiative": fields.pop("needs_initiative", False),
        "dossier": fields.pop("dossier", list(_TITLE_DOSSIER)),
        **fields,
    }


_GRASSROOTS_ALTERNATIVES = [
    {"rating": "excellent"},
    {"initiative_level": "grassroots"},
    {"research_topic": True},
]
_PROVINCIAL_CERTIFICATE_ALTERNATIVES = [
    {"consecutive_years": {"of": "emulation_fighter_grassroots", "years": 2}},
    {
        "consecutive_ratings": {"rating": "excellent", "years": 2},
        "initiatives": {"level": "grassroots", "count": 2},
    },
    {"movement_or_sudden": True},
    {"consecutive_years": {"of": "excellent_collective", "years": 2}},
]
_PM_CERTIFICATE_ALTERNATIVES = [
    {"movement_or_sudden": True},
    {
        "holds_form": "certificate_of_commendation_provincial",
        "consecutive_ratings": {"rating": "good", "years": 5},
        "titles_in_period": {"of": "emulation_fighter_grassroots", "count": 3, "years": 5},
    },
]
_STATE_TEXT = (
    "Tiêu chuẩn theo quy định của Luật đối với từng loại; Thường trực Hội đồng thẩm định.\n"
    "EN: Criteria for each kind as set by the Law; appraised by the council secretariat."
)

LAW_2022_RULES = [
    _rule(
        "advanced_worker",
        "district",
        _DISTRICT_HEADS,
        "Luật Thi đua, khen thưởng 2022, Điều 24, 80",
        "Xếp loại hằng năm từ «Hoàn thành tốt nhiệm vụ» trở lên và tích cực tham gia phong trào "
        "thi đua.\nEN: Annual rating at least «well completed tasks» and active in movements.",
        {"min_rating": "good"},
        bonus=Decimal("0.3"),
    ),
    _rule(
        "emulation_fighter_grassroots",
        "district",
        _DISTRICT_HEADS,
        "Luật Thi đua, khen thưởng 2022, Điều 23, 80",
        "Đạt «Lao động tiên tiến» cùng năm và hoàn thành xuất sắc nhiệm vụ, hoặc có sáng kiến được "
        "công nhận cấp cơ sở, hoặc có đề tài nghiên cứu được nghiệm thu. Tỷ lệ đồng ý ≥ 80 % tổng "
        "số thành viên Hội đồng (check).\nEN: Advanced Worker the same year AND (rating "
        "«excellent» OR a grassroots-level initiative OR an accepted research topic); council "
        "approval ≥ 80 % of all members (check).",
        {"same_year_title": "advanced_worker", "any_of": _GRASSROOTS_ALTERNATIVES},
        bonus=Decimal("1.0"),
        threshold=80,
        dossier=list(_FIGHTER_DOSSIER),
    ),
    _rule(
        "emulation_fighter_provincial",
        "province",
        _PROVINCIAL_CHAIR,
        "Luật Thi đua, khen thưởng 2022, Điều 22",
        "3 năm liên tục đạt «Chiến sĩ thi đua cơ sở» và có sáng kiến có phạm vi ảnh hưởng trong "
        "tỉnh. Tỷ lệ đồng ý ≥ 90 % (check).\nEN: 3 consecutive years Grassroots Fighter AND an "
        "initiative with province-wide effect; council approval ≥ 90 % (check).",
        {
            "consecutive_years": {"of": "emulation_fighter_grassroots", "years": 3},
            "initiative_level": "provincial",
        },
        bonus=Decimal("3.0"),
        threshold=90,
        needs_initiative=True,
        dossier=list(_FIGHTER_DOSSIER),
    ),
    _rule(
        "emulation_fighter_national",
        "central",
        _PRIME_MINISTER,
        "Luật Thi đua, khen thưởng 2022, Điều 21",
        "2 lần liên tục đạt «Chiến sĩ thi đua cấp tỉnh» và có thành tích, sáng kiến có phạm vi ảnh "
        "hưởng toàn quốc. Tỷ lệ đồng ý ≥ 90 % (check).\nEN: 2 consecutive Provincial Fighter "
        "titles AND nationwide effect; council approval ≥ 90 % (check).",
        {
            "consecutive_years": {"of": "emulation_fighter_provincial", "years": 2},
            "initiative_level": "national",
        },
        bonus=Decimal("4.5"),
        threshold=90,
        needs_initiative=True,
        dossier=[*_TITLE_DOSSIER, "initiative_proof"],
    ),
    _rule(
        "advanced_collective",
        "district",
        _DISTRICT_HEADS,
        "Luật Thi đua, khen thưởng 2022, Điều 28, 80",
        "Hoàn thành tốt nhiệm vụ; ≥ 70 % thành viên đạt «Lao động tiên tiến»; không có cá nhân bị "
        "kỷ luật từ hình thức cảnh cáo trở lên.\nEN: Good task completion; ≥ 70 % of members "
        "Advanced Worker; no member disciplined at «warning» or above.",
        {
            "min_rating": "good",
            "collective_members": {
                "advanced_worker_share": 70,
                "no_discipline_at_or_above": "warning",
            },
        },
        bonus=Decimal("0.8"),
    ),
    _rule(
        "excellent_collective",
        "province",
        _PROVINCIAL_CHAIR,
        "Luật Thi đua, khen thưởng 2022, Điều 27",
        "Hoàn thành xuất sắc nhiệm vụ; 100 % thành viên hoàn thành nhiệm vụ; ≥ 70 % đạt «Lao động "
        "tiên tiến»; có ít nhất 1 «Chiến sĩ thi đua cơ sở».\nEN: Excellent completion; 100 % of "
        "members complete tasks; ≥ 70 % Advanced Worker; ≥ 1 Grassroots Fighter.",
        {
            "min_rating": "excellent",
            "collective_members": {
                "advanced_worker_share": 70,
                "all_complete_tasks": True,
                "min_grassroots_fighters": 1,
            },
        },
        bonus=Decimal("1.5"),
    ),
    _rule(
        "emulation_flag_provincial",
        "province",
        _PROVINCIAL_CHAIR,
        "Luật Thi đua, khen thưởng 2022, Điều 26",
        "Dẫn đầu cụm, khối thi đua của tỉnh trong năm; vượt các chỉ tiêu. Tỷ lệ đồng ý ≥ 80 % "
        "(check).\nEN: Leads its provincial cluster or bloc for the year; exceeds targets; council "
        "approval ≥ 80 % (check).",
        bonus=Decimal("8.0"),
        threshold=80,
        dossier=list(_BALLOT_DOSSIER),
    ),
    _rule(
        "emulation_flag_government",
        "central",
        _PRIME_MINISTER,
        "Luật Thi đua, khen thưởng 2022, Điều 25",
        "Tiêu biểu xuất sắc trong các đơn vị dẫn đầu cụm, khối thi đua của tỉnh, hoặc dẫn đầu cụm, "
        "khối do trung ương tổ chức; số đề nghị ≤ 20 % số đơn vị dẫn đầu (check). Tỷ lệ đồng ý "
        "≥ 80 % (check).\nEN: Outstanding among provincial cluster leaders, or leads a centrally "
        "run cluster; nominations ≤ 20 % of cluster leaders (check); approval ≥ 80 % (check).",
        bonus=Decimal("12.0"),
        threshold=80,
    ),
    _rule(
        "cultural_residential_group",
        "district",
        "Chủ tịch UBND cấp huyện",
        "Luật Thi đua, khen thưởng 2022, Điều 19–28; Nghị định 86/2023/NĐ-CP",
        "Theo tiêu chuẩn của Nghị định 86/2023/NĐ-CP.\nEN: Criteria of Decree 86/2023.",
        bonus=Decimal("1.5"),
    ),
    _rule(
        "cultural_family",
        "commune",
        "Chủ tịch UBND cấp xã",
        "Luật Thi đua, khen thưởng 2022, Điều 19–28; Nghị định 86/2023/NĐ-CP",
        "Theo tiêu chuẩn của Nghị định 86/2023/NĐ-CP.\nEN: Criteria of Decree 86/2023.",
    ),
    _rule(
        "order",
        "central",
        _PRESIDENT,
        "Luật Thi đua, khen thưởng 2022, Điều 9",
        _STATE_TEXT,
        dossier=list(_FORM_DOSSIER),
    ),
    _rule(
        "medal",
        "central",
        _PRESIDENT,
        "Luật Thi đua, khen thưởng 2022, Điều 9",
        _STATE_TEXT,
        dossier=list(_FORM_DOSSIER),
    ),
    _rule(
        "state_honorary_title",
        "central",
        _PRESIDENT,
        "Luật Thi đua, khen thưởng 2022, Điều 9",
        _STATE_TEXT,
        dossier=list(_FORM_DOSSIER),
    ),
    _rule(
        "prize",
        "central",
        _PRESIDENT,
        "Luật Thi đua, khen thưởng 2022, Điều 9",
        _STATE_TEXT,
        dossier=list(_FORM_DOSSIER),
    ),
    _rule(
        "commemorative_medal",
        "central",
        "Bộ trưởng, thủ trưởng cơ quan, tổ chức trung ương (check)",
        "Luật Thi đua, khen thưởng 2022, Điều 9",
        "Theo quy chế xét tặng kỷ niệm chương của cơ quan ban hành.\nEN: Per the regulation of "
        "the body that issues the commemorative medal.",
        dossier=list(_FORM_DOSSIER),
    ),
    _rule(
        "certificate_of_commendation_pm",
        "central",
        _PRIME_MINISTER,
        "Luật Thi đua, khen thưởng 2022, Điều 73",
        "Một trong: tiêu biểu xuất sắc trong phong trào thi đua; hoặc đã được tặng Bằng khen cấp "
        "tỉnh, 5 năm liên tục trở lên hoàn thành tốt nhiệm vụ trở lên và trong thời gian đó có 3 "
        "lần đạt «Chiến sĩ thi đua cơ sở».\nEN: One of: outstanding in a movement; or holds a "
        "provincial Bằng khen AND ≥ 5 consecutive years rated ≥ «well completed» AND 3 Grassroots "
        "Fighter titles in that period.",
        {"alternatives": _PM_CERTIFICATE_ALTERNATIVES},
        dossier=list(_MERIT_FORM_DOSSIER),
    ),
    _rule(
        "certificate_of_commendation_provincial",
        "province",
        _PROVINCIAL_CHAIR,
        "Luật Thi đua, khen thưởng 2022, Điều 74",
        "Cá nhân gương mẫu và một trong: xuất sắc trong phong trào thi đua của tỉnh; thành tích "
        "đột xuất có ảnh hưởng trong tỉnh; có đóng góp; 2 năm liên tục «Chiến sĩ thi đua cơ sở»; "
        "hoặc 2 năm liên tục hoàn thành xuất sắc nhiệm vụ và có 2 sáng kiến áp dụng cấp cơ sở. "
        "Tập thể: thành tích trong phong trào hoặc đột xuất, hoặc 2 năm liên tục «Tập thể lao "
        "động xuất sắc».\nEN: Individual exemplary AND one of: excellent in a provincial "
        "movement; sudden achievement with provincial impact; a contribution; 2 consecutive "
        "years Grassroots Fighter; 2 consecutive years «excellent» with 2 grassroots "
        "initiatives. Collective: movement or sudden achievement, or 2 consecutive years "
        "Excellent Collective.",
        {"alternatives": _PROVINCIAL_CERTIFICATE_ALTERNATIVES},
        dossier=list(_MERIT_FORM_DOSSIER),
    ),
    _rule(
        "certificate_of_merit",
        "district",
        "Chủ tịch UBND cấp huyện, cấp xã; thủ trưởng cơ quan, đơn vị; người đứng đầu doanh nghiệp",
        "Luật Thi đua, khen thưởng 2022, Điều 75",
        "Tiêu chuẩn do tỉnh quy định: gương mẫu và có thành tích được công nhận trong phong trào "
        "thi đua, hoặc lập thành tích đột xuất.\nEN: Set by each province: exemplary and a "
        "recognised achievement in a movement, or a sudden achievement.",
        {"alternatives": [{"movement_or_sudden": True}]},
        dossier=list(_MERIT_FORM_DOSSIER),
    ),
]

# From 01/07/2025 communes and wards decide these (D129 Art. 59; LAW.md §6): award → authority.
_COMMUNE_LEVEL = {
    "advanced_worker": _COMMUNE_HEADS,
    "emulation_fighter_grassroots": _COMMUNE_HEADS,
    "advanced_collective": "Chủ tịch UBND cấp xã",
    "cultural_residential_group": "Chủ tịch UBND cấp xã",
    "cultural_family": "Chủ tịch UBND cấp xã",
    "certificate_of_merit": (
        "Chủ tịch UBND cấp xã; giám đốc sở, thủ trưởng cơ quan, đơn vị; người đứng đầu doanh nghiệp"
    ),
}


def _d152_rule(rule: dict) -> dict:
    """The 2022 Law's rule as Decree 152/2025 and Decree 129/2025 leave it."""
    row = dict(rule)
    sources = [rule["citation"]]
    if rule["award"] in _COMMUNE_LEVEL:
        row.update(level="commune", authority=_COMMUNE_LEVEL[rule["award"]])
        sources.append("Nghị định 129/2025/NĐ-CP, Điều 59")
    sources.append(
        "Nghị định 152/2025/NĐ-CP, Điều 50"
        if rule["bonus"] is not None
        else "Nghị định 152/2025/NĐ-CP"
    )
    row["citation"] = "; ".join(sources)
    return row


def _law_2003_rule(rule: dict) -> dict:
    """The rule before 01/01/2024 (Law 2003 + Decree 91/2017) with the Grassroots Fighter cap of
    Decree 91/2017 (LAW.md §1); article numbers as in the 2022 Law (check)."""
    article = re.match(r"Luật Thi đua, khen thưởng 2022, (Điều [0-9]+)(?![–0-9])", rule["citation"])
    law = "Luật Thi đua, khen thưởng 2003" + (f", {article.group(1)}" if article else "")
    row = {**rule, "citation": f"{law}; Nghị định 91/2017/NĐ-CP (cần đối chiếu)"}
    if rule["award"] == "emulation_fighter_grassroots":
        row["criteria"] = {**rule["criteria"], "cap": {"percent": 15, "of": "advanced_worker"}}
        row["text"] = rule["text"] + (
            "\nSố được công nhận không quá 15 % số «Lao động tiên tiến» (Nghị định 91/2017)."
            "\nEN: At most 15 % of the unit's Advanced Workers (Decree 91/2017)."
        )
    return row


RULES = {
    "law_2003": [_law_2003_rule(rule) for rule in LAW_2022_RULES],
    "law_2022": LAW_2022_RULES,
    "d152_2025": [_d152_rule(rule) for rule in LAW_2022_RULES],
}
