"""Who may have the statutory forms, the page that lists them and the export jobs that write
them."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from organizations.models import Council, Membership
from reports.jobs.services import export_request
from reports.models import ExportJob
from reports.registry import exporter_of
from tests.factories import MembershipFactory, PersonFactory, UserFactory
from tests.reports.statutory.conftest import YEAR, grant

pytestmark = pytest.mark.django_db
KINDS = [f"statutory_060{n}" for n in range(1, 6)]
URL = reverse("reports:statutory_page")


@pytest.fixture
def ward_council(tree):
    return Council.objects.create(unit=tree.ward_a, name="Hội đồng TĐKT phường An Bình")


@pytest.fixture
def other_council(tree):
    return Council.objects.create(unit=tree.other_province, name="Hội đồng TĐKT tỉnh khác")


def logged_in(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("kind", KINDS)
def test_each_form_is_an_xlsx_exporter_for_the_secretariat(kind, tree, secretariat):
    exporter = exporter_of(kind)

    assert exporter.formats == ("xlsx", "pdf")
    params = exporter.authorize(secretariat, {"council": str(tree.council.pk), "year": "2020"})
    assert params == {"council": tree.council.pk, "year": 2020}
    assert "2020" in exporter.title(params)
    assert exporter.filename(params, "xlsx") == f"bieu-{kind[-4:]}-N-BNV-2020.xlsx"
    out = io.BytesIO()
    calls = []
    exporter.render(
        user=secretariat,
        params=params,
        fmt="xlsx",
        out=out,
        progress=lambda done, total=None: calls.append((done, total)),
    )
    book = load_workbook(io.BytesIO(out.getvalue()))
    assert book.sheetnames == [f"Biểu {kind[-4:]}", "Ô cần nhập tay"]
    assert calls[-1] == (1, 1)


def test_a_council_out_of_sight_is_404_and_one_in_sight_without_the_role_403(
    tree, secretariat, officer_a, ward_council, other_council
):
    authorize = exporter_of("statutory_0601").authorize

    with pytest.raises(Http404):  # the other province
        authorize(secretariat, {"council": other_council.pk, "year": "2020"})
    with pytest.raises(Http404):  # the district is above officer A
        authorize(officer_a, {"council": tree.council.pk, "year": "2020"})
    with pytest.raises(PermissionDenied):  # officer A sees his ward, is not its secretariat
        authorize(officer_a, {"council": ward_council.pk, "year": "2020"})
    with pytest.raises(Http404):
        authorize(secretariat, {"council": "999999", "year": "2020"})
    # The district's secretariat has the forms of the councils below it.
    assert authorize(secretariat, {"council": [str(ward_council.pk)], "year": ["2020"]}) == {
        "council": ward_council.pk,
        "year": 2020,
    }


@pytest.mark.parametrize(
    ("params", "message"),
    [({"year": "2020"}, "hội đồng"), ({"year": "năm nay"}, "Năm"), ({"year": "1890"}, "2000")],
)
def test_bad_parameters_are_refused_in_vietnamese(tree, secretariat, params, message):
    params = {"council": str(tree.council.pk), **params}
    if message == "hội đồng":
        params.pop("council")
    with pytest.raises(ValidationError, match=message):
        exporter_of("statutory_0602").authorize(secretariat, params)


def test_a_superuser_has_every_council(tree, other_council):
    admin = UserFactory(username="quantri", is_superuser=True)

    params = exporter_of("statutory_0603").authorize(
        admin, {"council": other_council.pk, "year": 2020}
    )
    assert params["council"] == other_council.pk


def test_the_job_renders_the_form_for_download(
    tree, secretariat, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = export_request(
            user=secretariat,
            kind="statutory_0601",
            fmt="xlsx",
            params={"council": str(tree.council.pk), "year": "2020"},
        )
    job.refresh_from_db()

    assert job.status == ExportJob.Status.READY, job.error
    assert job.filename == "bieu-0601-N-BNV-2020.xlsx"
    with job.file.open("rb") as handle:
        book = load_workbook(io.BytesIO(handle.read()))
    assert book.worksheets[0]["A1"].value == "Biểu số: 0601.N/BNV-TĐKT"


def test_the_page_lists_the_five_forms_with_their_cells_to_fill_and_buttons(
    client, tree, secretariat, award_year
):
    response = logged_in(client, secretariat).get(URL, {"council": tree.council.pk, "year": YEAR})

    assert response.status_code == 200
    html = response.content.decode()
    for code in ("0601", "0602", "0603", "0604", "0605"):
        assert f'data-form="{code}"' in html
        assert reverse("reports:job_new", args=[f"statutory_{code}", "xlsx"]) in html
    forms = {item["spec"].code: item["manual"] for item in response.context["forms"]}
    assert forms["0604"] == 5  # four bodies and the receiving unit
    assert f'data-manual-count="{forms["0602"]}"' in html
    # The buttons carry the page's council and year to the exporter.
    assert f'name="council" value="{tree.council.pk}"' in html
    assert 'name="year" value="2020"' in html


def test_the_page_picks_the_only_council_and_the_current_year(client, tree, secretariat):
    response = logged_in(client, secretariat).get(URL)

    assert response.status_code == 302
    assert f"council={tree.council.pk}" in response.url
    assert "year=" in response.url


def test_the_page_asks_which_council_when_there_are_several(
    client, tree, secretariat, ward_council
):
    response = logged_in(client, secretariat).get(URL)

    assert response.status_code == 200
    assert response.context["forms"] == []
    assert ward_council.name in response.content.decode()


def test_a_bad_year_is_said_on_the_page(client, tree, secretariat):
    response = logged_in(client, secretariat).get(URL, {"council": tree.council.pk, "year": "x"})

    assert response.status_code == 200
    assert response.context["year_error"]
    assert response.context["forms"] == []


def test_the_page_refuses_like_the_exporters(client, tree, officer_a, ward_council, other_council):
    client = logged_in(client, officer_a)

    assert client.get(URL).status_code == 403  # no council at all
    assert client.get(URL, {"council": tree.council.pk, "year": 2020}).status_code == 404
    assert client.get(URL, {"council": ward_council.pk, "year": 2020}).status_code == 403
    assert client.get(URL, {"council": other_council.pk, "year": 2020}).status_code == 404


def test_the_page_needs_a_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert "login" in response.url


def test_the_page_runs_as_many_queries_whatever_the_data(
    client, tree, secretariat, award_year, campaign_year, django_assert_max_num_queries
):

    client = logged_in(client, secretariat)
    params = {"council": tree.council.pk, "year": YEAR}

    with CaptureQueriesContext(connection) as small:
        client.get(URL, params)
    for _ in range(20):
        grant(code="order", person=PersonFactory(unit=tree.ward_b))
        grant(code="certificate_of_commendation_provincial", unit=tree.group_a)
    MembershipFactory(unit=tree.ward_b, role=Membership.Role.UNIT_OFFICER)
    with CaptureQueriesContext(connection) as large:
        response = client.get(URL, params)

    assert response.status_code == 200
    assert len(large) == len(small)
