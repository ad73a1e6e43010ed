"""The secretariat's deadline pages: a deadline's units and reminder times, a new obligation,
the council's overdue and unreachable units, a plan's reminder times."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from notifications.models import Delivery
from organizations.models import Membership
from plans.models import Plan
from reminders.models import Deadline, DeadlineUnit, ReminderDispatch
from reminders.offsets import parse_offsets
from tests.factories import MembershipFactory, UnitFactory, UserFactory
from tests.reminders.conftest import DUE
from tests.reminders.conftest_ui import (  # noqa: F401 - fixtures by name
    many_deadlines,
    stranger_fixture,
    superuser_fixture,
)

pytestmark = pytest.mark.django_db


def vi(msgid: str, **params) -> str:
    """``msgid`` as the Vietnamese page shows it (escaped as in HTML)."""
    with translation.override("vi"):
        return escape(gettext(msgid) % params if params else gettext(msgid))


# --- the deadline page ---------------------------------------------------------------------


def test_deadline_page_lists_every_unit_with_light_done_note_and_reminders(
    client, owed, secretariat, clock
):
    DeadlineUnit.objects.filter(pk=owed.target_a.pk).update(
        done_at=timezone.now(), done_note="Đã gửi Báo cáo số 12/BC-UBND"
    )
    ReminderDispatch.objects.create(
        deadline=owed.deadline,
        unit=owed.target_b.unit,
        offset="-3w",
        send_on=DUE - datetime.timedelta(days=3),
        status=Delivery.Status.SENT,
        sent_at=timezone.now(),
    )
    client.force_login(secretariat)

    response = client.get(reverse("reminders:deadline", args=[owed.deadline.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert [t.light.state for t in response.context["targets"]] == ["done", "soon"]
    assert "Đã gửi Báo cáo số 12/BC-UBND" in page
    with translation.override("vi"):
        described = escape(parse_offsets("-3w")[0].describe())
    assert f'data-offset="-3w">{described}' in page
    assert 'id="offsets-form"' in page
    assert "-7w" in page  # the default times shown


def test_deadline_page_is_404_for_an_officer_and_a_stranger(client, owed, officer_a, stranger):
    for user in (officer_a, stranger):
        client.force_login(user)

        response = client.get(reverse("reminders:deadline", args=[owed.deadline.pk]))

        assert response.status_code == 404


def test_deadline_page_opens_for_a_superuser_without_the_offsets_form(client, owed, superuser):
    client.force_login(superuser)

    response = client.get(reverse("reminders:deadline", args=[owed.deadline.pk]))

    assert response.status_code == 200
    assert 'id="offsets-form"' not in response.content.decode()


def test_deadline_offsets_saves_the_times(client, owed, secretariat):
    client.force_login(secretariat)

    response = client.post(
        reverse("reminders:deadline_offsets", args=[owed.deadline.pk]),
        {"offsets": "-5w, 0, +2d", "counting": "calendar"},
    )

    assert response.status_code == 302
    owed.deadline.refresh_from_db()
    assert (owed.deadline.offsets, owed.deadline.counting) == ("-5w, 0, +2d", "calendar")


def test_deadline_offsets_it_cannot_read_keep_the_text_and_say_why(client, owed, secretariat):
    client.force_login(secretariat)

    response = client.post(
        reverse("reminders:deadline_offsets", args=[owed.deadline.pk]),
        {"offsets": "-7w, hai ngày", "counting": "working"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="-7w, hai ngày"' in page
    assert (
        vi("“%(token)s” is not a reminder time: write e.g. -7w, -1d, 0 or +1d.", token="hai")
        in page
    )
    owed.deadline.refresh_from_db()
    assert owed.deadline.offsets == ""


def test_deadline_offsets_by_a_superuser_without_a_secretariat_role_is_refused(
    client, owed, superuser
):
    client.force_login(superuser)

    response = client.post(
        reverse("reminders:deadline_offsets", args=[owed.deadline.pk]),
        {"offsets": "0", "counting": "working"},
    )

    assert response.status_code == 403


def test_deadline_offsets_by_an_officer_is_404(client, owed, officer_a):
    client.force_login(officer_a)

    response = client.post(
        reverse("reminders:deadline_offsets", args=[owed.deadline.pk]),
        {"offsets": "0", "counting": "working"},
    )

    assert response.status_code == 404


@pytest.mark.parametrize("wards", [0, 20])
def test_deadline_page_query_count_does_not_grow_with_units(
    client, django_assert_num_queries, tree, secretariat, wards
):
    (deadline,) = many_deadlines(tree, 1)
    for number in range(wards):
        unit = UnitFactory(name=f"Phường Số {number}", parent=tree.district)
        DeadlineUnit.objects.create(deadline=deadline, unit=unit)
        ReminderDispatch.objects.create(deadline=deadline, unit=unit, offset="0", send_on=DUE)
    client.force_login(secretariat)

    # savepoint and release, session, user, deadline, his memberships (read once for the view's
    # permission and the form), the reminders, the units
    with django_assert_num_queries(8):
        response = client.get(reverse("reminders:deadline", args=[deadline.pk]))

    assert len(response.context["targets"]) == 2 + wards


# --- a new obligation ----------------------------------------------------------------------


def test_deadline_create_form_offers_the_units_under_the_council(client, tree, secretariat):
    client.force_login(secretariat)

    response = client.get(reverse("reminders:deadline_create"))

    page = response.content.decode()
    assert response.status_code == 200
    assert f'value="{tree.ward_a.pk}"' in page
    assert f'value="{tree.ward_b.pk}"' in page
    assert f'value="{tree.group_a.pk}"' not in page  # under ward A, not directly under
    assert 'name="all_units"' in page


def test_deadline_create_makes_the_obligation_for_the_units_chosen(client, tree, secretariat):
    client.force_login(secretariat)
    due = timezone.localdate() + datetime.timedelta(days=10)

    response = client.post(
        reverse("reminders:deadline_create"),
        {
            "council": tree.council.pk,
            "title": "Gửi báo cáo sơ kết 6 tháng",
            "due_date": due.strftime("%d/%m/%Y"),
            "counting": "working",
            "offsets": "-3w, 0",
            "units": [tree.ward_a.pk],
        },
    )

    deadline = Deadline.objects.get(title="Gửi báo cáo sơ kết 6 tháng")
    assert response.status_code == 302
    assert response.url == reverse("reminders:deadline", args=[deadline.pk])
    assert (deadline.kind, deadline.due_date, deadline.offsets) == ("other", due, "-3w, 0")
    assert [t.unit for t in deadline.targets.all()] == [tree.ward_a]


def test_deadline_create_with_all_units_takes_every_unit_under_the_council(
    client, tree, secretariat
):
    client.force_login(secretariat)

    client.post(
        reverse("reminders:deadline_create"),
        {
            "council": tree.council.pk,
            "title": "Họp giao ban",
            "due_date": (timezone.localdate() + datetime.timedelta(days=3)).strftime("%d/%m/%Y"),
            "counting": "working",
            "all_units": "on",
        },
    )

    deadline = Deadline.objects.get(title="Họp giao ban")
    assert {t.unit for t in deadline.targets.all()} == {tree.ward_a, tree.ward_b}


def test_deadline_create_with_errors_keeps_what_was_typed(client, tree, secretariat):
    client.force_login(secretariat)

    response = client.post(
        reverse("reminders:deadline_create"),
        {
            "council": tree.council.pk,
            "title": "Gửi danh sách đề nghị",
            "due_date": "31/02/2026",
            "counting": "working",
            "offsets": "-7x",
            "units": [tree.ward_b.pk],
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Gửi danh sách đề nghị</textarea>" in page
    assert 'value="31/02/2026"' in page
    assert 'value="-7x"' in page
    assert f'value="{tree.ward_b.pk}" id="unit-{tree.ward_b.pk}" checked' in page
    assert (
        vi("“%(token)s” is not a reminder time: write e.g. -7w, -1d, 0 or +1d.", token="-7x")
        in page
    )
    assert not Deadline.objects.exists()


def test_deadline_create_without_units_says_to_choose_one(client, tree, secretariat):
    client.force_login(secretariat)

    response = client.post(
        reverse("reminders:deadline_create"),
        {
            "council": tree.council.pk,
            "title": "Gửi danh sách đề nghị",
            "due_date": (timezone.localdate() + datetime.timedelta(days=3)).strftime("%d/%m/%Y"),
            "counting": "working",
        },
    )

    assert vi("Choose at least one unit.") in response.content.decode()
    assert not Deadline.objects.exists()


def test_deadline_create_is_refused_to_an_officer(client, officer_a):
    client.force_login(officer_a)

    assert client.get(reverse("reminders:deadline_create")).status_code == 403
    assert client.post(reverse("reminders:deadline_create"), {}).status_code == 403


# --- the council's overdue and unreachable units -------------------------------------------


def test_council_page_lists_the_overdue_and_the_unreachable_units(
    client, owed, tree, secretariat, clock
):
    clock.set(DUE + datetime.timedelta(days=2))
    DeadlineUnit.objects.filter(pk=owed.target_a.pk).update(done_at=timezone.now())
    ward_c = UnitFactory(name="Phường Cổ Đông", parent=tree.district)
    MembershipFactory(
        user=UserFactory(username="canbo_c", email=""), unit=ward_c,
        role=Membership.Role.UNIT_OFFICER,
    )  # fmt: skip
    DeadlineUnit.objects.create(deadline=owed.deadline, unit=ward_c)
    client.force_login(secretariat)

    response = client.get(reverse("reminders:council", args=[tree.council.pk]))

    assert response.status_code == 200
    assert [t.unit for t in response.context["overdue"]] == [tree.ward_b, ward_c]
    assert [unit for unit, _ in response.context["unreachable"]] == [ward_c]
    page = response.content.decode()
    assert reverse("organizations:unit_detail", args=[ward_c.pk]) in page


def test_council_page_is_404_for_an_officer(client, owed, tree, officer_a):
    client.force_login(officer_a)

    response = client.get(reverse("reminders:council", args=[tree.council.pk]))

    assert response.status_code == 404


# --- a plan's reminder times ---------------------------------------------------------------


@pytest.fixture
def plan(tree):
    return Plan.objects.create(issuing_unit=tree.district, year=2026, title="Kế hoạch năm 2026")


def test_plan_offsets_shows_the_default_and_saves_the_plans_times(client, plan, secretariat):
    client.force_login(secretariat)
    url = reverse("reminders:plan_offsets", args=[plan.pk])

    page = client.get(url).content.decode()
    response = client.post(url, {"offsets": "-10w, -2w, +3d"})

    assert "-7w" in page
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.reminder_offsets == "-10w, -2w, +3d"


def test_plan_offsets_it_cannot_read_keep_the_text(client, plan, secretariat):
    client.force_login(secretariat)

    response = client.post(
        reverse("reminders:plan_offsets", args=[plan.pk]), {"offsets": "trước 7 ngày"}
    )

    page = response.content.decode()
    assert 'value="trước 7 ngày"' in page
    assert (
        vi("“%(token)s” is not a reminder time: write e.g. -7w, -1d, 0 or +1d.", token="trước")
        in page
    )
    plan.refresh_from_db()
    assert plan.reminder_offsets == ""


def test_plan_offsets_is_403_for_an_officer_who_reads_the_plan_and_404_for_a_stranger(
    client, plan, officer_a, stranger
):
    url = reverse("reminders:plan_offsets", args=[plan.pk])

    client.force_login(officer_a)
    assert client.get(url).status_code == 403
    client.force_login(stranger)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("wards", [4, 16])
def test_council_page_query_count_does_not_grow_with_units(
    client, django_assert_num_queries, owed, tree, secretariat, clock, wards
):
    clock.set(DUE + datetime.timedelta(days=2))
    for number in range(wards):
        unit = UnitFactory(name=f"Phường Quá Hạn {number}", parent=tree.district)
        DeadlineUnit.objects.create(deadline=owed.deadline, unit=unit)
        if number % 2:
            MembershipFactory(
                user=UserFactory(username=f"canbo_qh{number}", email=""),
                unit=unit,
                role=Membership.Role.UNIT_OFFICER,
            )
    client.force_login(secretariat)

    # savepoint and release, session, user, council, secretariat memberships, the overdue
    # units, the owing units, then for their officers, at each tree level climbed (ward,
    # district, province): the memberships, their users and the parents: never per unit
    with django_assert_num_queries(15):
        response = client.get(reverse("reminders:council", args=[tree.council.pk]))

    assert len(response.context["overdue"]) == 2 + wards
    assert len(response.context["unreachable"]) == wards
