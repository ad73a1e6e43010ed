"""A registration's page and its form list its lines in as many queries for sixteen lines as for
two: for the unit's officer (a draft) and for the cluster leader (a submitted one)."""

import pytest
from django.urls import reverse

from organizations.models import Person
from registrations.services.registrations import EntryInput, entries_replace, registration_submit
from tests.query_counts.conftest import assert_constant, queries
from tests.registrations.conftest import BEFORE, registration_with_lines

pytestmark = pytest.mark.django_db


def _more_lines(window, registration, unit, people: int) -> str:
    """Replace the lines of ``registration`` by the unit and ``people`` new people; the name of
    the last one."""
    rows = [
        EntryInput(kind="collective", collective=unit, award=window.title("advanced_collective"))
    ]
    for number in range(people):
        person = Person.objects.create(full_name=f"Trần Thị Dòng {number}", unit=unit)
        rows.append(
            EntryInput(kind="individual", person=person, award=window.title("advanced_worker"))
        )
    entries_replace(registration=registration, rows=rows)
    return f"Trần Thị Dòng {people - 1}"


@pytest.mark.parametrize("page", ["registrations:detail", "registrations:edit"])
def test_the_officers_draft_shows_fifteen_more_lines_in_as_many_queries(client, window, page):
    unit = window.clusters.members[1]
    registration = registration_with_lines(window, unit, people=1)
    client.force_login(window.clusters.officer_of(unit))

    assert_constant(
        client,
        reverse(page, args=[registration.pk]),
        lambda: _more_lines(window, registration, unit, 15),
    )


def test_the_cluster_leader_reads_a_long_registration_in_as_many_queries_as_a_short_one(
    client, window, officer_a
):
    short_unit, long_unit = window.clusters.members[2], window.clusters.members[3]
    short = registration_with_lines(window, short_unit, people=1)
    long = registration_with_lines(window, long_unit, people=15)
    for registration in (short, long):
        registration_submit(registration=registration, actor=None, today=BEFORE)
    client.force_login(officer_a)  # ward A leads the cluster
    client.get(reverse("registrations:detail", args=[short.pk]))

    few, _page = queries(client, reverse("registrations:detail", args=[short.pk]))
    many, page = queries(client, reverse("registrations:detail", args=[long.pk]))

    assert page.count("Nguyễn Văn ") >= 15
    assert many == few


def test_people_found_for_a_line_list_thirty_more_in_as_many_queries(client, window):
    unit = window.clusters.members[1]
    registration = registration_with_lines(window, unit, people=1)
    Person.objects.create(full_name="Lê Văn Tìm Thấy", unit=unit)
    client.force_login(window.clusters.officer_of(unit))

    def grow() -> str:
        for number in range(30):
            Person.objects.create(full_name=f"Lê Văn Tìm Thấy {number:02}", unit=unit)
        return "Lê Văn Tìm Thấy 0"

    assert_constant(
        client,
        reverse("registrations:people", args=[registration.pk]),
        grow,
        {"q": "tim thay"},
    )
