import pytest
from django.urls import reverse

from organizations.models import Membership, Unit
from tests.factories import MembershipFactory, UnitFactory

pytestmark = pytest.mark.django_db


def make_wards(parent, count):
    Unit.objects.bulk_create(
        [Unit(name=f"Phường Số {i}", search_name=f"phuong so {i}", kind=Unit.Kind.WARD,
              parent=parent) for i in range(count)]
    )  # fmt: skip


@pytest.mark.parametrize("wards", [3, 120])
def test_unit_list_query_count_does_not_grow_with_units(
    client, django_assert_num_queries, tree, secretariat, wards
):
    make_wards(tree.district, wards)
    client.force_login(secretariat)

    # request savepoint and release, session, user, count, page of units with their parents
    with django_assert_num_queries(6):
        response = client.get(reverse("organizations:unit_list"))

    assert response.status_code == 200


@pytest.mark.parametrize("wards", [3, 120])
def test_dashboard_query_count_does_not_grow_with_units(
    client, django_assert_num_queries, tree, secretariat, wards
):
    make_wards(tree.district, wards)
    client.force_login(secretariat)

    # request savepoint and release, session, user, memberships, kind counts of its subtree,
    # the upcoming deadlines of the user's units, the campaigns and the clusters of his units
    with django_assert_num_queries(9):
        response = client.get(reverse("dashboard"))

    assert response.status_code == 200


def test_unit_list_search_ignores_diacritics(client, tree, secretariat):
    client.force_login(secretariat)

    response = client.get(reverse("organizations:unit_list"), {"q": "binh minh"})

    assert [u.name for u in response.context["page"]] == ["Phường Bình Minh"]


def test_unit_list_filters_by_kind_under_a_unit(client, tree, secretariat):
    client.force_login(secretariat)

    response = client.get(
        reverse("organizations:unit_list"),
        {"under": tree.district.pk, "kind": Unit.Kind.RESIDENTIAL_GROUP},
    )

    assert [u.name for u in response.context["page"]] == ["Tổ dân phố số 1"]


def test_unit_list_pages_by_fifty(client, tree, secretariat):
    make_wards(tree.district, 60)
    client.force_login(secretariat)

    first = client.get(reverse("organizations:unit_list"), {"q": "phuong so"})
    second = client.get(reverse("organizations:unit_list"), {"q": "phuong so", "page": 2})

    assert len(first.context["page"]) == 50
    assert len(second.context["page"]) == 10
    assert "q=phuong+so&amp;page=2" in first.text


def test_unit_list_shows_a_dissolved_unit_with_its_date(client, tree, secretariat):
    UnitFactory(
        name="Phường Cũ", parent=tree.district, dissolved_on="2025-07-01", established_on=None
    )
    MembershipFactory(user=secretariat, unit=tree.district, role=Membership.Role.ADMIN)
    client.force_login(secretariat)

    response = client.get(reverse("organizations:unit_list"), {"q": "cu"})

    assert "01/07/2025" in response.text
