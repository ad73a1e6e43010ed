import pytest
from django.urls import reverse

from organizations.models import Membership
from organizations.selectors import units_visible_to
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def names(units):
    return sorted(u.name for u in units)


def test_officer_sees_his_unit_and_the_units_below_it(tree, officer_a):
    assert names(units_visible_to(officer_a)) == ["Phường An Bình", "Tổ dân phố số 1"]


def test_secretariat_sees_every_unit_under_its_council(tree, secretariat):
    assert names(units_visible_to(secretariat)) == [
        "Phường An Bình",
        "Phường Bình Minh",
        "Thị xã Thử",
        "Tổ dân phố số 1",
    ]


def test_user_without_membership_sees_no_unit(tree):
    assert names(units_visible_to(UserFactory())) == []


def test_superuser_sees_every_unit(tree):
    root = UserFactory(is_superuser=True, is_staff=True)
    assert units_visible_to(root).count() == 7


def test_officer_gets_404_for_another_communes_page(client, tree, officer_a):
    client.force_login(officer_a)

    response = client.get(reverse("organizations:unit_detail", args=[tree.ward_b.pk]))

    assert response.status_code == 404
    assert "Phường Bình Minh" not in response.text


def test_officer_gets_404_for_a_unit_in_another_province(client, tree, officer_a):
    client.force_login(officer_a)

    response = client.get(reverse("organizations:unit_detail", args=[tree.other_ward.pk]))

    assert response.status_code == 404
    assert "Xã Xa Lạ" not in response.text


def test_officer_sees_his_own_unit_page_with_its_groups(client, tree, officer_a):
    client.force_login(officer_a)

    response = client.get(reverse("organizations:unit_detail", args=[tree.ward_a.pk]))

    assert response.status_code == 200
    assert "Phường An Bình" in response.text
    assert "Tổ dân phố số 1" in response.text


def test_unit_page_names_but_does_not_link_parents_outside_scope(client, tree, officer_a):
    client.force_login(officer_a)

    response = client.get(reverse("organizations:unit_detail", args=[tree.ward_a.pk]))

    assert "Thị xã Thử" in response.text
    assert reverse("organizations:unit_detail", args=[tree.district.pk]) not in response.text


def test_secretariat_opens_every_ward_page_of_its_council(client, tree, secretariat):
    client.force_login(secretariat)

    for ward in (tree.ward_a, tree.ward_b):
        response = client.get(reverse("organizations:unit_detail", args=[ward.pk]))
        assert response.status_code == 200
        assert ward.name in response.text


def test_secretariat_gets_404_outside_its_council(client, tree, secretariat):
    client.force_login(secretariat)

    response = client.get(reverse("organizations:unit_detail", args=[tree.province.pk]))

    assert response.status_code == 404


def test_anonymous_user_is_sent_to_login(client, tree):
    response = client.get(reverse("organizations:unit_detail", args=[tree.ward_a.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_unit_list_filter_under_a_unit_outside_scope_shows_nothing(client, tree, officer_a):
    client.force_login(officer_a)

    response = client.get(reverse("organizations:unit_list"), {"under": tree.district.pk})

    assert response.status_code == 200
    assert list(response.context["page"]) == []


def test_permissions_follow_roles(tree, officer_a, secretariat):
    member = MembershipFactory(unit=tree.district, role=Membership.Role.COUNCIL_MEMBER).user
    admin = MembershipFactory(unit=tree.district, role=Membership.Role.ADMIN).user

    assert officer_a.has_perm("organizations.view_unit", tree.group_a)
    assert not officer_a.has_perm("organizations.view_unit", tree.ward_b)
    assert not officer_a.has_perm("organizations.view_council", tree.council)
    assert secretariat.has_perm("organizations.view_council", tree.council)
    assert member.has_perm("organizations.view_council", tree.council)
    assert not secretariat.has_perm("organizations.change_unit", tree.ward_a)
    assert admin.has_perm("organizations.change_unit", tree.ward_a)
    assert not admin.has_perm("organizations.change_unit", tree.other_ward)


def test_visibility_can_be_limited_to_memberships_in_some_roles(tree, officer_a):
    MembershipFactory(user=officer_a, unit=tree.ward_b, role=Membership.Role.SECRETARIAT)

    managed = units_visible_to(officer_a, roles=Membership.MANAGING_ROLES)

    assert names(managed) == ["Phường Bình Minh"]
    assert names(units_visible_to(officer_a, roles=())) == []
    assert names(units_visible_to(officer_a)) == [
        "Phường An Bình",
        "Phường Bình Minh",
        "Tổ dân phố số 1",
    ]
