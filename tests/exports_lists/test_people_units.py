"""The people list (/units/people/) and the unit list with their exports (kinds "people" and
"units"): the file holds exactly what the page lists for the user with the same filters, on
every page, never another council's people or units; the people page reads a fixed number of
queries."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from organizations.models import Person, Unit
from reports.models import ExportJob
from tests.exports_lists.conftest import (
    listed,
    queries,
    rendered,
    report_of,
    rows_of,
    workbook_of,
)
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
PEOPLE_URL = "/units/people/"
UNITS_URL = "/units/"


@pytest.fixture
def people(tree) -> list[Person]:
    return [
        PersonFactory(full_name="Nguyễn Thị Hoa", unit=tree.ward_a, gender="female",
                      birth_year=1980, position="Tổ trưởng"),
        PersonFactory(full_name="Trần Văn Bình", unit=tree.group_a, birth_year=1975),
        PersonFactory(full_name="@SUM(1+1)*cmd", unit=tree.group_a, birth_year=1990),
        PersonFactory(full_name="Lê Thị Cúc", unit=tree.ward_b, gender="female", birth_year=1980),
        PersonFactory(full_name="Phạm Văn Xa", unit=tree.other_ward),
    ]  # fmt: skip


def page_people(client, user, params=None) -> list[tuple]:
    client.force_login(user)
    return [(p.full_name, p.birth_year, p.unit.name) for p in listed(client, PEOPLE_URL, params)]


def export_people(user, params=None) -> list[tuple]:
    return [(row[1], row[2], row[5]) for row in rows_of(report_of("people", user, params))]


def test_unit_officer_gets_the_people_of_his_units_only(client, people, officer_a):
    rows = export_people(officer_a)

    assert {name for name, _born, _unit in rows} == {
        "Nguyễn Thị Hoa",
        "Trần Văn Bình",
        "@SUM(1+1)*cmd",
    }
    assert rows == page_people(client, officer_a)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "thi"},
        {"gender": "female"},
        {"birth_year": "1980"},
        {"position": "tổ trưởng"},
        {"unit": "group_a"},
        {"unit": "ward_a", "birth_year": "1975"},
    ],
)
def test_people_export_holds_what_the_page_lists(client, tree, people, secretariat, params):
    if "unit" in params:
        params = {**params, "unit": str(getattr(tree, params["unit"]).pk)}

    rows = export_people(secretariat, params)

    assert rows
    assert rows == page_people(client, secretariat, params)
    assert "Phạm Văn Xa" not in {name for name, _born, _unit in rows}


def test_people_export_holds_every_page(client, tree, people, officer_a):
    Person.objects.bulk_create(
        Person(full_name=f"Người {n:03d}", search_name=f"nguoi {n:03d}", unit=tree.ward_a)
        for n in range(70)
    )

    rows = export_people(officer_a)

    assert len(rows) == 73
    assert rows == page_people(client, officer_a)


def test_people_workbook_reads_back_with_its_total_and_words(people, secretariat):
    sheet = workbook_of(rendered("people", secretariat, {}, "xlsx"))["Cá nhân"]
    cells = list(sheet.iter_rows(values_only=True))
    data = [row for row in cells if isinstance(row[0], int)]

    assert len(data) == 4
    hoa = next(row for row in data if row[1] == "Nguyễn Thị Hoa")
    assert hoa[1:6] == ("Nguyễn Thị Hoa", 1980, "Nữ", "Tổ trưởng", "Phường An Bình")
    assert ("Tổng cộng: 4 người") in {row[1] for row in cells}
    assert "DANH SÁCH CÁ NHÂN" in {row[0] for row in cells}


def test_people_pdf_is_written(people, officer_a):
    assert rendered("people", officer_a, {"q": "thi"}, "pdf").startswith(b"%PDF")


def test_people_csv_neutralises_a_formula_name(people, officer_a):
    text = rendered("people", officer_a, {}, "csv").decode("utf-8-sig")

    assert ",'@SUM(1+1)*cmd," in text


def test_people_export_of_another_councils_unit_is_a_404(client, tree, people, officer_a):
    with pytest.raises(Http404):
        report_of("people", officer_a, {"unit": str(tree.other_ward.pk)})
    client.force_login(officer_a)

    response = client.post(
        reverse("reports:job_new", args=["people", "csv"]), {"unit": tree.other_ward.pk}
    )

    assert response.status_code == 404
    assert not ExportJob.objects.exists()


def test_people_export_refuses_a_bad_gender_in_vietnamese(people, officer_a):
    with pytest.raises(ValidationError) as refused:
        report_of("people", officer_a, {"gender": "other"})

    assert "other không phải là một trong các lựa chọn" in refused.value.messages[0]


def test_people_page_needs_a_login_and_shows_export_buttons(client, people, officer_a):
    assert client.get(PEOPLE_URL).status_code == 302
    client.force_login(officer_a)

    page = client.get(PEOPLE_URL, {"q": "hoa"}).content.decode()

    assert reverse("reports:job_new", args=["people", "xlsx"]) in page
    assert '<input type="hidden" name="q" value="hoa">' in page


def _add_people(tree, count: int) -> None:
    Person.objects.bulk_create(
        Person(full_name=f"Người {n}", unit=(tree.ward_a, tree.group_a, tree.ward_b)[n % 3])
        for n in range(count)
    )


@pytest.mark.parametrize("user", ["officer_a", "secretariat"])
def test_people_page_reads_as_many_queries_for_ninety_people_as_for_nine(
    client, tree, user, request
):
    client.force_login(request.getfixturevalue(user))
    _add_people(tree, 9)
    few = queries(client, PEOPLE_URL)
    few_in_unit = queries(client, PEOPLE_URL, {"unit": tree.ward_a.pk, "q": "nguoi"})
    _add_people(tree, 81)

    assert queries(client, PEOPLE_URL) == few
    assert queries(client, PEOPLE_URL, {"unit": tree.ward_a.pk, "q": "nguoi"}) == few_in_unit


# --- Units ---------------------------------------------------------------------------------------


def page_units(client, user, params=None) -> list[tuple]:
    client.force_login(user)
    return [(u.name, u.code) for u in listed(client, UNITS_URL, params)]


def export_units(user, params=None) -> list[tuple]:
    return [(row[1], row[3]) for row in rows_of(report_of("units", user, params))]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": "phuong"},
        {"kind": "ward"},
        {"active": "true"},
        {"under": "district", "kind": "residential_group"},
    ],
)
def test_unit_export_holds_what_the_unit_list_shows(client, tree, secretariat, params):
    if "under" in params:
        params = {**params, "under": str(tree.district.pk)}

    rows = export_units(secretariat, params)

    assert rows
    assert rows == page_units(client, secretariat, params)
    assert "Xã Xa Lạ" not in {name for name, _code in rows}


def test_unit_export_holds_every_page_and_reads_back(client, tree, secretariat):
    Unit.objects.bulk_create(
        Unit(name=f"Tổ {n:03d}", kind=Unit.Kind.RESIDENTIAL_GROUP, parent=tree.ward_b)
        for n in range(60)
    )
    rows = export_units(secretariat)
    assert len(rows) == 64
    assert rows == page_units(client, secretariat)

    sheet = workbook_of(rendered("units", secretariat, {}, "xlsx"))["Đơn vị"]
    data = [row for row in sheet.iter_rows(values_only=True) if isinstance(row[0], int)]

    assert len(data) == 64
    ward = next(row for row in data if row[1] == "Phường An Bình")
    assert ward[1:5] == ("Phường An Bình", "Phường", "99001", "Thị xã Thử")


def test_unit_export_under_another_councils_unit_is_a_404(tree, officer_a):
    with pytest.raises(Http404):
        report_of("units", officer_a, {"under": str(tree.other_province.pk)})


def test_unit_list_shows_the_export_buttons(client, tree, officer_a):
    client.force_login(officer_a)

    page = client.get(UNITS_URL, {"kind": "ward"}).content.decode()

    assert reverse("reports:job_new", args=["units", "pdf"]) in page
    assert '<input type="hidden" name="kind" value="ward">' in page
