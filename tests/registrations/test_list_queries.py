"""The registrations' list pages run as many queries for many rows as for few: the home page,
the windows page and the cluster leader's list page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import Campaign
from organizations.models import Unit
from registrations.models import ClusterList, Registration, RegistrationWindow
from registrations.services.registrations import registration_accept, registration_submit
from tests.factories import UnitFactory
from tests.registrations.conftest import BEFORE, CLOSES_ON, registration_with_lines


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_campaigns(setup, count: int, *, with_window: bool) -> None:
    first = Campaign.objects.count()
    for n in range(first, first + count):
        campaign = Campaign.objects.create(
            council=setup.campaign.council,
            name=f"Phong trào chuyên đề số {n}",
            kind=Campaign.Kind.THEMATIC,
            year=2020,
            status=Campaign.Status.LAUNCHED,
        )
        campaign.participants.set(setup.clusters.members)
        if with_window:
            RegistrationWindow.objects.create(campaign=campaign, closes_on=CLOSES_ON)


@pytest.mark.parametrize("page", ["registrations:home", "registrations:window_list"])
def test_secretariat_pages_stay_constant_as_windows_grow(client, window, secretariat, page):
    client.force_login(secretariat)
    add_campaigns(window, 1, with_window=False)
    few = queries(client, reverse(page))
    add_campaigns(window, 12, with_window=True)
    add_campaigns(window, 12, with_window=False)
    assert queries(client, reverse(page)) == few


def test_officer_home_stays_constant_as_windows_grow(client, window):
    ward_b = window.clusters.members[1]
    client.force_login(window.clusters.officer_of(ward_b))
    registration_with_lines(window, ward_b)
    few = queries(client, reverse("registrations:home"))
    add_campaigns(window, 10, with_window=True)
    for other in RegistrationWindow.objects.exclude(pk=window.window.pk):
        Registration.objects.create(window=other, unit=ward_b)
    assert queries(client, reverse("registrations:home")) == few


def test_cluster_list_page_stays_constant_as_members_grow(client, window, officer_a):
    cluster = window.clusters.cluster
    url = reverse("registrations:cluster_list", args=[window.window.pk, cluster.pk])
    client.force_login(officer_a)
    registration = registration_submit(
        registration=registration_with_lines(window, window.clusters.members[1]),
        actor=None,
        today=BEFORE,
    )
    registration_accept(registration=registration, actor=None)
    client.post(reverse("registrations:consolidate", args=[_list_pk(client, url)]))
    few = queries(client, url)
    for n in range(15):
        unit = UnitFactory(name=f"Xã Thêm {n}", kind=Unit.Kind.COMMUNE, parent=cluster.council.unit)
        cluster.members.add(unit)
        window.campaign.participants.add(unit)
        added = registration_submit(
            registration=registration_with_lines(window, unit, people=2), actor=None, today=BEFORE
        )
        registration_accept(registration=added, actor=None)
    client.post(reverse("registrations:consolidate", args=[_list_pk(client, url)]))
    assert queries(client, url) == few


def _list_pk(client, url) -> int:
    client.get(url)  # the page starts the cluster's list
    return ClusterList.objects.get().pk
