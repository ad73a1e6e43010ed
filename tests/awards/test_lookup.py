import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from pypdf import PdfReader

from awards.history_export import neutralise
from awards.models import AnnualRating, DisciplinaryRecord, Initiative
from tests.awards.factories import (
    AnnualRatingFactory,
    AwardDecisionFactory,
    AwardFormFactory,
    AwardGrantFactory,
    DisciplinaryRecordFactory,
    EmulationTitleFactory,
    InitiativeFactory,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hung(tree):
    """Nguyễn Văn Hùng of ward A: Advanced Worker 2023, Grassroots Fighter 2024 (revoked),
    a provincial Bằng khen 2024, ratings, an initiative used for the 2024 title, a reprimand."""
    person = PersonFactory(full_name="Nguyễn Văn Hùng", birth_year=1980, unit=tree.ward_a)
    AwardGrantFactory(
        person=person,
        year=2023,
        decision=AwardDecisionFactory(number="15/QĐ-UBND", date=datetime.date(2023, 12, 28)),
    )
    fighter = AwardGrantFactory(
        person=person,
        year=2024,
        title=EmulationTitleFactory(code="emulation_fighter_grassroots"),
        decision=AwardDecisionFactory(number="07/QĐ-UBND", date=datetime.date(2025, 1, 9)),
        revoked=True,
        revoked_on=datetime.date(2025, 5, 2),
        revoked_reason="Hồ sơ sáng kiến không trung thực",
    )
    AwardGrantFactory(
        person=person,
        year=2024,
        title=None,
        form=AwardFormFactory(code="certificate_of_commendation_provincial"),
        decision=AwardDecisionFactory(
            number="=HYPERLINK(1)", date=datetime.date(2025, 2, 3), authority="UBND tỉnh"
        ),
    )
    AnnualRatingFactory(person=person, year=2024, rating=AnnualRating.Rating.EXCELLENT)
    InitiativeFactory(
        title="Số hóa hồ sơ một cửa", authors=[person], unit=tree.ward_a, used_for=fighter
    )
    DisciplinaryRecordFactory(
        person=person,
        level=DisciplinaryRecord.Level.REPRIMAND,
        starts_on=datetime.date(2025, 6, 1),
        ends_on=datetime.date(2026, 6, 1),
    )
    return person


def test_search_finds_a_person_without_accents(client, officer_a, hung, tree):
    PersonFactory(full_name="Nguyễn Văn Hưng", birth_year=1990, unit=tree.ward_a)
    PersonFactory(full_name="Nguyễn Văn Hùng", birth_year=1980, unit=tree.other_ward)
    client.force_login(officer_a)

    response = client.get(reverse("awards:lookup"), {"kind": "person", "q": "nguyen van hung"})

    assert response.status_code == 200
    assert [p.full_name for p in response.context["people"]] == [
        "Nguyễn Văn Hùng",
        "Nguyễn Văn Hưng",
    ]
    assert reverse("awards:lookup_person", args=[hung.pk]) in response.text


def test_search_by_birth_year_narrows_the_people(client, officer_a, hung, tree):
    PersonFactory(full_name="Nguyễn Văn Hùng", birth_year=1995, unit=tree.ward_a)
    client.force_login(officer_a)

    response = client.get(
        reverse("awards:lookup"), {"kind": "person", "q": "Hùng", "birth_year": "1980"}
    )

    assert response.context["people"] == [hung]


def test_search_finds_units_the_user_may_see(client, officer_a, tree):
    client.force_login(officer_a)

    response = client.get(reverse("awards:lookup"), {"kind": "unit", "q": "to dan pho"})

    assert response.context["units"] == [tree.group_a]


def test_rejected_search_keeps_what_was_typed(client, officer_a, tree):
    client.force_login(officer_a)

    response = client.get(reverse("awards:lookup"), {"q": "Hùng", "birth_year": "12"})

    assert response.context["people"] is None
    assert 'value="Hùng"' in response.text
    assert response.context["form"].errors["birth_year"]


def test_person_page_shows_history_by_year_with_revoked_grant_marked(client, officer_a, hung):
    client.force_login(officer_a)

    response = client.get(reverse("awards:lookup_person", args=[hung.pk]))

    assert response.status_code == 200
    years = response.context["history"].years
    assert [entry.year for entry in years] == [2025, 2024, 2023]
    assert [str(g.award) for g in years[1].grants] == [
        "Chiến sĩ thi đua cơ sở",
        "Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh",
    ]
    assert "Đã thu hồi" in response.text
    assert "02/05/2025" in response.text
    assert "Hồ sơ sáng kiến không trung thực" in response.text
    assert "07/QĐ-UBND" in response.text
    assert "09/01/2025" in response.text
    assert "Số hóa hồ sơ một cửa" in response.text
    assert "Hoàn thành xuất sắc nhiệm vụ" in response.text or "Excellently" in response.text


def test_officer_gets_404_for_a_person_or_unit_of_another_unit(client, officer_a, tree):
    stranger = PersonFactory(unit=tree.other_ward)
    neighbour = PersonFactory(unit=tree.ward_b)
    client.force_login(officer_a)

    for name in ("awards:lookup_person", "awards:lookup_person_xlsx", "awards:lookup_person_pdf"):
        assert client.get(reverse(name, args=[stranger.pk])).status_code == 404
        assert client.get(reverse(name, args=[neighbour.pk])).status_code == 404
    for name in ("awards:lookup_unit", "awards:lookup_unit_xlsx", "awards:lookup_unit_pdf"):
        assert client.get(reverse(name, args=[tree.ward_b.pk])).status_code == 404
    assert client.get(reverse("awards:lookup_unit", args=[tree.group_a.pk])).status_code == 200


def test_lookup_needs_login(client, hung):
    response = client.get(reverse("awards:lookup_person", args=[hung.pk]))

    assert response.status_code == 302


def test_unit_page_shows_collective_grants(client, secretariat, tree):
    AwardGrantFactory(
        person=None,
        unit=tree.ward_a,
        title=EmulationTitleFactory(code="advanced_collective"),
        decision=AwardDecisionFactory(number="88/QĐ-UBND", date=datetime.date(2024, 12, 30)),
    )
    client.force_login(secretariat)

    response = client.get(reverse("awards:lookup_unit", args=[tree.ward_a.pk]))

    assert "Tập thể lao động tiên tiến" in response.text
    assert "88/QĐ-UBND" in response.text
    assert "30/12/2024" in response.text


def test_xlsx_export_has_grants_with_real_dates(client, officer_a, hung):
    client.force_login(officer_a)

    response = client.get(reverse("awards:lookup_person_xlsx", args=[hung.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="lich-su-khen-thuong-nguyen-van-hung.xlsx"'
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Khen thưởng", "Xếp loại", "Sáng kiến", "Kỷ luật"]
    sheet = book["Khen thưởng"]
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["Năm", "Danh hiệu / hình thức", "Số quyết định", "Ngày quyết định"]
    assert all(cell.font.bold for cell in sheet[1])
    rows = [[_day(cell.value) for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [row[:4] for row in rows] == [
        [2024, "Chiến sĩ thi đua cơ sở", "07/QĐ-UBND", datetime.date(2025, 1, 9)],
        [
            2024,
            "Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh",
            "'=HYPERLINK(1)",
            datetime.date(2025, 2, 3),
        ],
        [2023, "Lao động tiên tiến", "15/QĐ-UBND", datetime.date(2023, 12, 28)],
    ]
    assert sheet["D2"].number_format == "DD/MM/YYYY"
    assert rows[0][6:9] == [
        "Đã thu hồi",
        datetime.date(2025, 5, 2),
        "Hồ sơ sáng kiến không trung thực",
    ]
    initiatives = [[c.value for c in row] for row in book["Sáng kiến"].iter_rows(min_row=2)]
    assert initiatives[0][1] == "Số hóa hồ sơ một cửa"
    assert initiatives[0][4] == "Chiến sĩ thi đua cơ sở (2024) – 07/QĐ-UBND"


def _day(value):
    """openpyxl reads a date cell back as a naive datetime at midnight."""
    return value.date() if isinstance(value, datetime.datetime) else value


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+84", "'+84"), ("-2", "'-2"), ("@a", "'@a"), ("Hùng", "Hùng"), (5, 5)],
)
def test_neutralise_prefixes_formula_like_text(value, expected):
    assert neutralise(value) == expected


def test_pdf_export_has_the_name_and_decision_number(client, officer_a, hung):
    client.force_login(officer_a)

    response = client.get(reverse("awards:lookup_person_pdf", args=[hung.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Nguyễn Văn Hùng" in text
    assert "07/QĐ-UBND" in text
    assert "Đã thu hồi" in text


@pytest.mark.parametrize("grants", [3, 60])
def test_person_page_query_count_does_not_grow(
    client, django_assert_num_queries, officer_a, tree, grants
):
    person = PersonFactory(unit=tree.ward_a)
    decision = AwardDecisionFactory()
    for i in range(grants):
        AwardGrantFactory(person=person, decision=decision, year=2000 + i)
        AnnualRatingFactory(person=person, year=2000 + i)
    for i in range(grants // 3):
        grant = AwardGrantFactory(person=person, decision=AwardDecisionFactory(), year=2000 + i)
        InitiativeFactory(authors=[person], unit=tree.ward_a, used_for=grant)
        DisciplinaryRecordFactory(person=person, starts_on=datetime.date(2000 + i, 1, 1))
    client.force_login(officer_a)

    # savepoint, session, user, person (visibility subquery), grants, ratings, initiatives,
    # holds, the titles and forms the eligibility check offers (2), release
    with django_assert_num_queries(11):
        response = client.get(reverse("awards:lookup_person", args=[person.pk]))

    assert response.status_code == 200
    assert Initiative.objects.filter(authors=person).count() == grants // 3


UNIT_PAGE_QUERIES = 10


@pytest.mark.parametrize("grants", [3, 60])
def test_unit_page_query_count_does_not_grow(
    client, django_assert_num_queries, secretariat, tree, grants
):
    for i in range(grants):
        AwardGrantFactory(
            person=None,
            unit=tree.ward_a,
            title=EmulationTitleFactory(code="advanced_collective"),
            decision=AwardDecisionFactory(),
            year=2000 + i,
        )
    client.force_login(secretariat)
    url = reverse("awards:lookup_unit", args=[tree.ward_a.pk])

    # savepoint, session, user, unit (visibility subquery), grants, ratings, initiatives,
    # the titles and forms the eligibility check offers (2), release
    with django_assert_num_queries(UNIT_PAGE_QUERIES):
        response = client.get(url)

    assert response.status_code == 200
    assert response.text.count("Tập thể lao động tiên tiến") >= grants


@pytest.mark.parametrize("people", [3, 60])
def test_search_results_query_count_does_not_grow(
    client, django_assert_num_queries, officer_a, tree, people
):
    for i in range(people):
        PersonFactory(full_name=f"Trần Văn Tìm {i}", unit=tree.ward_a)
    client.force_login(officer_a)

    # savepoint, session, user, matching people with their units, import permission, release
    with django_assert_num_queries(6):
        response = client.get(reverse("awards:lookup"), {"kind": "person", "q": "tran van tim"})

    assert len(response.context["people"]) == min(people, 50)  # at most 50 results are shown
