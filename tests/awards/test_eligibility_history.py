"""``load_history``: many nominees in a fixed number of queries, same answers as one by one."""

import datetime

import pytest

from awards.eligibility import check_eligibility, is_eligible, load_history
from awards.selectors import award_by_code
from organizations.models import Unit
from tests.awards.factories import (
    AnnualRatingFactory,
    AwardGrantFactory,
    DisciplinaryRecordFactory,
    HouseholdFactory,
    InitiativeFactory,
)
from tests.factories import PersonFactory, UnitFactory

pytestmark = pytest.mark.django_db

AW, EFG, EFP = "advanced_worker", "emulation_fighter_grassroots", "emulation_fighter_provincial"
PROVINCIAL = "certificate_of_commendation_provincial"
AWARDS = [AW, EFG, EFP, PROVINCIAL]


def give(person, code, year):
    return AwardGrantFactory(person=person, title=award_by_code(code), year=year)


def people_with_records(unit, count):
    """``count`` people with a varied history: titles, ratings, an initiative, a hold."""
    people = []
    for i in range(count):
        person = PersonFactory(unit=unit)
        for year in range(2022, 2025):
            give(person, EFG if i % 2 else AW, year)
            AnnualRatingFactory(person=person, year=year, rating="excellent" if i % 3 else "good")
        if i % 4 == 0:
            InitiativeFactory(authors=[person], level="provincial", year=2023)
        if i % 5 == 0:
            DisciplinaryRecordFactory(person=person, starts_on=datetime.date(2024, 5, 1))
        people.append(person)
    return people


@pytest.mark.parametrize("count", [5, 50])
def test_checking_people_costs_the_same_queries_for_5_and_50(
    django_assert_num_queries, tree, count
):
    people = people_with_records(tree.ward_a, count)

    # catalog 2, units 1, rules 1, grants 1, ratings 1, holds 1, initiatives 1
    with django_assert_num_queries(8):
        history = load_history(nominees=people, year=2024, award_codes=AWARDS)
        results = [
            check_eligibility(nominee=person, award=award, year=2024, history=history)
            for person in people
            for award in AWARDS
        ]

    assert len(results) == count * len(AWARDS)


@pytest.mark.parametrize("count", [5, 50])
def test_checking_collectives_costs_the_same_queries_for_5_and_50(
    django_assert_num_queries, tree, count
):
    schools = []
    for _ in range(count):
        school = UnitFactory(kind=Unit.Kind.SCHOOL, parent=tree.ward_a)
        AnnualRatingFactory(person=None, unit=school, year=2024, rating="excellent")
        people_with_records(school, 3)
        schools.append(school)
    codes = ["advanced_collective", "excellent_collective"]

    # catalog 2, units 1, rules 1, members 1, grants 1, ratings 1, holds 1 (no initiatives)
    with django_assert_num_queries(8):
        history = load_history(nominees=schools, year=2024, award_codes=codes)
        for school in schools:
            for code in codes:
                check_eligibility(nominee=school, award=code, year=2024, history=history)


@pytest.mark.parametrize("count", [5, 50])
def test_mixed_nominees_in_a_capped_year_cost_the_same_queries(
    django_assert_num_queries, tree, count
):
    people = people_with_records(tree.ward_a, count)
    households = [HouseholdFactory(unit=tree.group_a) for _ in range(count)]
    nominees = [*people, tree.ward_b, *households]

    # + the counts the 2023 cap needs; still one "rules in force" for the one province
    with django_assert_num_queries(10):
        history = load_history(nominees=nominees, year=2023, award_codes=None)
        for nominee in nominees:
            check_eligibility(nominee=nominee, award=PROVINCIAL, year=2023, history=history)
        for person in people:
            check_eligibility(nominee=person, award=EFG, year=2023, history=history)


def test_nominees_of_two_provinces_load_each_provinces_rules(django_assert_num_queries, tree):
    people = [PersonFactory(unit=tree.ward_a), PersonFactory(unit=tree.other_ward)]

    with django_assert_num_queries(9):
        load_history(nominees=people, year=2024, award_codes=[AW])


def test_preloaded_history_gives_the_same_findings_as_one_by_one(tree):
    people = people_with_records(tree.ward_a, 12)
    history = load_history(nominees=people, year=2024, award_codes=AWARDS)

    for person in people:
        for award in AWARDS:
            batch = check_eligibility(nominee=person, award=award, year=2024, history=history)
            alone = check_eligibility(nominee=person, award=award, year=2024)
            assert batch == alone


def test_history_of_another_year_is_refused(tree):
    person = PersonFactory(unit=tree.ward_a)
    history = load_history(nominees=[person], year=2023)

    with pytest.raises(ValueError, match="2023"):
        check_eligibility(nominee=person, award=AW, year=2024, history=history)


def test_nominee_missing_from_the_history_is_refused(tree):
    history = load_history(nominees=[PersonFactory(unit=tree.ward_a)], year=2024)

    with pytest.raises(ValueError, match="not among the nominees"):
        check_eligibility(
            nominee=PersonFactory(unit=tree.ward_a), award=AW, year=2024, history=history
        )


def test_award_missing_from_the_history_is_refused(tree):
    person = PersonFactory(unit=tree.ward_a)
    history = load_history(nominees=[person], year=2024, award_codes=[AW])

    with pytest.raises(ValueError, match=EFG):
        check_eligibility(nominee=person, award=EFG, year=2024, history=history)


def test_is_eligible_lets_warnings_through(tree):
    person = PersonFactory(unit=tree.ward_a)
    give(person, AW, 2023)
    AnnualRatingFactory(person=person, year=2023, rating="excellent")

    findings = check_eligibility(nominee=person, award=EFG, year=2023)

    assert [f.code for f in findings] == ["cap_exceeded"]
    assert is_eligible(findings) is True
    assert (
        is_eligible([*findings, *check_eligibility(nominee=person, award=AW, year=2023)]) is False
    )
