"""An object's history with its audit entries (``common.selectors.history_of(audit=True)``):
its creation by an import and each changed field, beside its state changes; the history
template shows them; without ``audit`` nothing changes."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from common.audit import ADMIN_IMPORT, AuditTrail, snapshot
from common.selectors import history_of
from common.services import state_change_record
from organizations.models import Unit
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Labels compared in English, whatever the translations say."""
    with translation.override("en"):
        yield


@pytest.fixture
def unit(tree, admin_user) -> Unit:
    """A residential group created by an import, then renamed and made an association by another,
    between a recorded state change."""
    unit = UnitFactory(name="Tổ 7", kind=Unit.Kind.RESIDENTIAL_GROUP, parent=tree.ward_a)
    trail = AuditTrail(actor=admin_user, source=ADMIN_IMPORT, reference="to-dan-pho.xlsx")
    trail.created([unit])
    trail.save()
    state_change_record(obj=unit, from_state="", to_state="checked", actor=admin_user)
    before = snapshot(unit)
    unit.name, unit.kind = "Hội 7", Unit.Kind.ASSOCIATION
    unit.save()
    trail = AuditTrail(actor=None, source="service:test")
    trail.updated(unit, before=before)
    trail.save()
    return unit


def test_history_lists_the_creation_the_state_change_and_each_changed_field(unit, admin_user):
    history = history_of(obj=unit, audit=True, field_labels={"name": "Tên đơn vị"})

    assert [(h.what, h.from_label, h.to_label, h.shows_states) for h in history] == [
        ("Created", "", "", False),
        ("", "", "checked", True),
        ("Tên đơn vị", "Tổ 7", "Hội 7", True),
        (
            str(Unit._meta.get_field("kind").verbose_name),
            str(Unit.Kind.RESIDENTIAL_GROUP.label),
            str(Unit.Kind.ASSOCIATION.label),
            True,
        ),
    ]
    assert history[0].actor == admin_user
    assert history[0].reason == "import in the administration: to-dan-pho.xlsx"
    assert history[2].actor is None
    assert history[2].reason == "service:test"


def test_history_without_audit_is_the_state_changes_only_in_one_query(
    unit, django_assert_num_queries
):
    history_of(obj=unit)  # content types cached, as in a running server

    with django_assert_num_queries(1):
        history = history_of(obj=unit)

    assert [h.to_label for h in history] == ["checked"]


def test_history_with_audit_costs_one_more_query(unit, django_assert_num_queries):
    history_of(obj=unit)

    with django_assert_num_queries(2):
        history_of(obj=unit, audit=True)


def test_the_history_template_shows_a_creation_without_arrow(unit, rf):
    html = render_to_string("common/_history.html", {"history": history_of(obj=unit, audit=True)})

    assert "Created<br>" in html
    assert "Tổ 7 → Hội 7" in html
    assert "—" in html  # the state change from nothing keeps its arrow
