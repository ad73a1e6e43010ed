"""The export of registration lines (kind "registrations"): the lines of the registrations the
user may see, filtered by window, year, cluster, unit and state (the overview's ``show``
taken for the state), collectives first; the overview page's buttons carry its window and
filters; another council's window is a 404."""

import datetime
from dataclasses import replace

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from campaigns.models import Campaign
from organizations.models import Council, Unit
from registrations.models import Registration, RegistrationEntry, RegistrationWindow
from registrations.selectors import registrations_visible_to
from reports.models import ExportJob
from tests.campaigns.conftest import officer
from tests.exports_lists.conftest import rendered, report_of, rows_of, workbook_of
from tests.factories import UnitFactory
from tests.registrations.conftest import (  # noqa: F401 - fixtures
    clusters,
    registration_with_lines,
    window,
)

pytestmark = pytest.mark.django_db
Status = Registration.Status


@pytest.fixture
def lines(tree, window):  # noqa: F811 - the imported fixture
    """ward_a submitted (2 people), ward_b draft (1), ward_e accepted (1), the outsider
    returned (0 people), and a registration of another province's council."""
    ward_e = window.clusters.other.members.get()
    states = {
        tree.ward_a: (2, Status.SUBMITTED),
        tree.ward_b: (1, Status.DRAFT),
        ward_e: (1, Status.ACCEPTED),
        window.outsider: (0, Status.RETURNED),
    }
    for unit, (people, state) in states.items():
        registration = registration_with_lines(window, unit, people=people)
        Registration.objects.filter(pk=registration.pk).update(status=state)
    council = Council.objects.create(unit=tree.other_province, name="Hội đồng tỉnh khác")
    campaign = Campaign.objects.create(
        council=council, name="Thi đua tỉnh khác", year=2020, status=Campaign.Status.LAUNCHED
    )
    campaign.participants.set([tree.other_ward])
    other = RegistrationWindow.objects.create(
        campaign=campaign, closes_on=datetime.date(2020, 3, 1)
    )
    registration_with_lines(replace(window, window=other, campaign=campaign), tree.other_ward)
    return window


def expected(user, **filters) -> list[tuple]:
    """(unit, recipient, award) of the visible lines, collectives first in each registration,
    straight from the models."""
    entries = RegistrationEntry.objects.filter(
        registration__in=registrations_visible_to(user), **filters
    ).select_related("registration__unit", "collective", "person", "title", "form")
    ordered = sorted(
        entries,
        key=lambda e: (e.registration.unit.name, e.registration_id, e.kind, e.order, e.pk),
    )
    return [(e.registration.unit.name, str(e.recipient), e.award.name_vi) for e in ordered]


def exported(user, params=None) -> list[tuple]:
    return [(row[4], row[7], row[9]) for row in rows_of(report_of("registrations", user, params))]


def test_secretariat_gets_every_line_of_its_council(lines, secretariat):
    rows = exported(secretariat)

    assert rows == expected(secretariat)
    assert len(rows) == 4 + 2 + 1 + 1  # a collective line each, and the people
    assert "Xã Xa Lạ" not in {unit for unit, _recipient, _award in rows}


def test_collectives_come_first_in_each_registration(lines, secretariat, tree):
    rows = rows_of(report_of("registrations", secretariat, {"unit": str(tree.ward_a.pk)}))

    assert [row[6] for row in rows] == ["Tập thể", "Cá nhân", "Cá nhân"]
    assert rows[0][5] == "Đã nộp"
    assert rows[0][2] == "Thi đua thường xuyên năm 2020"


def test_unit_officer_gets_his_unit_and_the_cluster_he_leads(lines, officer_a, tree):
    units = {unit for unit, _recipient, _award in exported(officer_a)}

    assert units == {"Phường An Bình", "Phường Bình Minh"}  # ward_a leads cluster 1


@pytest.mark.parametrize(
    ("params", "states"),
    [
        ({"state": "submitted"}, {Status.SUBMITTED}),
        ({"state": "registered"}, {Status.SUBMITTED, Status.ACCEPTED}),
        ({"show": "not_registered"}, {Status.DRAFT, Status.RETURNED}),
        ({"show": "registered", "state": "accepted"}, {Status.ACCEPTED}),
        ({"show": "all"}, set(Status.values)),
    ],
)
def test_state_and_the_overviews_show_filter(lines, secretariat, params, states):
    rows = exported(secretariat, {"window": str(lines.window.pk), **params})

    assert rows == expected(secretariat, registration__status__in=states)


def test_cluster_year_and_unit_filters(lines, secretariat, tree):
    cluster = lines.clusters.cluster
    by_cluster = exported(secretariat, {"cluster": str(cluster.pk), "year": "2020"})
    assert by_cluster == expected(secretariat, registration__cluster=cluster)
    assert {unit for unit, _r, _a in by_cluster} == {"Phường An Bình", "Phường Bình Minh"}
    assert exported(secretariat, {"year": "2019"}) == []
    by_unit = exported(secretariat, {"unit": str(tree.district.pk)})
    assert by_unit == expected(secretariat)


def test_workbook_reads_back_with_its_total_and_the_window_year(lines, secretariat):
    content = rendered("registrations", secretariat, {"window": str(lines.window.pk)}, "xlsx")
    cells = list(workbook_of(content)["Đăng ký thi đua"].iter_rows(values_only=True))
    data = [row for row in cells if isinstance(row[0], int)]

    assert len(data) == 8
    assert "Tổng cộng: 8" in {row[7] for row in cells}
    assert "DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM 2020" in {row[0] for row in cells}


def test_another_councils_window_or_unit_is_a_404(client, lines, secretariat, tree):
    other = RegistrationWindow.objects.exclude(pk=lines.window.pk).get()
    with pytest.raises(Http404):
        report_of("registrations", secretariat, {"window": str(other.pk)})
    with pytest.raises(Http404):
        report_of("registrations", secretariat, {"unit": str(tree.other_ward.pk)})
    client.force_login(secretariat)

    response = client.post(
        reverse("reports:job_new", args=["registrations", "xlsx"]), {"window": other.pk}
    )

    assert response.status_code == 404
    assert not ExportJob.objects.exists()


def test_an_unknown_state_is_refused(lines, secretariat):
    with pytest.raises(ValidationError):
        report_of("registrations", secretariat, {"state": "lost"})


def test_overview_buttons_carry_the_window_and_its_filters(
    client, lines, secretariat, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    url = reverse("registrations:overview", args=[lines.window.pk])
    cluster = lines.clusters.cluster.pk

    page = client.get(url, {"show": "registered", "cluster": cluster}).content.decode()

    action = reverse("reports:job_new", args=["registrations", "csv"])
    assert f'action="{action}"' in page
    assert f'<input type="hidden" name="window" value="{lines.window.pk}">' in page
    assert '<input type="hidden" name="show" value="registered">' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(action, {"window": lines.window.pk, "show": "registered", "cluster": cluster})
    job = ExportJob.objects.get()
    assert job.status == ExportJob.Status.READY
    assert job.params == {
        "window": str(lines.window.pk),
        "cluster": str(cluster),
        "state": "registered",
    }
    with job.file.open("rb") as handle:
        text = handle.read().decode("utf-8-sig")
    assert "Phường An Bình" in text
    assert "Phường Bình Minh" not in text


def test_a_user_outside_the_council_gets_nothing(lines):
    stranger_unit = UnitFactory(name="Xã Ngoài", kind=Unit.Kind.COMMUNE)

    assert exported(officer(stranger_unit, "canbo_ngoai")) == []
