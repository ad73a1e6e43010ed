import pytest
from django.urls import reverse

from organizations.models import Membership
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_dashboard_greets_the_user_family_name_first(client, tree):
    user = UserFactory(first_name="Lan", last_name="Trần Thị")
    client.force_login(user)

    response = client.get(reverse("dashboard"))

    assert "Xin chào, Trần Thị Lan" in response.text


def test_secretariat_dashboard_shows_its_council_and_the_units_under_it(client, tree, secretariat):
    client.force_login(secretariat)

    response = client.get(reverse("dashboard"))

    text = response.text
    assert "Thường trực Hội đồng" in text
    assert "Hội đồng Thi đua – Khen thưởng thị xã" in text
    assert "3 đơn vị trực thuộc" in text
    assert "Phường: 2" in text
    assert "Tổ dân phố, thôn, xóm: 1" in text


def test_officer_dashboard_lists_each_of_his_roles(client, tree, officer_a):
    MembershipFactory(user=officer_a, unit=tree.ward_b, role=Membership.Role.UNIT_OFFICER)
    client.force_login(officer_a)

    summary = client.get(reverse("dashboard")).context["summary"]

    assert [(s.membership.unit.name, s.total_below) for s in summary] == [
        ("Phường An Bình", 1),
        ("Phường Bình Minh", 0),
    ]


def test_dashboard_of_a_user_without_role_says_what_to_do(client, tree):
    client.force_login(UserFactory())

    response = client.get(reverse("dashboard"))

    assert "chưa được gán vai trò ở đơn vị nào" in response.text
