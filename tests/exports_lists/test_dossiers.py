"""The export of the secretariat's dossier queue (kind "dossiers"): the rows of the queue page
with the same filters, on every page; a unit officer may not export it (403); the workbook
reads back with its totals."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from dossiers.models import Dossier, Round
from organizations.models import Council, Membership, Unit
from reports.models import ExportJob
from tests.dossiers.conftest import advance, make_dossier, world  # noqa: F401 - fixture
from tests.exports_lists.conftest import listed, rendered, report_of, rows_of, workbook_of
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = "/dossiers/queue/"


@pytest.fixture
def queue(world):  # noqa: F811 - the imported fixture
    """Ward A's dossier in appraisal (two nominations), 60 submitted dossiers of new wards
    (every third late, in appraisal and assigned), and a dossier of another council."""
    lines = (("person", 0, "advanced_worker"), ("person", 1, "advanced_worker"))
    advance(world, make_dossier(world, lines=lines), "in_appraisal")
    units = Unit.objects.bulk_create(
        Unit(name=f"Phường Số {n:04}", kind=Unit.Kind.WARD, parent=world.tree.district)
        for n in range(60)
    )
    now = timezone.now()
    Dossier.objects.bulk_create(
        Dossier(
            round=world.round,
            unit=unit,
            status=Dossier.Status.SUBMITTED if n % 3 else Dossier.Status.IN_APPRAISAL,
            version=1,
            submitted_at=now,
            submitted_late=n % 3 == 0,
            assignee=world.specialist if n % 3 == 0 else None,
        )
        for n, unit in enumerate(units)
    )
    council = Council.objects.create(unit=world.tree.other_province, name="Hội đồng tỉnh khác")
    other = Round.objects.create(
        council=council,
        name="Đợt khác",
        year=world.round.year,
        opens_on=world.round.opens_on,
        closes_on=world.round.closes_on,
    )
    Dossier.objects.create(
        round=other, unit=world.tree.other_ward, status=Dossier.Status.SUBMITTED, version=1,
        submitted_at=now,
    )  # fmt: skip
    return world


def page_rows(client, user, params=None) -> list[tuple]:
    client.force_login(user)
    return [(d.pk, d.unit.name, d.nomination_count) for d in listed(client, URL, params)]


def export_rows(user, params=None) -> list[tuple]:
    return [(row[1], row[2], row[10]) for row in rows_of(report_of("dossiers", user, params))]


def test_queue_url_is_the_page_exported():
    assert reverse("dossiers:queue") == URL


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"status": "in_appraisal"},
        {"unit": "số 001"},
        {"assignee": "specialist"},
        {"round": "round", "status": "submitted"},
    ],
)
def test_export_holds_the_queue_rows_with_the_same_filters(client, queue, params):
    if params.get("assignee"):
        params = {**params, "assignee": str(queue.specialist.pk)}
    if params.get("round"):
        params = {**params, "round": str(queue.round.pk)}

    rows = export_rows(queue.secretariat, params)

    assert rows
    assert rows == page_rows(client, queue.secretariat, params)
    assert "Xã Xa Lạ" not in {unit for _pk, unit, _n in rows}


def test_export_holds_every_page(queue):
    assert len(export_rows(queue.secretariat)) == 61  # the page shows 50


def test_workbook_reads_back_with_dossiers_and_nominations_counted(queue):
    content = rendered("dossiers", queue.secretariat, {"status": "in_appraisal"}, "xlsx")
    cells = list(workbook_of(content)["Hồ sơ"].iter_rows(values_only=True))
    data = [row for row in cells if isinstance(row[0], int)]

    assert len(data) == 21  # ward A's and every third new ward's
    ward_a = next(row for row in data if row[2] == "Phường An Bình")
    assert (ward_a[5], ward_a[6], ward_a[10]) == ("Đang thẩm định", 1, 2)
    late = next(row for row in data if row[2] == "Phường Số 0000")
    assert (late[8], late[9]) == ("Nộp muộn", "Trần Thị Lan")
    total = next(row for row in cells if row[2] == "Tổng cộng: 21 hồ sơ")
    assert total[10] == sum(row[10] for row in data) == 2
    assert "DANH SÁCH HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG" in {row[0] for row in cells}


def test_a_unit_officer_may_not_export_the_queue(client, queue):
    with pytest.raises(PermissionDenied):
        report_of("dossiers", queue.officer_a, {})
    client.force_login(queue.officer_a)

    response = client.post(reverse("reports:job_new", args=["dossiers", "xlsx"]), {})

    assert response.status_code == 403
    assert not ExportJob.objects.exists()


def test_a_round_of_another_council_is_refused(queue):
    other = Round.objects.exclude(pk=queue.round.pk).get()

    with pytest.raises(ValidationError):
        report_of("dossiers", queue.secretariat, {"round": str(other.pk)})


def test_queue_page_shows_the_export_buttons_with_its_filters(client, queue):
    client.force_login(queue.secretariat)

    page = client.get(URL, {"status": "submitted"}).content.decode()

    assert reverse("reports:job_new", args=["dossiers", "csv"]) in page
    assert '<input type="hidden" name="status" value="submitted">' in page


def test_a_secretariat_of_another_council_gets_its_own_queue_only(queue):
    other = MembershipFactory(
        user=UserFactory(username="thuongtruc_khac"),
        unit=queue.tree.other_province,
        role=Membership.Role.SECRETARIAT,
    ).user

    assert [unit for _pk, unit, _n in export_rows(other)] == ["Xã Xa Lạ"]
