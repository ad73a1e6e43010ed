"""The council session: members, quorum, ballot counts against ALL members, closing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from awards.selectors import rules_in_force
from common.models import StateChange
from dossiers.models import Dossier, Nomination, Vote
from dossiers.services.council import (
    session_close,
    session_create,
    session_quorum,
    vote_outcome,
    votes_record,
)
from tests.dossiers.conftest import advance, make_dossier

pytestmark = pytest.mark.django_db

# Ten members of the council: eight present, two absent (they may vote in writing).
MEMBERS = [
    ("Phạm Văn An", "Chủ tịch Hội đồng", True),
    ("Lê Thị Bích", "Phó Chủ tịch Hội đồng", True),
    ("Vũ Văn Cường", "Ủy viên", True),
    ("Đặng Thị Dung", "Ủy viên", True),
    ("Bùi Văn Em", "Ủy viên", True),
    ("Ngô Thị Gấm", "Ủy viên", True),
    ("Dương Văn Hải", "Ủy viên", True),
    ("Lý Thị Khánh", "Thư ký", True),
    ("Đỗ Văn Vắng", "Ủy viên", False),
    ("Hoàng Thị Xa", "Ủy viên", False),
]
FIGHTER_AND_WORKER = (
    ("person", 0, "emulation_fighter_grassroots"),
    ("person", 1, "advanced_worker"),
)


def appraised_dossier(world, lines=FIGHTER_AND_WORKER) -> Dossier:
    """Ward A's dossier with ``lines``, appraised (every nomination eligible)."""
    return advance(world, make_dossier(world, lines=lines), Dossier.Status.APPRAISED)


def open_session(world, dossiers, members=MEMBERS):
    return session_create(
        round_=world.round,
        held_on=timezone.localdate(),
        members=members,
        dossiers=dossiers,
        actor=world.secretariat,
        place="Phòng họp số 1",
        chair_name="Phạm Văn An",
        secretary_name="Lý Thị Khánh",
    )


def nomination_for(dossier: Dossier, code: str) -> Nomination:
    return dossier.nominations.get(title__code=code)


def voted_session(world, *, fighter_yes=8, worker_yes=6):
    """An appraised dossier at a session with both nominations voted."""
    dossier = appraised_dossier(world)
    session = open_session(world, [dossier])
    fighter = nomination_for(dossier, "emulation_fighter_grassroots")
    worker = nomination_for(dossier, "advanced_worker")
    votes_record(
        session=session,
        counts={
            fighter.pk: {"yes": fighter_yes, "no": 8 - fighter_yes},
            worker.pk: {"yes": worker_yes, "abstain": 8 - worker_yes},
        },
        actor=world.secretariat,
    )
    return session, dossier, fighter, worker


def test_grassroots_fighter_threshold_is_80_percent_of_all_members(world):
    threshold = rules_in_force(year=world.round.year)[
        "emulation_fighter_grassroots"
    ].approval_threshold

    assert threshold == 80
    assert vote_outcome(vote=Vote(yes=8, no=0), member_count=10, threshold=threshold) is True
    assert vote_outcome(vote=Vote(yes=7, no=1), member_count=10, threshold=threshold) is False


def test_vote_outcome_counts_written_votes_of_absent_members(world):
    assert vote_outcome(vote=Vote(yes=6, written_yes=2), member_count=10, threshold=80) is True
    assert vote_outcome(vote=Vote(yes=6, written_yes=1), member_count=10, threshold=80) is False


def test_vote_outcome_counts_against_all_members_not_those_present():
    # 8 of the 8 present is 100 % of those present but only 80 % of 10: not 90 %.
    assert vote_outcome(vote=Vote(yes=8), member_count=10, threshold=90) is False
    assert vote_outcome(vote=Vote(yes=9), member_count=10, threshold=90) is True


def test_vote_outcome_without_threshold_needs_more_than_half_of_all_members():
    assert vote_outcome(vote=Vote(yes=5), member_count=10, threshold=None) is False
    assert vote_outcome(vote=Vote(yes=6), member_count=10, threshold=None) is True


def test_session_create_sends_dossiers_to_the_council_with_all_members(world):
    dossier = appraised_dossier(world)

    session = open_session(world, [dossier])

    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.AT_COUNCIL
    assert [m.full_name for m in session.members.all()] == [m[0] for m in MEMBERS]
    assert session_quorum(session=session) == (True, 8, 10)
    change = StateChange.objects.get(object_id=dossier.pk, to_state="at_council")
    assert change.actor == world.secretariat


def test_session_create_refuses_a_dossier_not_appraised(world):
    dossier = advance(world, make_dossier(world), Dossier.Status.SUBMITTED)

    with pytest.raises(ValidationError) as refused:
        open_session(world, [dossier])

    assert world.tree.ward_a.name in " ".join(refused.value.messages)
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.SUBMITTED
    assert not world.round.sessions.exists()


def test_session_create_by_council_member_is_denied(world):
    dossier = appraised_dossier(world)

    with pytest.raises(PermissionDenied):
        session_create(
            round_=world.round,
            held_on=timezone.localdate(),
            members=MEMBERS,
            dossiers=[dossier],
            actor=world.member,
        )


def test_session_create_refused_while_the_round_has_an_open_session(world):
    open_session(world, [appraised_dossier(world)])

    with pytest.raises(ValidationError):
        open_session(world, [])

    assert world.round.sessions.count() == 1


def test_quorum_not_met_with_seven_of_ten_present(world):
    members = [(name, position, i < 7) for i, (name, position, _p) in enumerate(MEMBERS)]
    session = open_session(world, [appraised_dossier(world)], members=members)

    assert session_quorum(session=session) == (False, 7, 10)


def test_votes_over_the_members_present_are_refused(world):
    dossier = appraised_dossier(world)
    session = open_session(world, [dossier])
    fighter = nomination_for(dossier, "emulation_fighter_grassroots")

    with pytest.raises(ValidationError) as refused:
        votes_record(
            session=session, counts={fighter.pk: {"yes": 5, "no": 4}}, actor=world.secretariat
        )

    assert "8" in " ".join(refused.value.messages)
    assert not Vote.objects.exists()


def test_written_votes_over_the_members_absent_are_refused(world):
    dossier = appraised_dossier(world)
    session = open_session(world, [dossier])
    fighter = nomination_for(dossier, "emulation_fighter_grassroots")

    with pytest.raises(ValidationError):
        votes_record(
            session=session,
            counts={fighter.pk: {"yes": 8, "written_yes": 3}},
            actor=world.secretariat,
        )

    assert not Vote.objects.exists()


def test_votes_on_an_ineligible_nomination_are_refused(world):
    dossier = appraised_dossier(world)
    worker = nomination_for(dossier, "advanced_worker")
    Nomination.objects.filter(pk=worker.pk).update(appraisal=Nomination.Appraisal.INELIGIBLE)
    session = open_session(world, [dossier])

    with pytest.raises(ValidationError):
        votes_record(session=session, counts={worker.pk: {"yes": 8}}, actor=world.secretariat)


def test_votes_recorded_again_replace_the_counts(world):
    session, _dossier, fighter, _worker = voted_session(world, fighter_yes=7)

    votes_record(
        session=session, counts={fighter.pk: {"yes": 6, "written_yes": 2}}, actor=world.secretariat
    )

    vote = Vote.objects.get(nomination=fighter)
    assert (vote.yes, vote.no, vote.written_yes, vote.total_yes) == (6, 0, 2, 8)


@pytest.mark.parametrize(
    ("fighter_yes", "result"),
    [(8, Nomination.CouncilResult.APPROVED), (7, Nomination.CouncilResult.NOT_APPROVED)],
)
def test_session_close_records_results_and_moves_the_dossier_to_decided(world, fighter_yes, result):
    session, dossier, fighter, worker = voted_session(world, fighter_yes=fighter_yes, worker_yes=5)

    session_close(session=session, actor=world.secretariat)

    fighter.refresh_from_db()
    worker.refresh_from_db()
    dossier.refresh_from_db()
    session.refresh_from_db()
    assert fighter.council_result == result
    # Advanced Worker has no threshold: 5 of 10 is not more than half.
    assert worker.council_result == Nomination.CouncilResult.NOT_APPROVED
    assert dossier.status == Dossier.Status.DECIDED
    assert session.closed_at is not None
    change = StateChange.objects.get(field="council_result", object_id=fighter.pk)
    assert (change.from_state, change.to_state, change.actor) == ("", result, world.secretariat)


def test_session_close_marks_ineligible_nominations_not_approved(world):
    dossier = appraised_dossier(world)
    worker = nomination_for(dossier, "advanced_worker")
    Nomination.objects.filter(pk=worker.pk).update(appraisal=Nomination.Appraisal.INELIGIBLE)
    session = open_session(world, [dossier])
    fighter = nomination_for(dossier, "emulation_fighter_grassroots")
    votes_record(session=session, counts={fighter.pk: {"yes": 8}}, actor=world.secretariat)

    session_close(session=session, actor=world.secretariat)

    worker.refresh_from_db()
    assert worker.council_result == Nomination.CouncilResult.NOT_APPROVED


def test_session_close_without_quorum_is_refused_with_the_numbers(world):
    members = [(name, position, i < 7) for i, (name, position, _p) in enumerate(MEMBERS)]
    dossier = appraised_dossier(world)
    session = open_session(world, [dossier], members=members)

    with pytest.raises(ValidationError) as refused:
        session_close(session=session, actor=world.secretariat)

    message = " ".join(refused.value.messages)
    assert "7" in message
    assert "10" in message
    assert "80" in message
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.AT_COUNCIL


def test_session_close_with_an_unvoted_nomination_is_refused_naming_it(world):
    dossier = appraised_dossier(world)
    session = open_session(world, [dossier])
    fighter = nomination_for(dossier, "emulation_fighter_grassroots")
    votes_record(session=session, counts={fighter.pk: {"yes": 8}}, actor=world.secretariat)

    with pytest.raises(ValidationError) as refused:
        session_close(session=session, actor=world.secretariat)

    assert "Trần Văn Bình" in " ".join(refused.value.messages)
    session.refresh_from_db()
    assert session.closed_at is None


def test_closed_session_refuses_votes_and_a_second_close(world):
    session, _dossier, fighter, _worker = voted_session(world)
    session_close(session=session, actor=world.secretariat)

    with pytest.raises(ValidationError):
        votes_record(session=session, counts={fighter.pk: {"yes": 1}}, actor=world.secretariat)
    with pytest.raises(ValidationError):
        session_close(session=session, actor=world.secretariat)
    assert Vote.objects.get(nomination=fighter).yes == 8


def test_session_close_by_council_member_is_denied(world):
    session, dossier, _fighter, _worker = voted_session(world)

    with pytest.raises(PermissionDenied):
        session_close(session=session, actor=world.member)

    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.AT_COUNCIL
