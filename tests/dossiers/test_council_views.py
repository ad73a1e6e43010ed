"""Council session pages: who may see and act, what the pages show, the minutes PDF."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from dossiers.models import CouncilSession, Dossier, SessionMember, Vote
from dossiers.services.council import session_close
from organizations.models import Council, Membership
from tests.dossiers.test_council_services import (
    MEMBERS,
    appraised_dossier,
    nomination_for,
    open_session,
    voted_session,
)
from tests.factories import MembershipFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def other_council_secretariat(world):
    """The secretariat of a council in another province."""
    unit = UnitFactory(name="Huyện Xa", parent=world.tree.other_province)
    Council.objects.create(unit=unit, name="Hội đồng Thi đua – Khen thưởng huyện Xa")
    return MembershipFactory(
        user=UserFactory(username="thuongtruc_xa"), unit=unit, role=Membership.Role.SECRETARIAT
    ).user


def pdf_text(content: bytes) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return " ".join(text.split())


def members_lines(members=MEMBERS) -> str:
    return "\n".join(f"{n} | {p} | {'có' if present else 'vắng'}" for n, p, present in members)


# --- session list ------------------------------------------------------------------------------


def test_session_list_shows_the_rounds_sessions_to_the_secretariat(client, world):
    session = open_session(world, [appraised_dossier(world)])
    client.force_login(world.secretariat)

    response = client.get(reverse("dossiers:session_list", args=[world.round.pk]))

    assert response.status_code == 200
    assert f'data-session="{session.pk}"' in response.text
    assert "8/10" in response.text
    assert reverse("dossiers:session_create", args=[world.round.pk]) in response.text


def test_session_list_is_read_only_for_a_council_member(client, world):
    open_session(world, [appraised_dossier(world)])
    client.force_login(world.member)

    response = client.get(reverse("dossiers:session_list", args=[world.round.pk]))

    assert response.status_code == 200
    assert reverse("dossiers:session_create", args=[world.round.pk]) not in response.text


def test_session_list_is_refused_to_the_unit_officer_and_hidden_from_other_councils(client, world):
    url = reverse("dossiers:session_list", args=[world.round.pk])
    client.force_login(world.officer_a)
    assert client.get(url).status_code == 403
    client.force_login(other_council_secretariat(world))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("size", [1, 4])
def test_session_list_query_count_does_not_grow(client, world, django_assert_num_queries, size):
    for day in range(size):
        session = CouncilSession.objects.create(
            round=world.round,
            held_on=timezone.localdate(),
            place=f"Phòng {day}",
            closed_at=timezone.now(),
        )
        SessionMember.objects.bulk_create(
            SessionMember(session=session, full_name=n, position=p, present=present)
            for n, p, present in MEMBERS
        )
    client.force_login(world.secretariat)

    # the user's memberships are read once per request (organizations.selectors)
    with django_assert_num_queries(8):
        response = client.get(reverse("dossiers:session_list", args=[world.round.pk]))

    assert response.text.count("data-session=") == size


# --- new session -------------------------------------------------------------------------------


def test_session_create_form_is_prefilled_with_the_councils_people(client, world):
    dossier = appraised_dossier(world)
    client.force_login(world.secretariat)

    response = client.get(reverse("dossiers:session_create", args=[world.round.pk]))

    assert response.status_code == 200
    assert "Trần Thị Lan |" in response.text  # the specialist of the secretariat
    assert "hoidong |" in response.text  # the council member (no name given)
    assert f'value="{dossier.pk}"' in response.text
    assert world.tree.ward_a.name in response.text


def test_session_create_opens_the_session_and_sends_the_dossier(client, world):
    dossier = appraised_dossier(world)
    client.force_login(world.secretariat)

    response = client.post(
        reverse("dossiers:session_create", args=[world.round.pk]),
        {
            "held_on": timezone.localdate().strftime("%d/%m/%Y"),
            "place": "Phòng họp số 1",
            "chair_name": "Phạm Văn An",
            "secretary_name": "Lý Thị Khánh",
            "members": members_lines(),
            "dossiers": [dossier.pk],
        },
    )

    session = CouncilSession.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("dossiers:session_detail", args=[session.pk])
    assert session.members.filter(present=False).count() == 2
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.AT_COUNCIL


def test_session_create_with_a_bad_member_line_keeps_what_was_typed(client, world):
    dossier = appraised_dossier(world)
    client.force_login(world.secretariat)
    typed = "Phạm Văn An | Chủ tịch | có\nLê Thị Bích | Ủy viên | có lẽ"

    response = client.post(
        reverse("dossiers:session_create", args=[world.round.pk]),
        {
            "held_on": timezone.localdate().strftime("%d/%m/%Y"),
            "place": "Phòng họp số 7",
            "members": typed,
            "dossiers": [dossier.pk],
        },
    )

    assert response.status_code == 200
    assert "Lê Thị Bích | Ủy viên | có lẽ" in response.text
    assert "Phòng họp số 7" in response.text
    assert not CouncilSession.objects.exists()


@pytest.mark.parametrize("who", ["member", "officer_a"])
def test_session_create_is_refused_to_those_who_do_not_manage(client, world, who):
    url = reverse("dossiers:session_create", args=[world.round.pk])
    client.force_login(getattr(world, who))

    assert client.get(url).status_code == 403
    assert client.post(url, {"members": members_lines()}).status_code == 403


def test_session_create_is_hidden_from_another_council(client, world):
    client.force_login(other_council_secretariat(world))

    url = reverse("dossiers:session_create", args=[world.round.pk])
    assert client.get(url).status_code == 404


# --- the session page, votes and closing ------------------------------------------------------


def test_session_detail_shows_attendance_quorum_and_thresholds(client, world):
    session, _dossier, _fighter, _worker = voted_session(world, fighter_yes=8)
    client.force_login(world.secretariat)

    response = client.get(reverse("dossiers:session_detail", args=[session.pk]))

    assert response.status_code == 200
    assert "Đỗ Văn Vắng" in response.text
    assert "Nguyễn Thị Hoa" in response.text
    assert "Trần Văn Bình" in response.text
    assert "≥ 80%" in response.text
    assert "8/10 (80%)" in response.text
    assert 'id="votes-form"' in response.text
    assert 'id="close-form"' in response.text


def test_session_detail_is_read_only_for_a_council_member(client, world):
    session = open_session(world, [appraised_dossier(world)])
    client.force_login(world.member)

    response = client.get(reverse("dossiers:session_detail", args=[session.pk]))

    assert response.status_code == 200
    assert 'id="votes-form"' not in response.text
    assert 'id="close-form"' not in response.text


def test_session_votes_over_the_members_present_re_render_with_what_was_typed(client, world):
    dossier = appraised_dossier(world)
    session = open_session(world, [dossier])
    fighter = nomination_for(dossier, "emulation_fighter_grassroots")
    client.force_login(world.secretariat)

    response = client.post(
        reverse("dossiers:session_votes", args=[session.pk]),
        {f"{fighter.pk}-yes": "9", f"{fighter.pk}-written_yes": "1"},
    )

    assert response.status_code == 200
    assert 'value="9"' in response.text
    assert 'id="vote-errors"' in response.text
    assert not Vote.objects.exists()


def test_session_votes_and_close_record_the_result(client, world):
    dossier = appraised_dossier(world)
    session = open_session(world, [dossier])
    fighter = nomination_for(dossier, "emulation_fighter_grassroots")
    worker = nomination_for(dossier, "advanced_worker")
    client.force_login(world.secretariat)

    response = client.post(
        reverse("dossiers:session_votes", args=[session.pk]),
        {
            f"{fighter.pk}-yes": "6",
            f"{fighter.pk}-no": "2",
            f"{fighter.pk}-written_yes": "2",
            f"{worker.pk}-yes": "8",
        },
    )
    assert response.status_code == 302
    assert Vote.objects.get(nomination=fighter).total_yes == 8

    response = client.post(reverse("dossiers:session_close", args=[session.pk]))

    assert response.status_code == 302
    dossier.refresh_from_db()
    fighter.refresh_from_db()
    assert dossier.status == Dossier.Status.DECIDED
    assert fighter.council_result == "approved"


def test_session_close_refused_keeps_the_session_open(client, world):
    session = open_session(world, [appraised_dossier(world)])
    client.force_login(world.secretariat)

    response = client.post(reverse("dossiers:session_close", args=[session.pk]), follow=True)

    assert response.status_code == 200
    assert "Nguyễn Thị Hoa" in response.text  # named among the nominations not voted on
    session.refresh_from_db()
    assert session.closed_at is None


@pytest.mark.parametrize("name", ["session_votes", "session_close"])
def test_session_actions_are_refused_to_a_member_and_hidden_from_others(client, world, name):
    session = open_session(world, [appraised_dossier(world)])
    url = reverse(f"dossiers:{name}", args=[session.pk])
    client.force_login(world.member)
    assert client.post(url).status_code == 403
    for outsider in (world.officer_a, other_council_secretariat(world)):
        client.force_login(outsider)
        assert client.post(url).status_code == 404
    session.refresh_from_db()
    assert session.closed_at is None


@pytest.mark.parametrize("name", ["session_detail", "session_minutes"])
def test_session_pages_are_hidden_from_the_officer_and_other_councils(client, world, name):
    session = open_session(world, [appraised_dossier(world)])
    url = reverse(f"dossiers:{name}", args=[session.pk])
    for outsider in (world.officer_a, other_council_secretariat(world)):
        client.force_login(outsider)
        assert client.get(url).status_code == 404


# --- minutes ----------------------------------------------------------------------------------


def test_minutes_pdf_names_members_counts_and_nominees(client, world):
    session, _dossier, _fighter, _worker = voted_session(world, fighter_yes=7, worker_yes=6)
    session_close(session=session, actor=world.secretariat)
    client.force_login(world.member)

    response = client.get(reverse("dossiers:session_minutes", args=[session.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in (
        "BIÊN BẢN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Phòng họp số 1",
        "Tổng số thành viên Hội đồng: 10; có mặt: 8 (80%); vắng mặt: 2.",
        "Phạm Văn An",
        "Hoàng Thị Xa",
        "Nguyễn Thị Hoa",
        "Trần Văn Bình",
        "70%",  # 7 of 10 for the fighter
        "≥ 80%",
        "60%",  # 6 of 10 for the worker
        "> 50%",
        "Không đạt",
        "Đạt",
        "THƯ KÝ",
        "Lý Thị Khánh",
        "CHỦ TRÌ",
    ):
        assert expected in text, expected
