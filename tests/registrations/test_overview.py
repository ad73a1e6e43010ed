"""The secretariat's overview: states per unit and cluster, lines per title, units that have not
registered; a constant number of queries as units grow; who may open it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organizations.models import Membership, Unit
from registrations.services.registrations import (
    registration_accept,
    registration_return,
    registration_submit,
)
from tests.factories import MembershipFactory, UnitFactory, UserFactory
from tests.registrations.conftest import BEFORE, registration_with_lines


def page_queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_overview_counts_states_and_titles(client, window, secretariat):
    members = window.clusters.members
    submitted = registration_submit(
        registration=registration_with_lines(window, members[0], people=2),
        actor=None,
        today=BEFORE,
    )
    registration_accept(registration=submitted, actor=None)
    returned = registration_submit(
        registration=registration_with_lines(window, members[1]), actor=None, today=BEFORE
    )
    registration_return(registration=returned, actor=None, reason="Thiếu")
    registration_with_lines(window, members[2])  # a draft
    client.force_login(secretariat)
    url = reverse("registrations:overview", args=[window.window.pk])
    body = client.get(url).content.decode()
    assert 'id="count-expected">6<' in body
    assert 'id="count-registered">1<' in body
    assert 'id="count-returned">1<' in body
    assert 'id="count-missing">5<' in body
    # lines of registered units only: one collective and two individuals of members[0]
    counted = (
        '<tr data-award="advanced_worker"><td>Lao động tiên tiến</td>'
        '<td class="text-end">0</td><td class="text-end">2</td>'
    )
    assert counted in body
    missing = client.get(url, {"show": "not_registered"}).content.decode()
    assert window.outsider.name in missing
    assert f'data-unit="{members[0].pk}"' not in missing


def test_overview_query_count_is_constant(client, window, secretariat):
    client.force_login(secretariat)
    url = reverse("registrations:overview", args=[window.window.pk])
    small, _ = page_queries(client, url)
    extra = [
        UnitFactory(name=f"Xã Thêm {n:03d}", kind=Unit.Kind.COMMUNE, parent=window.outsider.parent)
        for n in range(297)
    ]
    window.campaign.participants.add(*extra[:294])
    window.clusters.cluster.members.add(*extra[:100])
    for unit in extra[:20]:
        registration_submit(
            registration=registration_with_lines(window, unit), actor=None, today=BEFORE
        )
    assert window.campaign.participants.count() == 300
    large, body = page_queries(client, url)
    assert large == small
    assert "Xã Thêm 000" in body


@pytest.mark.parametrize("role", ["unit_officer", None])
def test_overview_refused_to_officers_and_strangers(client, window, role):
    user = UserFactory(username="nguoila")
    if role:
        MembershipFactory(user=user, unit=window.clusters.members[1], role=role)
    client.force_login(user)
    response = client.get(reverse("registrations:overview", args=[window.window.pk]))
    assert response.status_code in (403, 404)


def test_council_member_reads_the_overview(client, window, tree):
    member = MembershipFactory(
        user=UserFactory(username="uyvien"), unit=tree.district, role=Membership.Role.COUNCIL_MEMBER
    ).user
    client.force_login(member)
    response = client.get(reverse("registrations:overview", args=[window.window.pk]))
    assert response.status_code == 200
    assert "registrations:unit_extension" not in response.content.decode()
    assert "/extension/" not in response.content.decode()


def test_extension_lets_a_late_unit_submit(client, window, secretariat):
    import datetime

    unit = window.outsider
    client.force_login(secretariat)
    url = reverse("registrations:unit_extension", args=[window.window.pk, unit.pk])
    client.post(url, {"until": "15/03/2020", "reason": "Đơn vị mới sáp nhập"})
    registration = unit.registrations.get()
    assert registration.extended_until == datetime.date(2020, 3, 15)
    registration_with_lines(window, unit)
    registration = registration_submit(
        registration=registration, actor=None, today=datetime.date(2020, 3, 10)
    )
    assert registration.status == "submitted"
    from common.selectors import state_changes_of

    change = state_changes_of(obj=registration).get(field="extended_until")
    assert (change.to_state, change.reason, change.actor) == (
        "15/03/2020",
        "Đơn vị mới sáp nhập",
        secretariat,
    )
