import pytest

from common.selectors import state_changes_of
from common.services import state_change_record
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_state_changes_are_recorded_with_who_what_and_why_in_order():
    unit = UnitFactory()
    other = UnitFactory()
    officer = UserFactory(username="canbo")
    state_change_record(obj=unit, from_state="draft", to_state="submitted", actor=officer)
    state_change_record(
        obj=unit, from_state="submitted", to_state="returned", reason="Thiếu tờ trình"
    )
    state_change_record(obj=other, to_state="draft")

    changes = list(state_changes_of(obj=unit))

    assert [(c.from_state, c.to_state, c.actor, c.reason) for c in changes] == [
        ("draft", "submitted", officer, ""),
        ("submitted", "returned", None, "Thiếu tờ trình"),
    ]
