"""The private calendar feed (one event per deadline) runs as many queries for many deadlines
as for one, for a unit officer and for the secretariat (his council's deadlines too); the form
of a new deadline offers many units in as many queries as a few."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications.services import calendar_token_renew
from tests.factories import UnitFactory
from tests.query_counts.conftest import assert_constant
from tests.reminders.conftest_ui import deadline_for

pytestmark = pytest.mark.django_db


def _deadlines(tree, first: int, count: int) -> str:
    """``count`` deadlines of the district council within the year, owed by wards A and B."""
    today = timezone.localdate()
    for number in range(first, first + count):
        deadline_for(
            tree,
            title=f"Báo cáo định kỳ số {number}",
            due=today + datetime.timedelta(days=10 + number),
            units=[tree.ward_a, tree.ward_b],
        )
    return f"Báo cáo định kỳ số {first + count - 1}"


@pytest.mark.parametrize("who", ["officer_a", "secretariat"])
def test_calendar_feed_holds_fifteen_more_deadlines_in_as_many_queries(client, tree, who, request):
    user = request.getfixturevalue(who)
    _deadlines(tree, 0, 1)
    url = reverse("reminders:calendar_feed", args=[calendar_token_renew(user=user)])

    assert_constant(client, url, lambda: _deadlines(tree, 1, 15))


def test_deadline_form_offers_twenty_more_units_in_as_many_queries(client, tree, secretariat):
    client.force_login(secretariat)

    def grow() -> str:
        for number in range(20):
            UnitFactory(name=f"Phường Nhận Việc {number}", parent=tree.district)
        return "Phường Nhận Việc 19"

    assert_constant(client, reverse("reminders:deadline_create"), grow)
