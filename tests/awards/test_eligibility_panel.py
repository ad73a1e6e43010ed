"""The eligibility check on the history pages: the form, the findings shown, errors, scope."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import AnnualRating, AwardForm, EmulationTitle
from awards.selectors import award_by_code, rules_in_force
from tests.awards.factories import (
    AnnualRatingFactory,
    AwardDecisionFactory,
    AwardGrantFactory,
    DisciplinaryRecordFactory,
    InitiativeFactory,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

FIGHTER = "emulation_fighter_grassroots"


@pytest.fixture
def person(tree):
    return PersonFactory(full_name="Lê Thị Hoa", birth_year=1985, unit=tree.ward_a)


def advanced_worker(person, year=2024):
    return AwardGrantFactory(person=person, year=year, title=award_by_code("advanced_worker"))


def check(client, user, url_name, pk, **params):
    client.force_login(user)
    response = client.get(reverse(url_name, args=[pk]), params)
    assert response.status_code == 200
    return response, html.unescape(response.content.decode())


def test_person_with_advanced_worker_and_excellent_rating_is_eligible(client, officer_a, person):
    advanced_worker(person)
    AnnualRatingFactory(person=person, year=2024, rating=AnnualRating.Rating.EXCELLENT)

    response, text = check(
        client, officer_a, "awards:lookup_person", person.pk, award=FIGHTER, year="2024"
    )

    assert response.context["eligibility"]["findings"] == []
    assert "Đủ điều kiện" in text
    assert "Chiến sĩ thi đua cơ sở, năm 2024" in text


def test_person_without_advanced_worker_gets_the_blocking_finding_and_citation(
    client, officer_a, tree, person
):
    AnnualRatingFactory(person=person, year=2024, rating=AnnualRating.Rating.EXCELLENT)
    citation = rules_in_force(year=2024, province=tree.province)[FIGHTER].citation

    response, text = check(
        client, officer_a, "awards:lookup_person", person.pk, award=FIGHTER, year="2024"
    )

    [finding] = response.context["eligibility"]["findings"]
    assert finding.code == "same_year_title_missing"
    assert citation == "Luật Thi đua, khen thưởng 2022, Điều 23, 80"
    assert (
        "Lê Thị Hoa chưa được công nhận Lao động tiên tiến năm 2024, là điều kiện cùng năm "
        "để xét Chiến sĩ thi đua cơ sở."
    ) in text
    assert f'<div class="small fst-italic text-muted">{citation}</div>' in text
    assert "Chưa đủ điều kiện" in text
    assert "alert-success" not in text


def test_person_without_a_rating_gets_a_missing_data_finding(client, officer_a, person):
    advanced_worker(person)

    response, text = check(
        client, officer_a, "awards:lookup_person", person.pk, award=FIGHTER, year="2024"
    )

    findings = response.context["eligibility"]["findings"]
    assert [(f.code, f.severity) for f in findings] == [("any_of_unknown", "missing_data")]
    assert "Thiếu dữ liệu" in text
    assert findings[0].message.startswith(
        "Chưa đủ dữ liệu để xét Chiến sĩ thi đua cơ sở năm 2024 cho Lê Thị Hoa: chưa có kết quả "
        "đánh giá, xếp loại năm 2024;"
    )
    assert findings[0].message in text
    assert "Đủ điều kiện" not in text


def test_unit_page_offers_only_collective_awards(client, secretariat, tree):
    response, text = check(client, secretariat, "awards:lookup_unit", tree.ward_a.pk)

    choices = dict(response.context["eligibility"]["form"].fields["award"].choices)
    offered = {code for group in list(choices.values())[1:] for code, _name in group}
    collective = {
        entry.code
        for model in (EmulationTitle, AwardForm)
        for entry in model.objects.all()
        if "collective" in entry.recipient_kinds
    }
    assert offered == collective
    assert "excellent_collective" in offered
    assert "advanced_worker" not in offered
    assert "Tập thể lao động xuất sắc" in text
    assert '<optgroup label="Danh hiệu thi đua">' in text
    assert '<optgroup label="Hình thức khen thưởng">' in text


def test_person_page_offers_individual_awards_and_the_current_year(client, officer_a, person):
    response, text = check(client, officer_a, "awards:lookup_person", person.pk)

    form = response.context["eligibility"]["form"]
    assert not form.is_bound
    assert response.context["eligibility"]["findings"] is None
    assert form["year"].value() == timezone.localdate().year
    assert 'value="advanced_worker"' in text
    assert 'value="excellent_collective"' not in text
    assert "Kiểm tra điều kiện khen thưởng" in text


@pytest.mark.parametrize(
    ("params", "field", "error"),
    [
        (
            {"award": "no_such_award", "year": "2024"},
            "award",
            "Hãy chọn một danh hiệu hoặc hình thức khen thưởng trong danh sách.",
        ),
        (
            {"award": "excellent_collective", "year": "2024"},
            "award",
            "Hãy chọn một danh hiệu hoặc hình thức khen thưởng trong danh sách.",
        ),
        ({"award": FIGHTER, "year": "1989"}, "year", "Hãy nhập một năm từ 1990 đến 2100."),
        ({"award": FIGHTER, "year": "2101"}, "year", "Hãy nhập một năm từ 1990 đến 2100."),
        ({"award": FIGHTER, "year": "năm nay"}, "year", "Hãy nhập một năm từ 1990 đến 2100."),
    ],
)
def test_invalid_input_shows_a_form_error(client, officer_a, person, params, field, error):
    response, text = check(client, officer_a, "awards:lookup_person", person.pk, **params)

    assert response.context["eligibility"]["form"].errors[field] == [error]
    assert response.context["eligibility"]["findings"] is None
    assert error in text
    assert f'value="{params["year"]}"' in text


def test_check_on_another_units_person_is_404(client, officer_a, tree):
    stranger = PersonFactory(unit=tree.ward_b)
    client.force_login(officer_a)

    response = client.get(
        reverse("awards:lookup_person", args=[stranger.pk]), {"award": FIGHTER, "year": "2024"}
    )

    assert response.status_code == 404


@pytest.mark.parametrize("grants", [3, 60])
def test_person_page_with_a_check_query_count_does_not_grow(
    client, django_assert_num_queries, officer_a, tree, grants
):
    person = PersonFactory(unit=tree.ward_a)
    decision = AwardDecisionFactory()
    for i in range(grants):
        AwardGrantFactory(person=person, decision=decision, year=1990 + i)
        AnnualRatingFactory(person=person, year=1990 + i)
    for i in range(grants // 3):
        grant = AwardGrantFactory(person=person, decision=AwardDecisionFactory(), year=1990 + i)
        InitiativeFactory(authors=[person], unit=tree.ward_a, used_for=grant, year=1990 + i)
        DisciplinaryRecordFactory(person=person, starts_on=datetime.date(1990 + i, 1, 1))
    client.force_login(officer_a)
    url = reverse("awards:lookup_person", args=[person.pk])

    # The page's 11 (see test_lookup), and the engine's: catalog (2),
    # units above the person (1), rules in force (1), grants, ratings, holds, initiatives (4).
    with django_assert_num_queries(19):
        response = client.get(url, {"award": FIGHTER, "year": "2024"})

    assert response.status_code == 200
    assert response.context["eligibility"]["findings"] is not None
