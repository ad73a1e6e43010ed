"""The secretariat's round pages: create and change a round (closing day from a date, the plan's
deadline, or working days before the ceremony with Vietnamese public holidays), the list, the
round page, and who may do what."""

import datetime

import pytest
from django.urls import reverse

from awards.models import EmulationTitle
from dossiers.models import Round
from organizations.models import Council, Membership
from plans.models import Deadline, Plan
from tests.dossiers.conftest import make_dossier
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

NAME = "Chiến sĩ thi đua thành phố – đợt 1"


def _posted(world, **changes) -> dict:
    data = {
        "council": world.tree.council.pk,
        "name": NAME,
        "year": 2026,
        "titles": [EmulationTitle.objects.get(code="emulation_fighter_grassroots").pk],
        "opens_on": "01/01/2026",
        "closing": "date",
        "closes_on": "31/03/2026",
        "late_policy": "accept_flagged",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def stranger(tree):
    """The secretariat of another province's council."""
    Council.objects.create(unit=tree.other_province, name="Hội đồng tỉnh Khác")
    return MembershipFactory(
        user=UserFactory(username="thuongtruc_khac"),
        unit=tree.other_province,
        role=Membership.Role.SECRETARIAT,
    ).user


def test_round_create_counts_working_days_before_the_ceremony_across_tet(client, world):
    # Monday 23/02/2026 follows the Tết break (16–20/02): five working days back is 09/02/2026.
    client.force_login(world.secretariat)
    response = client.post(
        reverse("dossiers:round_create"),
        _posted(
            world,
            closing="ceremony",
            closes_on=None,
            ceremony_on="23/02/2026",
            working_days_before="5",
        ),
        follow=True,
    )
    round_ = Round.objects.get(name=NAME)
    assert round_.closes_on == datetime.date(2026, 2, 9)
    assert (round_.ceremony_on, round_.working_days_before) == (datetime.date(2026, 2, 23), 5)
    page = response.content.decode()
    assert "09/02/2026" in page
    assert "Đã tạo đợt xét khen thưởng." in page
    assert "hồ sơ trước 5 ngày làm việc" in page


def test_round_create_takes_the_closing_day_from_the_plan_deadline(client, world):
    plan = Plan.objects.create(issuing_unit=world.tree.district, year=2026, title="Kế hoạch TĐKT")
    deadline = Deadline.objects.create(
        plan=plan, due_date=datetime.date(2026, 3, 19), text="Gửi hồ sơ chiến sĩ thi đua (đợt 1)"
    )
    client.force_login(world.secretariat)
    page = client.get(reverse("dossiers:round_create")).content.decode()
    assert "Gửi hồ sơ chiến sĩ thi đua (đợt 1)" in page
    client.post(
        reverse("dossiers:round_create"),
        _posted(world, closing="plan", closes_on=None, plan_deadline=deadline.pk),
    )
    round_ = Round.objects.get(name=NAME)
    assert (round_.closes_on, round_.plan_deadline) == (datetime.date(2026, 3, 19), deadline)


def test_round_create_offers_no_deadline_of_another_units_plan(client, world, stranger):
    plan = Plan.objects.create(issuing_unit=world.tree.other_province, year=2026, title="KH khác")
    deadline = Deadline.objects.create(plan=plan, due_date=datetime.date(2026, 3, 1), text="Xa lạ")
    client.force_login(world.secretariat)
    response = client.post(
        reverse("dossiers:round_create"),
        _posted(world, closing="plan", closes_on=None, plan_deadline=deadline.pk),
    )
    assert response.status_code == 200
    assert not Round.objects.filter(name=NAME).exists()


def test_round_create_refused_keeps_what_was_typed(client, world):
    client.force_login(world.secretariat)
    response = client.post(
        reverse("dossiers:round_create"), _posted(world, closing="plan", closes_on=None)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Chọn thời hạn trong kế hoạch." in page
    assert NAME in page
    assert not Round.objects.filter(name=NAME).exists()


def test_round_create_without_titles_or_forms_is_refused_by_the_service(client, world):
    client.force_login(world.secretariat)
    response = client.post(reverse("dossiers:round_create"), _posted(world, titles=None))
    assert response.status_code == 200
    assert response.context["form"].errors["titles"]
    assert NAME in response.content.decode()
    assert not Round.objects.filter(name=NAME).exists()


def test_round_create_refuses_a_disclosure_ending_before_it_starts(client, world):
    client.force_login(world.secretariat)
    response = client.post(
        reverse("dossiers:round_create"),
        _posted(world, disclosure_starts_on="10/03/2026", disclosure_ends_on="01/03/2026"),
    )
    assert response.status_code == 200
    assert "Thời gian công khai không thể kết thúc trước khi bắt đầu." in response.content.decode()


def test_round_edit_changes_the_round_and_keeps_its_council(client, world):
    client.force_login(world.secretariat)
    url = reverse("dossiers:round_edit", args=[world.round.pk])
    form = client.get(url).context["form"]
    assert form["name"].value() == world.round.name
    data = _posted(world, council=None, name="Đợt 2", year=world.round.year)
    data["closes_on"] = world.round.closes_on.strftime("%d/%m/%Y")
    data["opens_on"] = world.round.opens_on.strftime("%d/%m/%Y")
    response = client.post(url, data)
    assert response.status_code == 302
    world.round.refresh_from_db()
    assert (world.round.name, world.round.council) == ("Đợt 2", world.tree.council)


def test_round_detail_counts_dossiers_and_links_the_public_page(client, world):
    make_dossier(world)  # a draft: not counted
    world.round.disclosure_starts_on = datetime.date(2026, 3, 1)
    world.round.save()
    client.force_login(world.member)
    response = client.get(reverse("dossiers:round_detail", args=[world.round.pk]))
    page = response.content.decode()
    assert response.context["total"] == 0
    assert world.round.public_token in page
    assert "Công khai từ" in page
    assert reverse("dossiers:round_edit", args=[world.round.pk]) not in page


def test_round_list_shows_rounds_and_create_link_to_the_secretariat(client, world):
    client.force_login(world.secretariat)
    page = client.get(reverse("dossiers:round_list")).content.decode()
    assert world.round.name in page
    assert reverse("dossiers:round_create") in page


def test_council_member_reads_rounds_but_cannot_create_or_edit(client, world):
    client.force_login(world.member)
    page = client.get(reverse("dossiers:round_list")).content.decode()
    assert world.round.name in page
    assert reverse("dossiers:round_create") not in page
    assert client.get(reverse("dossiers:round_create")).status_code == 403
    assert client.get(reverse("dossiers:round_edit", args=[world.round.pk])).status_code == 403


def test_unit_officer_gets_no_round_page(client, world):
    client.force_login(world.officer_a)
    assert client.get(reverse("dossiers:round_list")).status_code == 403
    assert client.get(reverse("dossiers:round_create")).status_code == 403
    for name in ("dossiers:round_detail", "dossiers:round_edit"):
        assert client.get(reverse(name, args=[world.round.pk])).status_code in (403, 404)


def test_other_councils_secretariat_does_not_see_the_round(client, world, stranger):
    client.force_login(stranger)
    assert world.round.name not in client.get(reverse("dossiers:round_list")).content.decode()
    for name in ("dossiers:round_detail", "dossiers:round_edit"):
        assert client.get(reverse(name, args=[world.round.pk])).status_code == 404
    response = client.post(reverse("dossiers:round_create"), _posted(world))
    assert response.status_code == 200  # the district council is not a choice
    assert not Round.objects.filter(name=NAME).exists()


def test_anonymous_user_is_sent_to_login(client, world):
    response = client.get(reverse("dossiers:round_list"))
    assert response.status_code == 302
    assert "login" in response["Location"]
