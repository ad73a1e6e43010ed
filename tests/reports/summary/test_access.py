"""Who may read which summary: the page and the export ask the same function, 404 for what the
user cannot see, 403 for what he sees but may not read."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse

from reports.summary.exporters import authorize
from reports.summary.rules import summary_scope
from tests.factories import UserFactory
from tests.reports.summary.conftest import YEAR

URL = reverse("reports:summary_page")


def get(client, user, **params):
    client.force_login(user)
    return client.get(URL, params)


def test_secretariat_reads_the_council_by_default(client, world, secretariat):
    response = get(client, secretariat)

    assert response.status_code == 200
    scope = response.context["scope"]
    assert (scope.council, scope.year, scope.kind) == (world.council, YEAR, "council")


def test_superuser_reads_any_council(client, world):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)

    assert get(client, admin, council=world.other_council.pk).status_code == 200
    assert get(client, admin, unit=world.tree.other_ward.pk).status_code == 200


def test_unit_officer_opens_on_his_cluster_or_unit(client, world, officer_a, member_b):
    response = get(client, officer_a)
    assert response.status_code == 200
    assert response.context["scope"].cluster == world.cluster  # ward A leads cluster no. 1

    response = get(client, member_b)
    assert response.status_code == 200
    assert response.context["scope"].unit == world.tree.ward_b


def test_unit_officer_reads_his_unit_and_below(client, world, officer_a):
    assert get(client, officer_a, unit=world.tree.ward_a.pk).status_code == 200
    assert get(client, officer_a, unit=world.tree.group_a.pk).status_code == 200


def test_unit_officer_may_not_read_the_council_or_another_unit(client, world, officer_a):
    assert get(client, officer_a, council=world.council.pk).status_code == 403
    assert get(client, officer_a, unit=world.tree.ward_b.pk).status_code == 404
    assert get(client, officer_a, unit=world.tree.other_ward.pk).status_code == 404


def test_cluster_leader_reads_his_cluster_a_member_does_not(client, world, officer_a, member_b):
    assert get(client, officer_a, cluster=world.cluster.pk).status_code == 200
    assert get(client, member_b, cluster=world.cluster.pk).status_code == 403
    assert get(client, officer_a, cluster=world.open_cluster.pk).status_code == 404


def test_council_member_reads_the_councils_summary_in_every_scope(client, world, council_member):
    response = get(client, council_member)
    assert response.status_code == 200
    assert response.context["summary"].council == world.tree.council
    assert get(client, council_member, unit=world.tree.ward_a.pk).status_code == 200
    assert get(client, council_member, cluster=world.cluster.pk).status_code == 200
    assert get(client, council_member, council=world.other_council.pk).status_code == 404


def test_another_council_is_not_found(client, world, secretariat, stranger_secretariat):
    assert get(client, secretariat, council=world.other_council.pk).status_code == 404
    assert get(client, secretariat, unit=world.tree.other_ward.pk).status_code == 404
    assert get(client, stranger_secretariat, council=world.council.pk).status_code == 404
    assert get(client, stranger_secretariat, cluster=world.cluster.pk).status_code == 404
    assert get(client, secretariat, council=999_999).status_code == 404


def test_a_unit_outside_the_councils_area_is_not_found(world):
    admin = UserFactory(username="root", is_superuser=True)
    params = {"council": world.council.pk, "unit": world.tree.other_ward.pk}

    with pytest.raises(Http404):
        summary_scope(user=admin, params=params)


def test_a_cluster_of_another_year_is_not_found(world, secretariat):
    with pytest.raises(Http404):
        summary_scope(user=secretariat, params={"cluster": world.cluster.pk, "year": 2019})


def test_a_malformed_year_is_refused_with_a_message(client, world, secretariat):
    response = get(client, secretariat, year="hai nghìn")

    assert response.status_code == 400
    assert response.context["errors"]
    with pytest.raises(ValidationError):
        authorize(secretariat, {"year": "hai nghìn"})


def test_a_cluster_and_a_unit_together_are_refused(world, secretariat):
    params = {"cluster": world.cluster.pk, "unit": world.tree.ward_a.pk}

    with pytest.raises(ValidationError):
        summary_scope(user=secretariat, params=params)


def test_a_user_without_council_is_forbidden(client, db):
    assert get(client, UserFactory(username="loner")).status_code == 403


def test_anonymous_is_sent_to_log_in(client, world):
    response = client.get(URL)

    assert response.status_code == 302
    assert "login" in response["Location"]


def test_export_authorize_applies_the_same_rules(world, secretariat, officer_a, member_b):
    assert authorize(secretariat, {}) == {"council": world.council.pk, "year": YEAR}
    assert authorize(officer_a, {"unit": str(world.tree.ward_a.pk)}) == {
        "council": world.council.pk,
        "year": YEAR,
        "unit": world.tree.ward_a.pk,
    }
    with pytest.raises(PermissionDenied):
        authorize(officer_a, {"council": world.council.pk})
    with pytest.raises(PermissionDenied):
        authorize(member_b, {"cluster": world.cluster.pk})
    with pytest.raises(Http404):
        authorize(officer_a, {"unit": world.tree.ward_b.pk})
    cleaned = authorize(secretariat, {"council": world.council.pk, "year": YEAR})
    assert authorize(secretariat, cleaned) == cleaned  # the worker authorizes again
