"""The deadline list (reminders:list) and the dashboard's upcoming deadlines."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from organizations.models import Membership
from reminders.models import DeadlineUnit
from tests.factories import MembershipFactory, UserFactory
from tests.reminders.conftest import DUE
from tests.reminders.conftest_ui import deadline_for, many_deadlines

pytestmark = pytest.mark.django_db


def page_of(client, **params) -> str:
    response = client.get(reverse("reminders:list"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_deadline_list_shows_the_officer_his_units_deadlines_with_light_and_link(
    client, owed, officer_a, clock
):
    client.force_login(officer_a)

    page = page_of(client)

    target_url = reverse("reminders:target", args=[owed.target_a.pk])
    assert owed.deadline.title in page
    assert f'data-target="{owed.target_a.pk}"' in page
    assert f'data-target="{owed.target_b.pk}"' not in page  # ward B is not his
    assert "12/03/2026" in page
    assert 'data-light="soon"' in page  # due today
    assert f'href="{target_url}"' in page


def test_deadline_list_lights_an_overdue_deadline_red(client, owed, officer_a, clock):
    clock.set(DUE + datetime.timedelta(days=1))
    client.force_login(officer_a)

    page = page_of(client)

    assert 'data-light="overdue"' in page
    assert "text-bg-danger" in page


def test_deadline_list_filters_by_state(client, owed, officer_a, clock):
    DeadlineUnit.objects.filter(pk=owed.target_a.pk).update(done_at=timezone.now())
    client.force_login(officer_a)

    owing = page_of(client, state="owing")
    done = page_of(client, state="done")

    assert owed.deadline.title not in owing
    assert owed.deadline.title in done
    assert 'data-light="done"' in done


def test_deadline_list_shows_recent_and_upcoming_unless_all_is_asked(
    client, tree, officer_a, clock
):
    old = deadline_for(
        tree, title="Báo cáo quý I năm trước", due=DUE - datetime.timedelta(days=60),
        units=[tree.ward_a],
    )  # fmt: skip
    client.force_login(officer_a)

    assert old.title not in page_of(client)
    assert old.title in page_of(client, period="all")


def test_deadline_list_of_an_officer_has_no_council_section(client, owed, officer_a, clock):
    client.force_login(officer_a)

    page = page_of(client)

    assert 'id="deadlines"' not in page
    assert reverse("reminders:deadline_create") not in page


def test_deadline_list_shows_the_secretariat_its_councils_deadlines_with_counts(
    client, owed, secretariat, clock
):
    DeadlineUnit.objects.filter(pk=owed.target_a.pk).update(done_at=timezone.now())
    client.force_login(secretariat)

    response = client.get(reverse("reminders:list"))
    page = response.content.decode()

    deadline = response.context["deadline_page"][0]
    assert (deadline.done_count, deadline.owing_count) == (1, 1)
    assert reverse("reminders:deadline", args=[owed.deadline.pk]) in page
    assert reverse("reminders:council", args=[owed.deadline.council_id]) in page
    assert reverse("reminders:deadline_create") in page


def test_deadline_list_of_a_stranger_shows_nothing_of_the_district(client, owed, tree, clock):
    stranger = MembershipFactory(
        user=UserFactory(username="canbo_xa"), unit=tree.other_ward,
        role=Membership.Role.UNIT_OFFICER,
    ).user  # fmt: skip
    client.force_login(stranger)

    page = page_of(client)

    assert owed.deadline.title not in page


def test_deadline_list_requires_login(client):
    response = client.get(reverse("reminders:list"))

    assert response.status_code == 302


@pytest.mark.parametrize("count", [2, 30])
def test_deadline_list_query_count_does_not_grow_for_an_officer(
    client, django_assert_num_queries, tree, officer_a, count
):
    many_deadlines(tree, count)
    client.force_login(officer_a)

    # savepoint and release, session, user, councils followed, his units, count and page of
    # his targets
    with django_assert_num_queries(8):
        response = client.get(reverse("reminders:list"))

    assert response.status_code == 200
    assert len(response.context["page"]) == min(count, 25)


@pytest.mark.parametrize("count", [2, 30])
def test_deadline_list_query_count_does_not_grow_for_the_secretariat(
    client, django_assert_num_queries, tree, secretariat, count
):
    many_deadlines(tree, count)
    client.force_login(secretariat)

    # savepoint and release, session, user, councils, his units as an officer (none, so no
    # count nor page of their targets), count and page of the councils' deadlines, their done
    # counts
    with django_assert_num_queries(9):
        response = client.get(reverse("reminders:list"))

    assert response.status_code == 200
    assert len(response.context["deadline_page"]) == min(count, 25)


def test_dashboard_shows_the_officer_his_upcoming_deadlines(client, owed, officer_a, clock):
    client.force_login(officer_a)

    page = client.get(reverse("dashboard")).content.decode()

    assert 'id="dashboard-deadlines"' in page
    assert owed.deadline.title in page
    assert 'data-light="soon"' in page
    assert reverse("reminders:target", args=[owed.target_a.pk]) in page
    assert reverse("reminders:list") in page


def test_dashboard_leaves_out_deadlines_done(client, owed, officer_a, clock):
    DeadlineUnit.objects.filter(pk=owed.target_a.pk).update(done_at=timezone.now())
    client.force_login(officer_a)

    page = client.get(reverse("dashboard")).content.decode()

    assert owed.deadline.title not in page


@pytest.mark.parametrize("count", [1, 15])
def test_dashboard_query_count_does_not_grow_with_deadlines(
    client, django_assert_num_queries, tree, officer_a, count
):
    many_deadlines(tree, count)
    DeadlineUnit.objects.filter(unit=tree.ward_a).update(done_at=None)
    client.force_login(officer_a)

    # savepoint and release, session, user, memberships, kind counts of his unit's subtree,
    # his units and their upcoming deadlines, the campaigns and the clusters of his units
    with django_assert_num_queries(10):
        response = client.get(reverse("dashboard"))

    assert response.status_code == 200
    assert len(response.context["deadlines"]) == min(count, 10)
