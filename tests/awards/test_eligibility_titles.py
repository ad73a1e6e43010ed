"""Eligibility of individuals for the emulation titles (Law Art. 21–24), against the national
catalog loaded by the data migration, plus the checks every award gets (kind, rule in force,
one achievement one award)."""

import datetime

import pytest

from awards.eligibility import Severity, check_eligibility
from awards.models import AwardForm, EmulationTitle
from awards.selectors import award_by_code
from organizations.models import Unit
from tests.awards.factories import (
    AnnualRatingFactory,
    AwardGrantFactory,
    AwardRuleFactory,
    EmulationTitleFactory,
    InitiativeFactory,
    RuleSetFactory,
)
from tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

BLOCKING, WARNING, MISSING = Severity.BLOCKING, Severity.WARNING, Severity.MISSING_DATA
AW, EFG, EFP = "advanced_worker", "emulation_fighter_grassroots", "emulation_fighter_provincial"


@pytest.fixture
def person(tree):
    return PersonFactory(full_name="Nguyễn Văn A", unit=tree.ward_a)


def give(nominee, code, year, **fields):
    """A grant of the title or form ``code`` for ``year`` to a person."""
    award = award_by_code(code)
    return AwardGrantFactory(
        person=nominee,
        title=award if isinstance(award, EmulationTitle) else None,
        form=award if isinstance(award, AwardForm) else None,
        year=year,
        **fields,
    )


def build(person, *, grants=(), ratings=None, initiatives=()):
    """Records from a case table: grants (code, year[, fields]), ratings {year: rating},
    initiatives (level, year[, "used"])."""
    for code, year, *fields in grants:
        give(person, code, year, **(fields[0] if fields else {}))
    for year, rating in (ratings or {}).items():
        AnnualRatingFactory(person=person, year=year, rating=rating)
    for level, year, *used in initiatives:
        used_for = give(person, "certificate_of_merit", 2015) if used else None
        InitiativeFactory(authors=[person], level=level, year=year, used_for=used_for)


def found(nominee, award, year, **kwargs):
    findings = check_eligibility(nominee=nominee, award=award, year=year, **kwargs)
    return [(finding.code, finding.severity) for finding in findings]


REVOKED = {"revoked": True, "revoked_on": datetime.date(2025, 3, 1)}


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        pytest.param({"ratings": {2024: "good"}}, [], id="good-passes"),
        pytest.param({"ratings": {2024: "excellent"}}, [], id="excellent-passes"),
        pytest.param(
            {"ratings": {2024: "completed"}},
            [("rating_below_minimum", BLOCKING)],
            id="completed-fails",
        ),
        pytest.param(
            {"ratings": {2023: "excellent"}}, [("rating_missing", MISSING)], id="no-rating-2024"
        ),
    ],
)
def test_advanced_worker_min_rating(person, records, expected):
    build(person, **records)

    assert found(person, AW, 2024) == expected


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        pytest.param(
            {"grants": [(AW, 2024)], "ratings": {2024: "excellent"}}, [], id="excellent-passes"
        ),
        pytest.param(
            {
                "grants": [(AW, 2024)],
                "ratings": {2024: "good"},
                "initiatives": [("grassroots", 2024)],
            },
            [],
            id="grassroots-initiative-passes",
        ),
        pytest.param(
            {
                "grants": [(AW, 2024)],
                "ratings": {2024: "good"},
                "initiatives": [("provincial", 2024)],
            },
            [],
            id="higher-level-initiative-passes",
        ),
        pytest.param(
            {"ratings": {2024: "excellent"}},
            [("same_year_title_missing", BLOCKING)],
            id="no-advanced-worker-fails",
        ),
        pytest.param(
            {"grants": [(AW, 2024, REVOKED)], "ratings": {2024: "excellent"}},
            [("same_year_title_missing", BLOCKING)],
            id="revoked-advanced-worker-fails",
        ),
        pytest.param(
            {"grants": [(AW, 2023)], "ratings": {2024: "excellent"}},
            [("same_year_title_missing", BLOCKING)],
            id="advanced-worker-of-another-year-fails",
        ),
        pytest.param(
            {"grants": [(AW, 2024)], "ratings": {2024: "good"}},
            [("any_of_unknown", MISSING)],
            id="good-without-initiative-asks-for-research-topic",
        ),
        pytest.param(
            {
                "grants": [(AW, 2024)],
                "ratings": {2024: "good"},
                "initiatives": [("grassroots", 2024, "used")],
            },
            [("any_of_unknown", MISSING)],
            id="used-initiative-does-not-count",
        ),
        pytest.param(
            {
                "grants": [(AW, 2024)],
                "ratings": {2024: "good"},
                "initiatives": [("grassroots", 2023)],
            },
            [("any_of_unknown", MISSING)],
            id="initiative-of-last-year-does-not-count",
        ),
        pytest.param(
            {"grants": [(AW, 2024)]}, [("any_of_unknown", MISSING)], id="no-rating-is-missing"
        ),
    ],
)
def test_grassroots_fighter(person, records, expected):
    build(person, **records)

    assert found(person, EFG, 2024) == expected


def test_grassroots_fighter_with_advanced_worker_proposed_in_the_same_round(person):
    AnnualRatingFactory(person=person, year=2024, rating="excellent")

    assert found(person, EFG, 2024, also_proposed=[AW]) == []


def test_grassroots_fighter_messages_name_the_title_year_and_what_is_missing(person):
    AnnualRatingFactory(person=person, year=2024, rating="good")

    findings = check_eligibility(nominee=person, award=EFG, year=2024)

    assert [(f.message, f.citation) for f in findings] == [
        (
            "Nguyễn Văn A chưa được công nhận Lao động tiên tiến năm 2024, là điều kiện cùng "
            "năm để xét Chiến sĩ thi đua cơ sở.",
            "Luật Thi đua, khen thưởng 2022, Điều 23, 80",
        ),
        (
            "Chưa đủ dữ liệu để xét Chiến sĩ thi đua cơ sở năm 2024 cho Nguyễn Văn A: xếp loại "
            "từ “hoàn thành xuất sắc nhiệm vụ” trở lên năm 2024 (được xếp loại “hoàn thành tốt "
            "nhiệm vụ”); 1 sáng kiến được công nhận từ cấp cơ sở trở lên năm 2024, chưa dùng "
            "để khen thưởng khác (hiện có 0); chưa xác định được có đề tài nghiên cứu khoa học "
            "đã được nghiệm thu hay không.",
            "Luật Thi đua, khen thưởng 2022, Điều 23, 80",
        ),
    ]


def test_missing_rating_message_says_which_year_and_whom(person):
    (finding,) = check_eligibility(nominee=person, award=AW, year=2024)

    assert finding.message == "Chưa có kết quả đánh giá, xếp loại năm 2024 của Nguyễn Văn A."


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        pytest.param({2024: "excellent"}, [], id="excellent-passes"),
        pytest.param({2024: "good"}, [("any_of_unmet", BLOCKING)], id="good-fails"),
        pytest.param({2023: "excellent"}, [("any_of_unknown", MISSING)], id="no-rating-2024"),
    ],
)
def test_province_rule_without_research_topic(person, tree, ratings, expected):
    """A province's own rule overrides the national one: here without the research topic, so
    a nominee meeting no alternative is refused instead of asked."""
    AwardRuleFactory(
        rule_set=RuleSetFactory(province=tree.province),
        title=EmulationTitleFactory(code=EFG),
        criteria={"any_of": [{"rating": "excellent"}, {"initiative_level": "grassroots"}]},
    )
    build(person, ratings=ratings)

    assert found(person, EFG, 2024) == expected


@pytest.mark.parametrize(
    ("records", "kwargs", "expected"),
    [
        pytest.param(
            {
                "grants": [(EFG, 2022), (EFG, 2023), (EFG, 2024)],
                "initiatives": [("provincial", 2023)],
            },
            {},
            [],
            id="three-years-and-provincial-initiative-passes",
        ),
        pytest.param(
            {"grants": [(EFG, 2022), (EFG, 2023)], "initiatives": [("national", 2022)]},
            {"also_proposed": [EFG]},
            [],
            id="this-years-title-proposed-in-the-same-round",
        ),
        pytest.param(
            {"grants": [(EFG, 2022), (EFG, 2023)], "initiatives": [("provincial", 2024)]},
            {},
            [("consecutive_years_missing", BLOCKING)],
            id="this-years-title-not-held-nor-proposed",
        ),
        pytest.param(
            {"grants": [(EFG, 2022), (EFG, 2024)], "initiatives": [("provincial", 2024)]},
            {},
            [("consecutive_years_missing", BLOCKING)],
            id="gap-in-2023",
        ),
        pytest.param(
            {
                "grants": [(EFG, 2022), (EFG, 2023, REVOKED), (EFG, 2024)],
                "initiatives": [("provincial", 2024)],
            },
            {},
            [("consecutive_years_missing", BLOCKING)],
            id="revoked-title-breaks-the-chain",
        ),
        pytest.param(
            {
                "grants": [(EFG, 2022), (EFG, 2023, {"achievement": "sudden"}), (EFG, 2024)],
                "initiatives": [("provincial", 2024)],
            },
            {},
            [("consecutive_years_missing", BLOCKING)],
            id="sudden-achievement-does-not-count",
        ),
        pytest.param(
            {
                "grants": [(EFG, 2022), (EFG, 2023), (EFG, 2024)],
                "initiatives": [("grassroots", 2024)],
            },
            {},
            [("initiative_missing", BLOCKING)],
            id="grassroots-initiative-is-not-enough",
        ),
        pytest.param(
            {
                "grants": [(EFG, 2022), (EFG, 2023), (EFG, 2024)],
                "initiatives": [("provincial", 2021)],
            },
            {},
            [("initiative_missing", BLOCKING)],
            id="initiative-before-the-three-years",
        ),
        pytest.param(
            {
                "grants": [(EFG, 2022), (EFG, 2023), (EFG, 2024)],
                "initiatives": [("provincial", 2023, "used")],
            },
            {},
            [("initiative_missing", BLOCKING)],
            id="initiative-already-used",
        ),
    ],
)
def test_provincial_fighter(person, records, kwargs, expected):
    build(person, **records)

    assert found(person, EFP, 2024, **kwargs) == expected


def test_provincial_fighter_message_lists_the_missing_years(person):
    give(person, EFG, 2022)
    InitiativeFactory(
        authors=[person],
        title="Số hóa hồ sơ",
        level="provincial",
        year=2024,
        used_for=give(person, "certificate_of_merit", 2015),
    )

    messages = [f.message for f in check_eligibility(nominee=person, award=EFP, year=2024)]

    assert messages == [
        "Nguyễn Văn A chưa đủ điều kiện xét Chiến sĩ thi đua cấp tỉnh năm 2024: đạt Chiến sĩ "
        "thi đua cơ sở liên tục các năm 2022–2024 (còn thiếu năm 2023, 2024).",
        "Nguyễn Văn A chưa đủ điều kiện xét Chiến sĩ thi đua cấp tỉnh năm 2024: 1 sáng kiến "
        "được công nhận từ cấp tỉnh trở lên năm 2022–2024, chưa dùng để khen thưởng khác "
        "(hiện có 0); đã dùng cho khen thưởng khác: “Số hóa hồ sơ”.",
    ]


def test_recipient_kind_not_allowed(tree):
    (finding,) = check_eligibility(nominee=tree.ward_a, award=AW, year=2024)

    assert (finding.code, finding.severity) == ("recipient_kind_not_allowed", BLOCKING)
    assert finding.message == "Không xét tặng Lao động tiên tiến cho tập thể (Phường An Bình)."


def test_no_rule_in_force_before_the_catalog_begins(person):
    (finding,) = check_eligibility(nominee=person, award=AW, year=2010)

    assert (finding.code, finding.severity) == ("no_rule_in_force", BLOCKING)
    assert finding.message == "Chưa có quy định về Lao động tiên tiến có hiệu lực cho năm 2010."


def test_no_rule_in_force_for_a_title_the_catalog_does_not_rule(person):
    EmulationTitleFactory(code="new_title", recipient_kinds=["individual"])

    assert found(person, "new_title", 2024) == [("no_rule_in_force", BLOCKING)]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param({}, [("already_awarded", BLOCKING)], id="held-blocks"),
        pytest.param(REVOKED, [], id="revoked-does-not-block"),
        pytest.param(
            {"achievement": "sudden"},
            [("already_awarded_other_achievement", WARNING)],
            id="sudden-only-warns",
        ),
    ],
)
def test_one_achievement_one_award(person, fields, expected):
    give(person, AW, 2024, **fields)
    AnnualRatingFactory(person=person, year=2024, rating="good")

    assert found(person, AW, 2024) == expected


def test_already_awarded_message_names_the_decision(person):
    grant = give(person, AW, 2024)
    AnnualRatingFactory(person=person, year=2024, rating="good")

    (finding,) = check_eligibility(nominee=person, award=AW, year=2024)

    assert finding.message == (
        f"Nguyễn Văn A đã được tặng Lao động tiên tiến năm 2024 (quyết định số "
        f"{grant.decision.number}): mỗi thành tích chỉ được khen thưởng một lần."
    )
    assert finding.citation == "Luật Thi đua, khen thưởng 2022, Điều 5"


def test_person_outside_any_province_follows_the_national_rules():
    person = PersonFactory(unit=UnitFactory(kind=Unit.Kind.SCHOOL))

    assert found(person, AW, 2024) == [("rating_missing", MISSING)]


def test_unknown_criterion_is_missing_data_not_a_pass(person, tree):
    AwardRuleFactory(
        rule_set=RuleSetFactory(province=tree.province),
        title=EmulationTitleFactory(code=AW),
        criteria={"min_rating": "good", "years_of_service": 5},
    )
    AnnualRatingFactory(person=person, year=2024, rating="good")

    assert found(person, AW, 2024) == [("criterion_unknown", MISSING)]


def test_unknown_award_code_raises(person):
    with pytest.raises(LookupError):
        check_eligibility(nominee=person, award="no_such_award", year=2024)
