"""Holds (D152 Art. 4), the discipline reset of title chains, caps, and the rule set in force
on each side of 01/01/2024 and 01/07/2025."""

import datetime

import pytest

from awards.eligibility import Severity, check_eligibility
from awards.selectors import award_by_code
from tests.awards.factories import (
    AnnualRatingFactory,
    AwardGrantFactory,
    AwardRuleFactory,
    DisciplinaryRecordFactory,
    EmulationTitleFactory,
    InitiativeFactory,
    RuleSetFactory,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

BLOCKING, WARNING = Severity.BLOCKING, Severity.WARNING
AW, EFG, EFP = "advanced_worker", "emulation_fighter_grassroots", "emulation_fighter_provincial"
D = datetime.date


@pytest.fixture
def person(tree):
    return PersonFactory(full_name="Lê Văn C", unit=tree.ward_a)


def give(person, code, year, **fields):
    return AwardGrantFactory(person=person, title=award_by_code(code), year=year, **fields)


def found(nominee, award, year):
    findings = check_eligibility(nominee=nominee, award=award, year=year)
    return [(finding.code, finding.severity) for finding in findings]


@pytest.mark.parametrize(
    ("hold", "expected"),
    [
        pytest.param(None, [], id="no-hold"),
        pytest.param(
            ("discipline", "reprimand", D(2024, 3, 1), D(2025, 3, 1)),
            [("hold_discipline", BLOCKING)],
            id="discipline-during-the-year",
        ),
        pytest.param(
            ("discipline", "warning", D(2025, 6, 1), D(2026, 6, 1)),
            [("hold_discipline", BLOCKING)],
            id="discipline-while-the-proposal-is-open",
        ),
        pytest.param(
            ("discipline", "warning", D(2022, 1, 1), D(2023, 6, 30)),
            [],
            id="discipline-ended-before-the-year",
        ),
        pytest.param(
            ("discipline", "warning", D(2026, 2, 1), None),
            [],
            id="discipline-after-the-proposal-period",
        ),
        pytest.param(
            ("investigation", "", D(2025, 2, 1), None),
            [("hold_investigation", BLOCKING)],
            id="pending-investigation",
        ),
        pytest.param(
            ("investigation", "", D(2024, 5, 1), D(2024, 9, 1)),
            [],
            id="concluded-investigation",
        ),
        pytest.param(
            ("complaint", "", D(2024, 10, 1), None),
            [("hold_complaint", BLOCKING)],
            id="pending-complaint",
        ),
    ],
)
def test_holds_block_the_proposal(person, hold, expected):
    AnnualRatingFactory(person=person, year=2024, rating="good")
    if hold:
        kind, level, starts_on, ends_on = hold
        DisciplinaryRecordFactory(
            person=person, kind=kind, level=level, starts_on=starts_on, ends_on=ends_on
        )

    assert found(person, AW, 2024) == expected


def test_hold_message_gives_the_period_and_the_source(person):
    AnnualRatingFactory(person=person, year=2025, rating="good")
    DisciplinaryRecordFactory(person=person, level="warning", starts_on=D(2025, 3, 1), ends_on=None)

    (finding,) = check_eligibility(nominee=person, award=AW, year=2025)

    assert finding.message == (
        "Lê Văn C đang bị kỷ luật (cảnh cáo) từ 01/03/2025, chưa có ngày kết thúc; tạm dừng xét "
        "khen thưởng năm 2025."
    )
    assert finding.citation == "Nghị định 152/2025/NĐ-CP, Điều 4"


@pytest.mark.parametrize(
    ("discipline_end", "expected"),
    [
        pytest.param(D(2021, 12, 31), [], id="ended-before-the-chain"),
        pytest.param(D(2023, 6, 30), [("consecutive_years_missing", BLOCKING)], id="ended-in-2023"),
    ],
)
def test_titles_before_the_end_of_a_discipline_do_not_count(person, discipline_end, expected):
    for year in (2022, 2023, 2024):
        give(person, EFG, year)
    InitiativeFactory(authors=[person], level="provincial", year=2024)
    DisciplinaryRecordFactory(
        person=person, level="reprimand", starts_on=D(2021, 6, 1), ends_on=discipline_end
    )

    assert found(person, EFP, 2024) == expected


def test_discipline_reset_is_explained(person):
    for year in (2022, 2023, 2024):
        give(person, EFG, year)
    InitiativeFactory(authors=[person], level="provincial", year=2024)
    DisciplinaryRecordFactory(
        person=person, level="reprimand", starts_on=D(2022, 6, 1), ends_on=D(2023, 6, 30)
    )

    (finding,) = check_eligibility(nominee=person, award=EFP, year=2024)

    assert finding.message == (
        "Lê Văn C chưa đủ điều kiện xét Chiến sĩ thi đua cấp tỉnh năm 2024: đạt Chiến sĩ thi "
        "đua cơ sở liên tục các năm 2022–2024 (còn thiếu năm 2022, 2023); các năm trước khi hết "
        "thời hạn kỷ luật ngày 30/06/2023 không được tính."
    )


def _colleagues(unit, *, year, advanced_workers, fighters):
    for _ in range(advanced_workers):
        give(PersonFactory(unit=unit), AW, year)
    for _ in range(fighters):
        give(PersonFactory(unit=unit), EFG, year)


@pytest.mark.parametrize(
    ("year", "advanced_workers", "expected"),
    [
        pytest.param(2023, 9, [("cap_exceeded", WARNING)], id="2023-two-of-ten-over-15-percent"),
        pytest.param(2023, 19, [], id="2023-two-of-twenty-within-15-percent"),
        pytest.param(2024, 9, [], id="2024-no-national-cap"),
    ],
)
def test_grassroots_fighter_cap_lapsed_on_1_january_2024(
    person, tree, year, advanced_workers, expected
):
    give(person, AW, year)
    AnnualRatingFactory(person=person, year=year, rating="excellent")
    _colleagues(tree.ward_a, year=year, advanced_workers=advanced_workers, fighters=1)

    assert found(person, EFG, year) == expected


def test_cap_message_gives_the_counts(person, tree):
    give(person, AW, 2023)
    AnnualRatingFactory(person=person, year=2023, rating="excellent")
    _colleagues(tree.ward_a, year=2023, advanced_workers=9, fighters=1)

    (finding,) = check_eligibility(nominee=person, award=EFG, year=2023)

    assert finding.message == (
        "Nếu đề nghị thêm, Phường An Bình sẽ có 2 Chiến sĩ thi đua cơ sở năm 2023, vượt quá 15 % "
        "của 10 Lao động tiên tiến (tối đa 1)."
    )
    assert (
        finding.citation
        == "Luật Thi đua, khen thưởng 2003, Điều 23; Nghị định 91/2017/NĐ-CP (cần đối chiếu)"
    )


def test_cap_does_not_count_the_nominee_twice(person, tree):
    give(person, AW, 2023)
    give(person, EFG, 2023)
    AnnualRatingFactory(person=person, year=2023, rating="excellent")
    _colleagues(tree.ward_a, year=2023, advanced_workers=6, fighters=0)

    assert found(person, EFG, 2023) == [("already_awarded", BLOCKING)]


def test_cap_counts_only_the_nominees_unit(person, tree):
    give(person, AW, 2023)
    AnnualRatingFactory(person=person, year=2023, rating="excellent")
    _colleagues(tree.ward_a, year=2023, advanced_workers=9, fighters=0)
    _colleagues(tree.ward_b, year=2023, advanced_workers=0, fighters=5)

    assert found(person, EFG, 2023) == []


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        pytest.param(2023, [("cap_exceeded", WARNING)], id="2023-national-cap"),
        pytest.param(2024, [("cap_exceeded", WARNING)], id="2024-province-cap"),
    ],
)
def test_province_may_keep_a_cap(person, tree, year, expected):
    AwardRuleFactory(
        rule_set=RuleSetFactory(province=tree.province, effective_from=D(2024, 1, 1)),
        title=EmulationTitleFactory(code=EFG),
        criteria={"same_year_title": AW, "cap": {"percent": 10, "of": AW}},
    )
    give(person, AW, year)
    AnnualRatingFactory(person=person, year=year, rating="excellent")
    _colleagues(tree.ward_a, year=year, advanced_workers=9, fighters=1)

    assert found(person, EFG, year) == expected


def test_other_province_has_no_cap_in_2024(tree):
    AwardRuleFactory(
        rule_set=RuleSetFactory(province=tree.province),
        title=EmulationTitleFactory(code=EFG),
        criteria={"cap": {"percent": 10, "of": AW}},
    )
    stranger = PersonFactory(unit=tree.other_ward)
    give(stranger, AW, 2024)
    AnnualRatingFactory(person=stranger, year=2024, rating="excellent")

    assert found(stranger, EFG, 2024) == []


LAW_2003 = "Luật Thi đua, khen thưởng 2003, Điều 23; Nghị định 91/2017/NĐ-CP (cần đối chiếu)"


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        pytest.param(
            2023,
            [
                ("hold_discipline", "Luật Thi đua, khen thưởng 2003, Điều 6"),
                ("same_year_title_missing", LAW_2003),
                ("cap_exceeded", LAW_2003),
            ],
            id="2023-law-2003-with-its-cap",
        ),
        pytest.param(
            2024,
            [
                ("hold_discipline", "Luật Thi đua, khen thưởng 2022, Điều 5"),
                ("same_year_title_missing", "Luật Thi đua, khen thưởng 2022, Điều 23, 80"),
            ],
            id="2024-law-2022",
        ),
        pytest.param(
            2025,
            [
                ("hold_discipline", "Nghị định 152/2025/NĐ-CP, Điều 4"),
                (
                    "same_year_title_missing",
                    "Luật Thi đua, khen thưởng 2022, Điều 23, 80; "
                    "Nghị định 129/2025/NĐ-CP, Điều 59; Nghị định 152/2025/NĐ-CP, Điều 50",
                ),
            ],
            id="2025-decree-152",
        ),
    ],
)
def test_rules_in_force_follow_the_year(person, year, expected):
    """No Advanced Worker in the unit: in 2023 the 15 % cap warns even for one nominee."""
    AnnualRatingFactory(person=person, year=year, rating="excellent")
    DisciplinaryRecordFactory(person=person, starts_on=D(year, 2, 1), ends_on=D(year, 8, 1))

    findings = check_eligibility(nominee=person, award=EFG, year=year)

    assert [(f.code, f.citation) for f in findings] == expected
