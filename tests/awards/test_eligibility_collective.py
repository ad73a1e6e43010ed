"""Eligibility of collectives (Law Art. 27, 28) and households, with their members' records."""

import datetime

import pytest

from awards.eligibility import Severity, check_eligibility
from awards.selectors import award_by_code
from organizations.models import Unit
from tests.awards.factories import (
    AnnualRatingFactory,
    AwardGrantFactory,
    DisciplinaryRecordFactory,
    HouseholdFactory,
)
from tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

BLOCKING, MISSING = Severity.BLOCKING, Severity.MISSING_DATA
AW, EFG = "advanced_worker", "emulation_fighter_grassroots"


@pytest.fixture
def school(tree):
    return UnitFactory(name="Trường Tiểu học An Bình", kind=Unit.Kind.SCHOOL, parent=tree.ward_a)


def give(person, code, year, **fields):
    return AwardGrantFactory(person=person, title=award_by_code(code), year=year, **fields)


def build(
    school,
    *,
    rating="good",
    advanced_workers=7,
    fighters=0,
    member_ratings=("completed",) * 10,
    discipline=(),
    revoked=0,
):
    """A school of ten members, ``Thành viên 0`` … ``Thành viên 9``: the first
    ``advanced_workers`` hold Advanced Worker for 2024 (the first ``revoked`` of those revoked),
    the first ``fighters`` Grassroots Fighter; member ``i`` is rated ``member_ratings[i]``
    (None: no rating); ``discipline`` is (member index, level, starts_on, ends_on)."""
    members = [PersonFactory(full_name=f"Thành viên {i}", unit=school) for i in range(10)]
    if rating:
        AnnualRatingFactory(person=None, unit=school, year=2024, rating=rating)
    for i, member in enumerate(members[:advanced_workers]):
        fields = {"revoked": True, "revoked_on": datetime.date(2025, 2, 1)} if i < revoked else {}
        give(member, AW, 2024, **fields)
    for member in members[:fighters]:
        give(member, EFG, 2024)
    for member, member_rating in zip(members, member_ratings, strict=True):
        if member_rating:
            AnnualRatingFactory(person=member, year=2024, rating=member_rating)
    for index, level, starts_on, ends_on in discipline:
        DisciplinaryRecordFactory(
            person=members[index], level=level, starts_on=starts_on, ends_on=ends_on
        )
    return members


def found(nominee, award, year=2024):
    findings = check_eligibility(nominee=nominee, award=award, year=year)
    return [(finding.code, finding.severity) for finding in findings]


MARCH_2024, MARCH_2025 = datetime.date(2024, 3, 1), datetime.date(2025, 3, 1)


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        pytest.param({}, [], id="seventy-percent-passes"),
        pytest.param(
            {"advanced_workers": 6},
            [("collective_advanced_worker_share", BLOCKING)],
            id="sixty-percent-fails",
        ),
        pytest.param(
            {"revoked": 1},
            [("collective_advanced_worker_share", BLOCKING)],
            id="revoked-title-not-counted",
        ),
        pytest.param({"rating": None}, [("rating_missing", MISSING)], id="no-unit-rating"),
        pytest.param(
            {"rating": "completed"},
            [("rating_below_minimum", BLOCKING)],
            id="unit-only-completed",
        ),
        pytest.param(
            {"discipline": [(9, "warning", MARCH_2024, MARCH_2025)]},
            [("collective_member_disciplined", BLOCKING)],
            id="member-warned-in-2024",
        ),
        pytest.param(
            {"discipline": [(9, "reprimand", MARCH_2024, MARCH_2025)]},
            [],
            id="member-reprimanded-only",
        ),
        pytest.param(
            {
                "discipline": [
                    (9, "dismissal", datetime.date(2022, 1, 1), datetime.date(2023, 12, 31))
                ]
            },
            [],
            id="discipline-ended-before-2024",
        ),
        pytest.param(
            {"discipline": [(9, "", MARCH_2024, MARCH_2025)]},
            [("collective_member_discipline_level_missing", MISSING)],
            id="discipline-level-not-recorded",
        ),
    ],
)
def test_advanced_collective(school, records, expected):
    build(school, **records)

    assert found(school, "advanced_collective") == expected


EXCELLENT = {"rating": "excellent", "fighters": 1}


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        pytest.param(EXCELLENT, [], id="passes"),
        pytest.param(
            {**EXCELLENT, "fighters": 0},
            [("collective_grassroots_fighters", BLOCKING)],
            id="no-grassroots-fighter",
        ),
        pytest.param(
            {**EXCELLENT, "member_ratings": ("completed",) * 9 + ("not_completed",)},
            [("collective_member_not_completed", BLOCKING)],
            id="one-member-did-not-complete",
        ),
        pytest.param(
            {**EXCELLENT, "member_ratings": ("good",) * 8 + (None, None)},
            [("collective_member_rating_missing", MISSING)],
            id="two-members-unrated",
        ),
        pytest.param(
            {**EXCELLENT, "rating": "good"},
            [("rating_below_minimum", BLOCKING)],
            id="unit-only-good",
        ),
    ],
)
def test_excellent_collective(school, records, expected):
    build(school, **records)

    assert found(school, "excellent_collective") == expected


def test_member_messages_name_the_members_and_counts(school):
    build(
        school,
        rating="excellent",
        advanced_workers=6,
        member_ratings=("good",) * 8 + ("not_completed", None),
    )

    messages = [
        f.message
        for f in check_eligibility(nominee=school, award="excellent_collective", year=2024)
    ]

    assert messages == [
        "Chỉ 6/10 cá nhân của Trường Tiểu học An Bình (60 %) đạt Lao động tiên tiến năm 2024; "
        "Tập thể lao động xuất sắc yêu cầu ít nhất 70 %.",
        "Các cá nhân sau của Trường Tiểu học An Bình không hoàn thành nhiệm vụ năm 2024: "
        "Thành viên 8; Tập thể lao động xuất sắc yêu cầu toàn bộ cá nhân hoàn thành nhiệm vụ.",
        "Chưa có kết quả đánh giá, xếp loại năm 2024 của các cá nhân sau thuộc Trường Tiểu học "
        "An Bình: Thành viên 9.",
        "Trường Tiểu học An Bình có 0 cá nhân đạt Chiến sĩ thi đua cơ sở năm 2024; Tập thể lao "
        "động xuất sắc yêu cầu ít nhất 1.",
    ]


def test_collective_without_members_is_missing_data(school):
    AnnualRatingFactory(person=None, unit=school, year=2024, rating="good")

    assert found(school, "advanced_collective") == [("collective_no_members", MISSING)]


def test_members_of_units_below_do_not_count(school, tree):
    """Only people recorded in the unit itself are its members."""
    AnnualRatingFactory(person=None, unit=tree.ward_a, year=2024, rating="good")
    build(school)

    assert found(tree.ward_a, "advanced_collective") == [("collective_no_members", MISSING)]


def test_household_cultural_family_passes(tree):
    household = HouseholdFactory(name="Hộ ông Trần Văn Hộ", unit=tree.group_a)

    assert found(household, "cultural_family") == []


def test_household_cannot_be_an_advanced_worker(tree):
    household = HouseholdFactory(unit=tree.group_a)

    assert found(household, AW) == [("recipient_kind_not_allowed", BLOCKING)]


def test_person_cannot_be_a_collective(tree):
    person = PersonFactory(unit=tree.ward_a)

    assert found(person, "advanced_collective") == [("recipient_kind_not_allowed", BLOCKING)]
