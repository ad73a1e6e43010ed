"""The list of award grants (/awards/grants/) and its export (kind "grants"): the file holds
exactly the grants the page lists for the user with the same filters, on every page; a unit
officer never gets another unit's grants; the workbook reads back with its totals; CSV
neutralises formulas; the page reads a fixed number of queries."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from awards.models import AwardForm, AwardGrant, EmulationTitle
from organizations.models import Person
from reports.models import ExportJob
from tests.awards.factories import AwardDecisionFactory, AwardGrantFactory, HouseholdFactory
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
URL = "/awards/grants/"


@dataclass
class Grants:
    """Grants around the test district (tests/conftest.py ``tree``)."""

    formula: Person
    revoked: AwardGrant
    far: AwardGrant  # other_ward's person, in a decision of the district
    stranger: AwardGrant  # other_ward's person, in the other province's decision


@pytest.fixture
def grants(tree) -> Grants:
    worker = EmulationTitle.objects.get(code="advanced_worker")
    merit = AwardForm.objects.get(code="certificate_of_merit")
    district = AwardDecisionFactory(
        number="15/QĐ-UBND",
        date=datetime.date(2020, 12, 20),
        authority="Chủ tịch UBND thị xã",
        issuing_unit=tree.district,
    )
    later = AwardDecisionFactory(
        number="7/QĐ-UBND",
        date=datetime.date(2021, 12, 22),
        authority="Chủ tịch UBND thị xã",
        issuing_unit=tree.district,
    )
    foreign = AwardDecisionFactory(
        number="99/QĐ-UBND", date=datetime.date(2020, 12, 1), issuing_unit=tree.other_province
    )
    AwardGrantFactory(
        decision=district, person=PersonFactory(full_name="Nguyễn Thị Ấn", unit=tree.ward_a)
    )
    formula = PersonFactory(full_name="=cmd|' /C calc'!A0", unit=tree.group_a)
    AwardGrantFactory(decision=district, person=formula)
    AwardGrantFactory(decision=later, person=None, unit=tree.group_a, title=None, form=merit)
    AwardGrantFactory(
        decision=later,
        person=None,
        household=HouseholdFactory(name="Hộ ông Trần Văn Cả", unit=tree.group_a),
        title=None,
        form=merit,
        achievement=AwardGrant.Achievement.THEMATIC,
    )
    revoked = AwardGrantFactory(
        decision=later,
        person=PersonFactory(full_name="Lê Văn Bình", unit=tree.ward_b),
        revoked=True,
        revoked_on=datetime.date(2022, 3, 1),
        revoked_reason="Khai man thành tích",
    )
    far = AwardGrantFactory(
        decision=district, person=PersonFactory(full_name="Phạm Văn Xa", unit=tree.other_ward)
    )
    stranger = AwardGrantFactory(
        decision=foreign,
        person=PersonFactory(full_name="Đỗ Văn Lạ", unit=tree.other_ward),
        title=worker,
    )
    return Grants(formula, revoked, far, stranger)


def page_rows(client, user, params=None) -> list[tuple]:
    """(year, recipient, award) of every grant the page lists, all pages."""
    client.force_login(user)
    return [(g.year, str(g.recipient), str(g.award)) for g in listed(client, URL, params)]


def export_rows(user, params=None) -> list[tuple]:
    """(year, recipient, award) of every row of the export's first sheet."""
    return [(row[1], row[2], row[5]) for row in rows_of(report_of("grants", user, params))]


def test_unit_officer_gets_his_units_grants_only(client, grants, officer_a):
    rows = export_rows(officer_a)

    assert {recipient for _year, recipient, _award in rows} == {
        "Nguyễn Thị Ấn",
        "=cmd|' /C calc'!A0",
        "Tổ dân phố số 1",
        "Hộ ông Trần Văn Cả",
    }
    assert rows == page_rows(client, officer_a)


def test_secretariat_also_gets_the_grants_of_its_councils_decisions(client, grants, secretariat):
    recipients = {recipient for _year, recipient, _award in export_rows(secretariat)}

    assert {"Lê Văn Bình", "Phạm Văn Xa"} <= recipients  # ward B; other ward by its decision
    assert "Đỗ Văn Lạ" not in recipients  # the other province's decision
    assert export_rows(secretariat) == page_rows(client, secretariat)


@pytest.mark.parametrize(
    "params",
    [
        {"year": "2021"},
        {"award": "certificate_of_merit"},
        {"kind": "household"},
        {"achievement": "thematic"},
        {"decision": "15/"},
        {"revoked": "true"},
        {"revoked": "false", "year": "2021"},
        {"q": "nguyen thi an"},
        {"unit": "group_a"},
        {"unit": "ward_b", "year": "2021"},
    ],
)
def test_export_holds_what_the_page_lists_with_the_same_filters(
    client, tree, grants, secretariat, params
):
    if "unit" in params:
        params = {**params, "unit": str(getattr(tree, params["unit"]).pk)}

    rows = export_rows(secretariat, params)

    assert rows == page_rows(client, secretariat, params)
    assert rows  # every filter above matches something


def test_export_holds_every_page_not_only_the_first(client, tree, grants, officer_a):
    people = Person.objects.bulk_create(
        Person(full_name=f"Người số {n:03d}", unit=tree.ward_a) for n in range(60)
    )
    worker = EmulationTitle.objects.get(code="advanced_worker")
    AwardGrant.objects.bulk_create(AwardGrant(person=p, title=worker, year=2019) for p in people)

    rows = export_rows(officer_a)

    assert len(rows) == 64
    assert rows == page_rows(client, officer_a)  # two pages of 50


def test_workbook_reads_back_with_its_rows_and_totals(grants, secretariat):
    workbook = workbook_of(rendered("grants", secretariat, {}, "xlsx"))

    assert workbook.sheetnames == ["Khen thưởng", "Tổng hợp"]
    cells = list(workbook["Khen thưởng"].iter_rows(values_only=True))
    header = next(i for i, row in enumerate(cells) if row[0] == "STT")
    assert cells[header][:4] == ("STT", "Năm", "Tên tập thể / cá nhân", "Đối tượng")
    data = [row for row in cells[header + 1 :] if isinstance(row[0], int)]
    assert [row[0] for row in data] == list(range(1, 7))
    total = cells[header + 1 + len(data)]
    assert (total[2], total[10]) == ("Tổng cộng: 6", 1)  # one revoked
    revoked = next(row for row in data if row[2] == "Lê Văn Bình")
    assert (revoked[10], revoked[11].date()) == ("Đã thu hồi", datetime.date(2022, 3, 1))
    assert "DANH SÁCH KHEN THƯỞNG" in {row[0] for row in cells[:header]}
    summary = list(workbook["Tổng hợp"].iter_rows(values_only=True))
    per_award = [row for row in summary if isinstance(row[0], int)]
    assert sum(row[5] for row in per_award) == len(data)
    summary_total = next(row for row in summary if row[1] == "Tổng cộng")
    assert summary_total[2:] == (4, 1, 1, 6, 1)  # individuals, collectives, households


def test_title_and_file_name_say_the_year(grants, secretariat):
    report = report_of("grants", secretariat, {"year": "2020"})
    exporter = __import__("reports.registry", fromlist=["x"]).exporter_of("grants")

    assert report.title == "DANH SÁCH KHEN THƯỞNG NĂM 2020"
    assert exporter.filename({"year": "2020"}, "xlsx") == "danh-sach-khen-thuong-2020.xlsx"
    assert report.issuer == "HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG THỊ XÃ"
    assert report.parent_issuer == "UBND THỊ XÃ THỬ"
    assert report.place_date.startswith("Thử, ngày ")


def test_csv_neutralises_a_formula_name_and_holds_one_table(grants, officer_a):
    text = rendered("grants", officer_a, {}, "csv").decode("utf-8-sig")

    assert "'=cmd|' /C calc'!A0" in text
    assert "\n=cmd" not in text
    assert ",=cmd" not in text
    assert "Tổng hợp" not in text
    assert len(text.strip().splitlines()) == 1 + 4 + 1  # header, rows, total


def test_pdf_is_written(grants, officer_a):
    assert rendered("grants", officer_a, {"year": "2020"}, "pdf").startswith(b"%PDF")


def test_invalid_filter_is_refused_in_vietnamese(grants, officer_a):
    with pytest.raises(ValidationError) as refused:
        report_of("grants", officer_a, {"year": "hai nghìn"})

    assert refused.value.messages[0].startswith("Năm: ")


def test_params_are_cleaned_to_the_filters(grants, officer_a, tree):
    exporter = __import__("reports.registry", fromlist=["x"]).exporter_of("grants")

    cleaned = exporter.authorize(
        officer_a, {"year": ["2020"], "page": "3", "q": " ", "unit": str(tree.ward_a.pk)}
    )

    assert cleaned == {"year": "2020", "unit": str(tree.ward_a.pk)}


def test_another_councils_unit_is_a_404_for_the_export_and_empty_on_the_page(
    client, tree, grants, officer_a
):
    with pytest.raises(Http404):
        report_of("grants", officer_a, {"unit": str(tree.other_ward.pk)})
    client.force_login(officer_a)

    response = client.post(
        reverse("reports:job_new", args=["grants", "xlsx"]), {"unit": tree.other_ward.pk}
    )

    assert response.status_code == 404
    assert not ExportJob.objects.exists()
    assert list(client.get(URL, {"unit": tree.other_ward.pk}).context["page"]) == []


def test_export_job_from_the_page_buttons_holds_the_page_rows(
    client, tree, grants, officer_a, django_capture_on_commit_callbacks
):
    client.force_login(officer_a)
    page = client.get(URL, {"year": "2020"}).content.decode()
    assert reverse("reports:job_new", args=["grants", "xlsx"]) in page
    assert '<input type="hidden" name="year" value="2020">' in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reports:job_new", args=["grants", "xlsx"]), {"year": "2020"}
        )

    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert (job.status, job.params, job.filename) == (
        ExportJob.Status.READY,
        {"year": "2020"},
        "danh-sach-khen-thuong-2020.xlsx",
    )
    with job.file.open("rb") as handle:
        sheet = workbook_of(handle.read())["Khen thưởng"]
    names = [row[2] for row in sheet.iter_rows(values_only=True) if isinstance(row[0], int)]
    assert [names[0], names[1].lstrip("'")] == ["Nguyễn Thị Ấn", "=cmd|' /C calc'!A0"]
    assert not names[1].startswith("=")  # text, never a formula


def test_page_needs_a_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_page_shows_fifty_a_page_with_the_filters_kept(client, tree, officer_a):
    people = Person.objects.bulk_create(
        Person(full_name=f"Người {n:03d}", unit=tree.ward_a) for n in range(55)
    )
    worker = EmulationTitle.objects.get(code="advanced_worker")
    AwardGrant.objects.bulk_create(AwardGrant(person=p, title=worker, year=2020) for p in people)
    client.force_login(officer_a)

    response = client.get(URL, {"year": "2020"})

    assert len(response.context["page"]) == 50
    assert "year=2020&amp;page=2" in response.content.decode()


def _add_grants(tree, count: int) -> None:
    """``count`` grants: people of ward A and group A, collectives, households, in decisions."""
    worker = EmulationTitle.objects.get(code="advanced_worker")
    merit = AwardForm.objects.get(code="certificate_of_merit")
    decision = AwardDecisionFactory(issuing_unit=tree.district)
    people = Person.objects.bulk_create(
        Person(full_name=f"Người {n}", unit=tree.ward_a if n % 2 else tree.group_a)
        for n in range(count)
    )
    AwardGrant.objects.bulk_create(
        AwardGrant(decision=decision, person=p, title=worker, year=2020) for p in people
    )
    AwardGrant.objects.bulk_create(
        AwardGrant(unit=tree.group_a, form=merit, year=2000 + n) for n in range(count // 4)
    )
    for _n in range(count // 4):
        HouseholdFactory(unit=tree.group_a).grants.create(form=merit, year=2020)


@pytest.mark.parametrize("user", ["officer_a", "secretariat"])
def test_page_reads_as_many_queries_for_eighty_grants_as_for_eight(client, tree, user, request):
    client.force_login(request.getfixturevalue(user))
    _add_grants(tree, 8)
    few = queries(client, URL, {"unit": tree.ward_a.pk, "year": "2020"})
    many_before = queries(client, URL)
    _add_grants(tree, 72)

    assert queries(client, URL, {"unit": tree.ward_a.pk, "year": "2020"}) == few
    assert queries(client, URL) == many_before
