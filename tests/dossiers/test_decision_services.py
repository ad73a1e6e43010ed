"""Award decisions from the council's results: grants, the dossiers' last step, the units'
mail, the decision PDF, and revocation (Law Art. 93)."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from awards.history import person_history
from awards.models import AwardGrant
from common.models import StateChange
from dossiers.documents.decision import decision_document, decision_pdf
from dossiers.models import Dossier, Nomination
from dossiers.services.council import session_close
from dossiers.services.decisions import decision_issue, grant_revoke
from organizations.models import Council, Membership
from tests.dossiers.test_council_services import voted_session
from tests.dossiers.test_council_views import pdf_text
from tests.factories import MembershipFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

NUMBER = "12/QĐ-HĐTĐKT"


def decided(world, *, fighter_yes=8, worker_yes=6):
    """A closed session: the fighter approved with 8 of 10 and the worker with 6 of 10 by
    default."""
    session, dossier, fighter, worker = voted_session(
        world, fighter_yes=fighter_yes, worker_yes=worker_yes
    )
    session_close(session=session, actor=world.secretariat)
    fighter.refresh_from_db()
    worker.refresh_from_db()
    return dossier, fighter, worker


def issue(world, nominations, number=NUMBER, actor=None):
    return decision_issue(
        round_=world.round,
        nominations=nominations,
        number=number,
        date=timezone.localdate(),
        signer_name="Phạm Văn An",
        authority=world.tree.council.name,
        actor=actor or world.secretariat,
    )


def test_decision_creates_grants_in_the_award_history(world):
    dossier, fighter, worker = decided(world)

    decision = issue(world, [fighter, worker])

    assert decision.issuing_unit == world.tree.district
    history = person_history(person=world.people[0])
    assert [(g.decision.number, g.year, g.title.code) for g in history.grants] == [
        (NUMBER, world.round.year, "emulation_fighter_grassroots")
    ]
    fighter.refresh_from_db()
    assert fighter.grant.decision == decision
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.DECISION_ISSUED


def test_dossier_waits_in_decided_until_every_approved_nomination_is_granted(world):
    dossier, fighter, worker = decided(world)

    issue(world, [fighter])
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.DECIDED

    issue(world, [worker], number="13/QĐ-HĐTĐKT")
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.DECISION_ISSUED
    assert AwardGrant.objects.count() == 2


def test_decision_refuses_a_nomination_the_council_did_not_approve(world):
    _dossier, fighter, worker = decided(world, fighter_yes=7)
    assert fighter.council_result == Nomination.CouncilResult.NOT_APPROVED

    with pytest.raises(ValidationError) as refused:
        issue(world, [fighter, worker])

    assert "Nguyễn Thị Hoa" in " ".join(refused.value.messages)
    assert not AwardGrant.objects.exists()


def test_decision_refuses_a_nomination_already_granted(world):
    _dossier, fighter, _worker = decided(world)
    issue(world, [fighter])
    fighter.refresh_from_db()

    with pytest.raises(ValidationError):
        issue(world, [fighter], number="14/QĐ-HĐTĐKT")

    assert AwardGrant.objects.count() == 1


def test_decision_by_council_member_is_denied(world):
    _dossier, fighter, _worker = decided(world)

    with pytest.raises(PermissionDenied):
        issue(world, [fighter], actor=world.member)


def test_decision_mails_the_units_officer_in_vietnamese(world, django_capture_on_commit_callbacks):
    _dossier, fighter, worker = decided(world)
    MembershipFactory(
        user=UserFactory(username="khong_thu", email=""),
        unit=world.tree.ward_a,
        role=Membership.Role.UNIT_OFFICER,
    )

    with django_capture_on_commit_callbacks(execute=True):
        issue(world, [fighter, worker])

    assert [message.to for message in mail.outbox] == [[world.officer_a.email]]
    message = mail.outbox[0]
    assert NUMBER in message.subject
    assert "Quyết định khen thưởng" in message.subject
    assert "Nguyễn Thị Hoa" in message.body
    assert "Trần Văn Bình" in message.body


def test_decision_pdf_has_the_decree_30_layout_and_the_list(world):
    _dossier, fighter, worker = decided(world)
    decision = issue(world, [fighter, worker])

    content = decision_pdf(decision_document(decision=decision))

    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        f"Số: {NUMBER}",
        "QUYẾT ĐỊNH",
        "Về việc khen thưởng năm",
        "Điều 1",
        "Điều 2",
        "Điều 3",
        "Nơi nhận",
        "Nguyễn Thị Hoa",
        "Trần Văn Bình",
        "Chiến sĩ thi đua cơ sở",
        "Phường An Bình",
        "TM. HỘI ĐỒNG",
        "CHỦ TỊCH",
        "Phạm Văn An",
    ):
        assert expected in text, expected


def test_revocation_keeps_the_grant_marked_with_the_ground(world):
    _dossier, fighter, _worker = decided(world)
    decision = issue(world, [fighter])
    grant = decision.grants.get()

    grant_revoke(
        grant=grant,
        ground="forged_documents",
        detail="Bằng chứng sáng kiến không có thật",
        on=timezone.localdate(),
        actor=world.secretariat,
    )

    grant.refresh_from_db()
    assert grant.revoked is True
    assert grant.revoked_on == timezone.localdate()
    assert grant.revoked_reason == "Giả mạo hồ sơ: Bằng chứng sáng kiến không có thật"
    assert person_history(person=world.people[0]).grants == [grant]
    change = StateChange.objects.get(field="revoked", object_id=grant.pk)
    assert (change.to_state, change.reason) == ("revoked", grant.revoked_reason)


def test_revocation_twice_or_before_the_decision_is_refused(world):
    _dossier, fighter, _worker = decided(world)
    grant = issue(world, [fighter]).grants.get()

    with pytest.raises(ValidationError):
        grant_revoke(
            grant=grant,
            ground="fraud",
            detail="Khai man",
            on=timezone.localdate() - datetime.timedelta(days=1),
            actor=world.secretariat,
        )
    grant_revoke(
        grant=grant,
        ground="fraud",
        detail="Khai man",
        on=timezone.localdate(),
        actor=world.secretariat,
    )
    with pytest.raises(ValidationError):
        grant_revoke(
            grant=grant,
            ground="criteria_unmet",
            detail="Lần hai",
            on=timezone.localdate(),
            actor=world.secretariat,
        )


def test_revocation_by_another_council_or_a_member_is_denied(world):
    _dossier, fighter, _worker = decided(world)
    grant = issue(world, [fighter]).grants.get()
    other_unit = UnitFactory(name="Huyện Khác", parent=world.tree.other_province)
    Council.objects.create(unit=other_unit, name="Hội đồng Thi đua – Khen thưởng huyện Khác")
    stranger = MembershipFactory(
        user=UserFactory(username="thuongtruc_khac"),
        unit=other_unit,
        role=Membership.Role.SECRETARIAT,
    ).user

    for actor in (stranger, world.member, world.officer_a):
        with pytest.raises(PermissionDenied):
            grant_revoke(
                grant=grant, ground="fraud", detail="x", on=timezone.localdate(), actor=actor
            )

    grant.refresh_from_db()
    assert grant.revoked is False
