"""The secretariat's queue: what it lists, its filters and tabs, who may open it, and a fixed
number of queries however long it is."""

import pytest
from django.urls import reverse
from django.utils import timezone

from dossiers.models import Dossier
from organizations.models import Unit
from tests.dossiers.conftest import advance, make_dossier

pytestmark = pytest.mark.django_db


def _bulk_dossiers(world, count: int) -> None:
    """``count`` submitted dossiers of as many new wards, every third late and assigned."""
    units = Unit.objects.bulk_create(
        Unit(name=f"Phường Số {index:04}", kind=Unit.Kind.WARD, parent=world.tree.district)
        for index in range(count)
    )
    now = timezone.now()
    Dossier.objects.bulk_create(
        Dossier(
            round=world.round,
            unit=unit,
            status=Dossier.Status.SUBMITTED if index % 3 else Dossier.Status.IN_APPRAISAL,
            version=1,
            submitted_at=now,
            submitted_late=index % 3 == 0,
            assignee=world.specialist if index % 3 == 0 else None,
        )
        for index, unit in enumerate(units)
    )


def test_queue_lists_submitted_dossiers_with_their_state_and_assignee(client, world):
    lines = (("person", 0, "advanced_worker"), ("person", 1, "advanced_worker"))
    advance(world, make_dossier(world, lines=lines), "in_appraisal")
    client.force_login(world.specialist)
    response = client.get(reverse("dossiers:queue"))
    page = response.content.decode()
    assert "Phường An Bình" in page
    assert reverse("dossiers:appraisal", args=[Dossier.objects.get().pk]) in page
    tabs = {value: count for value, _label, count in response.context["tabs"]}
    assert (tabs["in_appraisal"], response.context["total"]) == (1, 1)
    row = response.context["page"][0]
    assert (row.nomination_count, row.assignee) == (2, world.secretariat)


def test_queue_hides_drafts(client, world):
    make_dossier(world)
    client.force_login(world.secretariat)
    response = client.get(reverse("dossiers:queue"))
    assert list(response.context["page"]) == []
    assert response.context["total"] == 0


def test_queue_filters_by_status_and_counts_every_status_in_tabs(client, world):
    _bulk_dossiers(world, 6)
    client.force_login(world.secretariat)
    response = client.get(reverse("dossiers:queue"), {"status": "in_appraisal"})
    rows = list(response.context["page"])
    assert len(rows) == 2
    assert all(row.status == "in_appraisal" for row in rows)
    tabs = {value: count for value, _label, count in response.context["tabs"]}
    assert (tabs["submitted"], tabs["in_appraisal"], response.context["total"]) == (4, 2, 6)
    assert "Nộp muộn" in response.content.decode()


def test_queue_filters_by_unit_name_and_assignee(client, world):
    _bulk_dossiers(world, 6)
    client.force_login(world.secretariat)
    response = client.get(reverse("dossiers:queue"), {"unit": "số 0004"})
    assert [row.unit.name for row in response.context["page"]] == ["Phường Số 0004"]
    response = client.get(reverse("dossiers:queue"), {"assignee": world.specialist.pk})
    assert {row.assignee for row in response.context["page"]} == {world.specialist}
    assert "Trần Thị Lan" in response.content.decode()


def test_queue_pages_fifty_dossiers(client, world):
    _bulk_dossiers(world, 60)
    client.force_login(world.secretariat)
    response = client.get(reverse("dossiers:queue"))
    assert len(response.context["page"]) == 50
    second = client.get(reverse("dossiers:queue"), {"page": 2})
    assert len(second.context["page"]) == 10


@pytest.mark.parametrize("count", [10, 1000])
def test_queue_reads_a_fixed_number_of_queries(client, world, count, django_assert_num_queries):
    _bulk_dossiers(world, count)
    client.force_login(world.secretariat)
    with django_assert_num_queries(10):
        response = client.get(reverse("dossiers:queue"))
    assert response.status_code == 200


def test_queue_is_refused_to_officers_and_council_members(client, world):
    for user in (world.officer_a, world.member):
        client.force_login(user)
        assert client.get(reverse("dossiers:queue")).status_code == 403
