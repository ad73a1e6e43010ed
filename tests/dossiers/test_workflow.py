"""The dossier's one door: who may move it, from which state, under which condition."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from common.models import StateChange
from dossiers.models import Dossier, Nomination
from dossiers.services.workflow import (
    APPRAISE,
    RETURN,
    SUBMIT,
    TAKE,
    WITHDRAW,
    actions_for,
    dossier_transition,
)
from tests.dossiers.conftest import advance, make_dossier

pytestmark = pytest.mark.django_db


def test_submit_complete_dossier_records_version_and_state_change(world):
    dossier = make_dossier(world)
    dossier_transition(dossier=dossier, action=SUBMIT, actor=world.officer_a)
    dossier.refresh_from_db()
    assert (dossier.status, dossier.version, dossier.submitted_late) == ("submitted", 1, False)
    version = dossier.versions.get()
    assert [row["nominee"] for row in version.snapshot["nominations"]] == ["Nguyễn Thị Hoa"]
    change = StateChange.objects.get(object_id=dossier.pk, to_state="submitted")
    assert (change.from_state, change.actor) == ("draft", world.officer_a)


def test_submit_incomplete_dossier_is_refused_naming_missing_documents(world):
    dossier = make_dossier(world, complete=False)
    with pytest.raises(ValidationError) as refused:
        dossier_transition(dossier=dossier, action=SUBMIT, actor=world.officer_a)
    assert "Nguyễn Thị Hoa" in " ".join(refused.value.messages)
    dossier.refresh_from_db()
    assert (dossier.status, dossier.version) == ("draft", 0)


def test_submit_after_closing_is_refused_with_the_deadline(world):
    dossier = make_dossier(world)
    world.round.closes_on = world.round.opens_on + datetime.timedelta(days=1)
    world.round.save()
    with pytest.raises(ValidationError) as refused:
        dossier_transition(dossier=dossier, action=SUBMIT, actor=world.officer_a)
    assert world.round.closes_on.strftime("%d/%m/%Y") in " ".join(refused.value.messages)


def test_late_dossier_accepted_and_flagged_when_round_allows(world):
    dossier = make_dossier(world)
    world.round.closes_on = world.round.opens_on + datetime.timedelta(days=1)
    world.round.late_policy = "accept_flagged"
    world.round.save()
    dossier_transition(dossier=dossier, action=SUBMIT, actor=world.officer_a)
    dossier.refresh_from_db()
    assert dossier.submitted_late is True


def test_other_units_officer_cannot_submit(world):
    dossier = make_dossier(world)
    with pytest.raises(PermissionDenied):
        dossier_transition(dossier=dossier, action=SUBMIT, actor=world.officer_b)


def test_officer_cannot_take_a_dossier_for_appraisal(world):
    dossier = advance(world, make_dossier(world), "submitted")
    with pytest.raises(PermissionDenied):
        dossier_transition(dossier=dossier, action=TAKE, actor=world.officer_a)


def test_take_assigns_a_specialist_and_refuses_an_outsider(world):
    dossier = advance(world, make_dossier(world), "submitted")
    with pytest.raises(ValidationError):
        dossier_transition(
            dossier=dossier, action=TAKE, actor=world.secretariat, assignee=world.officer_a
        )
    dossier_transition(
        dossier=dossier, action=TAKE, actor=world.secretariat, assignee=world.specialist
    )
    dossier.refresh_from_db()
    assert (dossier.status, dossier.assignee) == ("in_appraisal", world.specialist)


def test_return_needs_a_reason(world):
    dossier = advance(world, make_dossier(world), "in_appraisal")
    with pytest.raises(ValidationError):
        dossier_transition(dossier=dossier, action=RETURN, actor=world.secretariat, reason=" ")
    dossier_transition(
        dossier=dossier, action=RETURN, actor=world.secretariat, reason="Thiếu chữ ký"
    )
    dossier.refresh_from_db()
    assert (dossier.status, dossier.return_reason) == ("returned", "Thiếu chữ ký")


def test_appraise_refused_until_every_nomination_is_marked(world):
    dossier = advance(world, make_dossier(world), "in_appraisal")
    with pytest.raises(ValidationError):
        dossier_transition(dossier=dossier, action=APPRAISE, actor=world.secretariat)
    dossier.nominations.update(appraisal=Nomination.Appraisal.INELIGIBLE)
    dossier_transition(dossier=dossier, action=APPRAISE, actor=world.secretariat)
    assert Dossier.objects.get(pk=dossier.pk).status == "appraised"


def test_withdraw_only_before_appraisal(world):
    dossier = advance(world, make_dossier(world), "in_appraisal")
    with pytest.raises(ValidationError):
        dossier_transition(dossier=dossier, action=WITHDRAW, actor=world.officer_a)


def test_actions_for_each_role(world):
    dossier = advance(world, make_dossier(world), "submitted")
    assert actions_for(user=world.officer_a, dossier=dossier) == ["withdraw"]
    assert actions_for(user=world.secretariat, dossier=dossier) == ["take"]
    assert actions_for(user=world.officer_b, dossier=dossier) == []
