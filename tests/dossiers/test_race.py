"""Two secretariat members act on the same dossier at once: one returns it, the other finishes
the appraisal. Without the row lock both succeed and the last write wins (a lost update); with
it, the second waits, finds the new state and is refused.

The interleaving is made deterministic by wrapping ``workflow._lock``: each thread, once it has
read the dossier, signals it and waits (at most ``WAIT`` seconds) for the other to have read
too. Under the real lock the second thread cannot read until the first commits, so the first
waits out the timeout and goes on alone.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from common.models import StateChange
from dossiers.models import Dossier, Nomination
from dossiers.services import workflow
from dossiers.services.workflow import APPRAISE, RETURN, dossier_transition
from tests.conftest import require_service
from tests.dossiers.conftest import advance, make_dossier

WAIT = 1.0


def _interleave(monkeypatch, *, lock: bool) -> None:
    """Replace ``workflow._lock`` by a wrapper that meets the other thread after reading (and,
    with ``lock=False``, reads without ``select_for_update``)."""
    original = workflow._lock
    read = {name: threading.Event() for name in ("return", "appraise")}

    def plain_read(dossier):
        return Dossier.objects.select_related("round__council__unit").get(pk=dossier.pk)

    def meeting_lock(dossier):
        locked = (original if lock else plain_read)(dossier)
        me = threading.current_thread().name
        read[me].set()
        other = next(name for name in read if name != me)
        read[other].wait(timeout=WAIT)
        return locked

    monkeypatch.setattr(workflow, "_lock", meeting_lock)


def _race(world, dossier) -> dict[str, object]:
    """Run the return (secretariat) and the appraisal (specialist) at once; each thread's
    outcome: the dossier it saved, or the exception it raised."""
    outcomes: dict[str, object] = {}
    calls = {
        "return": lambda: dossier_transition(
            dossier=Dossier.objects.get(pk=dossier.pk),
            action=RETURN,
            actor=world.secretariat,
            reason="Bổ sung biên bản",
        ),
        "appraise": lambda: dossier_transition(
            dossier=Dossier.objects.get(pk=dossier.pk), action=APPRAISE, actor=world.specialist
        ),
    }

    def run(name):
        try:
            outcomes[name] = calls[name]()
        except Exception as error:  # the outcome is what the test looks at
            outcomes[name] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(name,), name=name) for name in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def _ready(world) -> Dossier:
    dossier = advance(world, make_dossier(world), "in_appraisal")
    dossier.nominations.update(appraisal=Nomination.Appraisal.ELIGIBLE)
    return dossier


def _leaving_appraisal(dossier) -> list[StateChange]:
    return list(
        StateChange.objects.filter(
            object_id=dossier.pk, field="status", from_state="in_appraisal"
        ).order_by("pk")
    )


@pytest.mark.django_db(transaction=True)
def test_without_the_lock_both_succeed_and_the_last_write_wins(world, monkeypatch):
    require_service("PostgreSQL", connection.vendor == "postgresql", "the race needs row locks")
    dossier = _ready(world)
    _interleave(monkeypatch, lock=False)
    outcomes = _race(world, dossier)
    assert all(isinstance(outcome, Dossier) for outcome in outcomes.values()), outcomes
    changes = _leaving_appraisal(dossier)
    assert sorted(change.to_state for change in changes) == ["appraised", "returned"]
    dossier.refresh_from_db()
    assert dossier.status == changes[-1].to_state  # the other step is lost


@pytest.mark.django_db(transaction=True)
def test_with_the_lock_the_second_is_refused(world, monkeypatch):
    require_service("PostgreSQL", connection.vendor == "postgresql", "the race needs row locks")
    dossier = _ready(world)
    _interleave(monkeypatch, lock=True)
    outcomes = _race(world, dossier)
    won = [name for name, outcome in outcomes.items() if isinstance(outcome, Dossier)]
    refused = [o for o in outcomes.values() if isinstance(o, ValidationError)]
    assert len(won) == 1, outcomes
    assert len(refused) == 1
    assert refused[0].code == "wrong_state"
    changes = _leaving_appraisal(dossier)
    assert len(changes) == 1
    dossier.refresh_from_db()
    assert (
        dossier.status == changes[0].to_state == ("returned" if won == ["return"] else "appraised")
    )
