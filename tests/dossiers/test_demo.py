"""The demo's Phú Lãm round: dossiers in several states, each reached through the services."""

import pytest

from common.models import StateChange
from dossiers.demo import ROUND_NAME, load_demo_dossiers
from dossiers.models import Dossier, Round

pytestmark = pytest.mark.django_db


def test_demo_round_comes_from_the_phu_lam_plan_with_dossiers_in_every_state(demo_world):
    round_ = Round.objects.get(name=ROUND_NAME)
    assert round_.closes_on.strftime("%d/%m/%Y") == "19/03/2022"
    assert round_.plan_deadline.plan.issuing_unit.name == "Phường Phú Lãm"
    states = dict(round_.dossiers.values_list("unit__name", "status"))
    assert states == {
        "Trường THCS Phú Lãm": "draft",
        "Tổ dân phố số 1 phường Phú Lãm": "submitted",
        "Trường Tiểu học Phú Lãm": "in_appraisal",
        "Trạm Y tế phường Phú Lãm": "returned",
        "Tổ dân phố số 2 phường Phú Lãm": "appraised",
        "Tổ dân phố số 5 phường Phú Lãm": "decision_issued",
    }
    issued = round_.dossiers.get(status="decision_issued")
    assert issued.nominations.get().grant.decision.number == "1725/QĐ-UBND"
    trail = StateChange.objects.filter(
        object_id=issued.pk, content_type__model="dossier", field="status"
    ).order_by("at", "pk")
    assert [change.to_state for change in trail] == [
        "submitted",
        "in_appraisal",
        "appraised",
        "at_council",
        "decided",
        "decision_issued",
    ]
    assert round_.dossiers.get(status="returned").comments.count() == 2


def test_demo_dossiers_load_once(demo_world):
    load_demo_dossiers()
    assert Dossier.objects.filter(round__name=ROUND_NAME).count() == 6
