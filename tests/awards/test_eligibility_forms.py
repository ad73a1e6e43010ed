"""Eligibility for the forms of commendation: Bằng khen of the provincial chair (Law Art. 74)
and of the Prime Minister (Law Art. 73), Giấy khen (Law Art. 75)."""

import datetime

import pytest

from awards.eligibility import Severity, check_eligibility
from awards.models import AwardForm, EmulationTitle
from awards.selectors import award_by_code
from organizations.models import Unit
from tests.awards.factories import (
    AnnualRatingFactory,
    AwardFormFactory,
    AwardGrantFactory,
    AwardRuleFactory,
    InitiativeFactory,
    RuleSetFactory,
)
from tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

BLOCKING, MISSING = Severity.BLOCKING, Severity.MISSING_DATA
EFG = "emulation_fighter_grassroots"
PROVINCIAL, PM = "certificate_of_commendation_provincial", "certificate_of_commendation_pm"
REVOKED = {"revoked": True, "revoked_on": datetime.date(2024, 6, 1)}


@pytest.fixture
def person(tree):
    return PersonFactory(full_name="Trần Thị B", unit=tree.ward_a)


def give(nominee, code, year, **fields):
    award = award_by_code(code)
    recipient = {"person": None, "unit": None}
    recipient["unit" if isinstance(nominee, Unit) else "person"] = nominee
    return AwardGrantFactory(
        **recipient,
        title=award if isinstance(award, EmulationTitle) else None,
        form=award if isinstance(award, AwardForm) else None,
        year=year,
        **fields,
    )


def build(person, *, grants=(), ratings=None, initiatives=()):
    for code, year, *fields in grants:
        give(person, code, year, **(fields[0] if fields else {}))
    for year, rating in (ratings or {}).items():
        AnnualRatingFactory(person=person, year=year, rating=rating)
    for level, year in initiatives:
        InitiativeFactory(authors=[person], level=level, year=year)


def found(nominee, award, year=2024):
    findings = check_eligibility(nominee=nominee, award=award, year=year)
    return [(finding.code, finding.severity) for finding in findings]


EXCELLENT_2Y = {2023: "excellent", 2024: "excellent"}
TWO_INITIATIVES = [("grassroots", 2023), ("grassroots", 2024)]


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        pytest.param({"grants": [(EFG, 2023), (EFG, 2024)]}, [], id="two-years-fighter"),
        pytest.param(
            {"ratings": EXCELLENT_2Y, "initiatives": TWO_INITIATIVES},
            [],
            id="two-years-excellent-with-two-initiatives",
        ),
        pytest.param(
            {"ratings": EXCELLENT_2Y, "initiatives": TWO_INITIATIVES[:1]},
            [("alternatives_unknown", MISSING)],
            id="one-initiative-leaves-only-the-movement-claim",
        ),
        pytest.param(
            {"ratings": {2024: "excellent"}, "initiatives": TWO_INITIATIVES},
            [("alternatives_unknown", MISSING)],
            id="rating-2023-missing",
        ),
        pytest.param(
            {"grants": [(EFG, 2023, {"achievement": "thematic"}), (EFG, 2024)]},
            [("alternatives_unknown", MISSING)],
            id="thematic-title-does-not-count",
        ),
    ],
)
def test_provincial_certificate_for_a_person(person, records, expected):
    build(person, **records)

    assert found(person, PROVINCIAL) == expected


def test_provincial_certificate_message_lists_the_cases_for_a_person(person):
    build(person, grants=[(EFG, 2024)], ratings={2024: "excellent"})

    (finding,) = check_eligibility(nominee=person, award=PROVINCIAL, year=2024)

    assert finding.message == (
        "Chưa đủ dữ liệu để xét Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh năm 2024 cho "
        "Trần Thị B: (1) đạt Chiến sĩ thi đua cơ sở liên tục các năm 2023–2024 (còn thiếu năm "
        "2023); (2) 2 sáng kiến được công nhận từ cấp cơ sở trở lên năm 2023–2024, chưa dùng "
        "để khen thưởng khác (hiện có 0); (3) cần nêu rõ thành tích: xuất sắc trong phong trào "
        "thi đua hay thành tích đột xuất."
    )
    assert finding.citation == "Luật Thi đua, khen thưởng 2022, Điều 74"


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        pytest.param([2023, 2024], [], id="two-years-excellent-collective"),
        pytest.param([2024], [("alternatives_unknown", MISSING)], id="one-year"),
    ],
)
def test_provincial_certificate_for_a_collective(tree, titles, expected):
    school = UnitFactory(name="Trường Mầm non", kind=Unit.Kind.SCHOOL, parent=tree.ward_a)
    for year in titles:
        give(school, "excellent_collective", year)

    assert found(school, PROVINCIAL) == expected


PM_RECORDS = {
    "grants": [(PROVINCIAL, 2019), (EFG, 2020), (EFG, 2022), (EFG, 2024)],
    "ratings": dict.fromkeys(range(2020, 2025), "good"),
}


def _with(**changes):
    return {**PM_RECORDS, **changes}


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        pytest.param(PM_RECORDS, [], id="certificate-then-five-good-years-three-fighters"),
        pytest.param(
            _with(grants=[(PROVINCIAL, 2021), (EFG, 2020), (EFG, 2022), (EFG, 2024)]),
            [("alternatives_unknown", MISSING)],
            id="certificate-inside-the-five-years",
        ),
        pytest.param(
            _with(grants=[(PROVINCIAL, 2019, REVOKED), (EFG, 2020), (EFG, 2022), (EFG, 2024)]),
            [("alternatives_unknown", MISSING)],
            id="revoked-certificate",
        ),
        pytest.param(
            _with(grants=[(PROVINCIAL, 2019, {"achievement": "sudden"}), (EFG, 2020), (EFG, 2022)]),
            [("alternatives_unknown", MISSING)],
            id="sudden-certificate",
        ),
        pytest.param(
            _with(grants=[(PROVINCIAL, 2019), (EFG, 2020), (EFG, 2022)]),
            [("alternatives_unknown", MISSING)],
            id="two-fighter-titles",
        ),
        pytest.param(
            _with(ratings={**PM_RECORDS["ratings"], 2022: "completed"}),
            [("alternatives_unknown", MISSING)],
            id="one-year-only-completed",
        ),
        pytest.param(
            _with(ratings=dict.fromkeys((2020, 2022, 2023, 2024), "good")),
            [("alternatives_unknown", MISSING)],
            id="rating-2021-missing",
        ),
    ],
)
def test_prime_minister_certificate(person, records, expected):
    build(person, **records)

    assert found(person, PM) == expected


def test_prime_minister_certificate_names_the_missing_rating(person):
    build(person, **_with(ratings=dict.fromkeys((2020, 2022, 2023, 2024), "good")))

    (finding,) = check_eligibility(nominee=person, award=PM, year=2024)

    assert finding.message.endswith(
        "(1) cần nêu rõ thành tích: xuất sắc trong phong trào thi đua hay thành tích đột xuất; "
        "(2) chưa có kết quả đánh giá, xếp loại năm 2021."
    )


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        pytest.param([2023, 2024], [], id="passes"),
        pytest.param([2024], [("alternatives_unmet", BLOCKING)], id="fails"),
    ],
)
def test_province_rule_without_the_movement_case_refuses(person, tree, titles, expected):
    AwardRuleFactory(
        rule_set=RuleSetFactory(province=tree.province),
        title=None,
        form=AwardFormFactory(code=PROVINCIAL),
        criteria={"alternatives": [{"consecutive_years": {"of": EFG, "years": 2}}]},
    )
    for year in titles:
        give(person, EFG, year)

    assert found(person, PROVINCIAL) == expected


def test_certificate_of_merit_asks_for_the_achievement(person):
    assert found(person, "certificate_of_merit") == [("alternatives_unknown", MISSING)]
