"""The one door through which a dossier changes state.

    draft ──submit──▶ submitted ──take──▶ in_appraisal ──appraise──▶ appraised
      │    ▲              │                 │      ▲                    │
      │    └── returned ◀─┼────return───────┘      │               send_to_council
      │        (submit)   │                        │                    ▼
      └──withdraw──▶ withdrawn ◀──withdraw─────────┘(no)            at_council
                                                                        │ decide
                                                 decision_issued ◀─issue─ decided

``dossier_transition`` checks, under a row lock, that the action is allowed from the current
state, that the actor holds the role the action needs (the proposing unit's officer, or the
receiving council's secretariat), and the action's own condition (a complete dossier on time
for ``submit``, every nomination appraised for ``appraise``, …). It saves with
``update_fields`` and records who, when, from what, to what and why (``common.StateChange``).
Two secretariat members acting at once cannot both succeed from the same state: the second
waits for the lock, then finds the new state and is refused.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from common.services import state_change_record
from dossiers.models import Dossier, DossierVersion, Nomination
from dossiers.rules import is_proposer_of, manages_round

S = Dossier.Status
UNIT, SECRETARIAT = "unit", "secretariat"


@dataclass(frozen=True)
class Action:
    """An action: the states it starts from, the state it leads to, who may take it, and
    whether the actor must give a reason."""

    sources: tuple[str, ...]
    target: str
    actor: str
    label: str
    needs_reason: bool = False


SUBMIT, WITHDRAW, TAKE, RETURN, APPRAISE, SEND, DECIDE, ISSUE = (
    "submit", "withdraw", "take", "return", "appraise", "send_to_council", "decide", "issue",
)  # fmt: skip
ACTIONS: dict[str, Action] = {
    SUBMIT: Action(
        (S.DRAFT, S.RETURNED), S.SUBMITTED, UNIT, pgettext_lazy("dossier action", "Submit")
    ),
    WITHDRAW: Action(
        (S.DRAFT, S.SUBMITTED), S.WITHDRAWN, UNIT, pgettext_lazy("dossier action", "Withdraw")
    ),
    TAKE: Action(
        (S.SUBMITTED,),
        S.IN_APPRAISAL,
        SECRETARIAT,
        pgettext_lazy("dossier action", "Start appraisal"),
    ),
    RETURN: Action(
        (S.IN_APPRAISAL,),
        S.RETURNED,
        SECRETARIAT,
        pgettext_lazy("dossier action", "Return for correction"),
        True,
    ),
    APPRAISE: Action(
        (S.IN_APPRAISAL,),
        S.APPRAISED,
        SECRETARIAT,
        pgettext_lazy("dossier action", "Finish appraisal"),
    ),
    SEND: Action(
        (S.APPRAISED,),
        S.AT_COUNCIL,
        SECRETARIAT,
        pgettext_lazy("dossier action", "Send to the council"),
    ),
    DECIDE: Action(
        (S.AT_COUNCIL,),
        S.DECIDED,
        SECRETARIAT,
        pgettext_lazy("dossier action", "Record the result"),
    ),
    ISSUE: Action(
        (S.DECIDED,),
        S.DECISION_ISSUED,
        SECRETARIAT,
        pgettext_lazy("dossier action", "Issue decision"),
    ),
}


def _lock(dossier: Dossier) -> Dossier:
    """Read the dossier again under a row lock (the race test replaces this to show why)."""
    return (
        Dossier.objects.select_for_update()
        .select_related("round__council__unit")
        .get(pk=dossier.pk)
    )


def may_act(*, user, dossier: Dossier, action: str) -> bool:
    """Whether ``user`` holds the role ``action`` needs on ``dossier`` (not the state)."""
    needed = ACTIONS[action].actor
    if needed == UNIT:
        return is_proposer_of(user, dossier)
    return manages_round(user, dossier.round)


def actions_for(*, user, dossier: Dossier) -> list[str]:
    """The actions ``user`` may try on ``dossier`` in its current state, in table order."""
    return [
        name
        for name, action in ACTIONS.items()
        if dossier.status in action.sources and may_act(user=user, dossier=dossier, action=name)
    ]


@transaction.atomic
def dossier_transition(
    *, dossier: Dossier, action: str, actor, reason: str = "", assignee=None
) -> Dossier:
    """Move ``dossier`` by ``action`` (a key of ``ACTIONS``) and record it.

    ``reason`` is required for a return and kept as ``return_reason``; ``assignee`` (a
    secretariat member of the council, default the actor) is who appraises, for ``take``.
    Raises ``PermissionDenied`` when the actor lacks the role, ``ValidationError`` (in the
    user's language, the deadline in the message for a late submission) when the state or the
    action's condition does not allow it. Returns the saved dossier.
    """
    spec = ACTIONS[action]
    locked = _lock(dossier)
    if not may_act(user=actor, dossier=locked, action=action):
        raise PermissionDenied
    if locked.status not in spec.sources:
        raise ValidationError(
            _("This cannot be done while the dossier is “%(status)s”.")
            % {"status": locked.get_status_display()},
            code="wrong_state",
        )
    reason = reason.strip()
    if spec.needs_reason and not reason:
        raise ValidationError(_("Say why the dossier is returned."), code="reason_required")
    fields = GUARDS.get(action, _no_guard)(locked, actor=actor, reason=reason, assignee=assignee)
    previous = locked.status
    locked.status = spec.target
    locked.save(update_fields=["status", "updated_at", *fields])
    state_change_record(
        obj=locked, from_state=previous, to_state=spec.target, actor=actor, reason=reason
    )
    if action == SUBMIT:
        from dossiers.versions import snapshot_of

        DossierVersion.objects.create(
            dossier=locked, number=locked.version, snapshot=snapshot_of(locked), submitted_by=actor
        )
    _announce(locked, action)
    dossier.__dict__.update(
        {name: getattr(locked, name) for name in ("status", "version", "updated_at", *fields)}
    )
    return locked


def _announce(dossier: Dossier, action: str) -> None:
    from dossiers.notices import announce_returned, announce_submitted

    if action == SUBMIT:
        announce_submitted(dossier=dossier)
    elif action == RETURN:
        announce_returned(dossier=dossier)


def _no_guard(dossier: Dossier, **_kwargs) -> list[str]:
    return []


def _submit(dossier: Dossier, *, actor, **_kwargs) -> list[str]:
    from dossiers.services.submission import submission_check

    check = submission_check(dossier=dossier, today=timezone.localdate())
    if check.problems:
        raise ValidationError(check.problems, code="incomplete")
    dossier.version += 1
    dossier.submitted_at = timezone.now()
    dossier.submitted_late = dossier.submitted_late or check.late
    return ["version", "submitted_at", "submitted_late"]


def _take(dossier: Dossier, *, actor, assignee=None, **_kwargs) -> list[str]:
    assignee = assignee or actor
    if not manages_round(assignee, dossier.round):
        raise ValidationError(
            _("%(name)s is not in the council's secretariat.")
            % {"name": assignee.get_full_name() or assignee.get_username()},
            code="not_secretariat",
        )
    dossier.assignee = assignee
    return ["assignee"]


def _return(dossier: Dossier, *, reason: str, **_kwargs) -> list[str]:
    dossier.return_reason = reason
    return ["return_reason"]


def _appraise(dossier: Dossier, **_kwargs) -> list[str]:
    nominations = list(dossier.nominations.all())
    if not nominations:
        raise ValidationError(_("The dossier has no nominations."), code="empty")
    pending = [n for n in nominations if n.appraisal == Nomination.Appraisal.PENDING]
    if pending:
        raise ValidationError(
            _("Mark every nomination eligible or not first (%(count)d left).")
            % {"count": len(pending)},
            code="not_appraised",
        )
    return []


def _decide(dossier: Dossier, **_kwargs) -> list[str]:
    pending = dossier.nominations.filter(
        appraisal=Nomination.Appraisal.ELIGIBLE, council_result=Nomination.CouncilResult.PENDING
    ).count()
    if pending:
        raise ValidationError(
            _("The council has not voted on %(count)d nominations of this dossier.")
            % {"count": pending},
            code="not_voted",
        )
    return []


def _issue(dossier: Dossier, **_kwargs) -> list[str]:
    ungranted = dossier.nominations.filter(
        council_result=Nomination.CouncilResult.APPROVED, grant__isnull=True
    ).count()
    if ungranted:
        raise ValidationError(
            _("%(count)d approved nominations are not in a decision yet.") % {"count": ungranted},
            code="not_granted",
        )
    return []


GUARDS: dict[str, Callable[..., list[str]]] = {
    SUBMIT: _submit,
    TAKE: _take,
    RETURN: _return,
    APPRAISE: _appraise,
    DECIDE: _decide,
    ISSUE: _issue,
}
