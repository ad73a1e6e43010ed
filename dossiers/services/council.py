"""Writes of the council session: who sits, the ballot counts, closing with the results.

A session lists ALL the council's members, present or absent; the quorum and the approval
thresholds are counted against them (LAW.md §5: quorum ≥ 2/3, 80 % for award sessions in
provinces such as Bắc Ninh — ``Council.quorum_percent``; absent members vote in writing). A
nomination is approved when its "yes" votes (present and written) reach the award rule's
``approval_threshold`` percent of all members (LAW.md §1: 80 % for the Grassroots Fighter,
90 % for the Provincial Fighter), or more than half of all members when the rule sets none.

A round has at most one open session; while it is open, the session's dossiers are the
round's dossiers at the council (``dossiers.selectors.council.session_dossiers``).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.audit import APP, AuditTrail
from common.services import state_change_record
from dossiers.models import CouncilSession, Dossier, Nomination, Round, SessionMember, Vote
from dossiers.rules import manages_round
from dossiers.selectors.council import (
    needed_yes,
    nomination_thresholds,
    session_dossiers,
    session_nominations,
)
from dossiers.services.workflow import DECIDE, SEND, dossier_transition

PRESENT_KEYS = ("yes", "no", "abstain")
WRITTEN_KEYS = ("written_yes", "written_no", "written_abstain")
COUNT_KEYS = PRESENT_KEYS + WRITTEN_KEYS


def _require_manager(actor, round_: Round) -> None:
    if not manages_round(actor, round_):
        raise PermissionDenied


@transaction.atomic
def session_create(
    *,
    round_: Round,
    held_on,
    members: list[tuple[str, str, bool]],
    dossiers,
    actor,
    place: str = "",
    chair_name: str = "",
    secretary_name: str = "",
) -> CouncilSession:
    """Open a session of ``round_``'s council on ``held_on`` and send ``dossiers`` to it.

    ``members`` are ``(full name, position, present)`` of ALL the council's members, in order.
    Each dossier must be of the round and appraised; it moves to "at the council" (workflow
    ``SEND``); the round's dossiers already at the council belong to the session too. Raises
    ``PermissionDenied`` unless the actor is the round's secretariat, ``ValidationError`` when
    the round already has an open session, no member or no dossier is given, a member has no
    name, or a dossier is of another round or not appraised. The session and its members are
    recorded in the audit trail.
    """
    _require_manager(actor, round_)
    # The round's row lock makes two secretariat members opening a session at once take turns.
    Round.objects.select_for_update().filter(pk=round_.pk).first()
    if CouncilSession.objects.filter(round=round_, closed_at__isnull=True).exists():
        raise ValidationError(
            _("The round already has an open council session; close it first."),
            code="session_open",
        )
    members = [
        (name.strip(), position.strip(), bool(present)) for name, position, present in members
    ]
    if not members:
        raise ValidationError(_("List every member of the council."), code="no_members")
    if any(not name for name, _position, _present in members):
        raise ValidationError(_("Every council member needs a name."), code="member_name")
    dossiers = list(dossiers)
    for dossier in dossiers:
        if dossier.round_id != round_.pk or dossier.status != Dossier.Status.APPRAISED:
            raise ValidationError(
                _("The dossier of %(unit)s is not an appraised dossier of this round.")
                % {"unit": dossier.unit},
                code="not_appraised",
            )
    already = round_.dossiers.filter(status=Dossier.Status.AT_COUNCIL).exists()
    if not dossiers and not already:
        raise ValidationError(_("Choose the dossiers the council reviews."), code="no_dossiers")
    session = CouncilSession.objects.create(
        round=round_,
        held_on=held_on,
        place=place.strip(),
        chair_name=chair_name.strip(),
        secretary_name=secretary_name.strip(),
        created_by=actor,
    )
    attendance = SessionMember.objects.bulk_create(
        SessionMember(session=session, full_name=name, position=position, present=present, order=i)
        for i, (name, position, present) in enumerate(members, start=1)
    )
    trail = AuditTrail(actor=actor, source=APP, reference="session_create")
    trail.created([session, *attendance])
    trail.save()
    for dossier in dossiers:
        dossier_transition(dossier=dossier, action=SEND, actor=actor)
    return session


def session_quorum(*, session: CouncilSession) -> tuple[bool, int, int]:
    """``(met, present, total)``: the quorum is met when the members present are at least the
    council's ``quorum_percent`` of all members (LAW.md §5). One query."""
    present = total = 0
    for is_present in session.members.values_list("present", flat=True):
        total += 1
        present += is_present
    met = total > 0 and present * 100 >= session.round.council.quorum_percent * total
    return met, present, total


def vote_outcome(*, vote: Vote, member_count: int, threshold: int | None) -> bool:
    """Whether ``vote`` approves: its "yes" votes (present and written) are at least
    ``threshold`` percent of ALL ``member_count`` members, or more than half of them when the
    award's rule sets no threshold (LAW.md §1, §5). Pure."""
    return member_count > 0 and vote.total_yes >= needed_yes(
        member_count=member_count, threshold=threshold
    )


def _locked_open(session: CouncilSession) -> CouncilSession:
    locked = (
        CouncilSession.objects.select_for_update()
        .select_related("round__council__unit")
        .get(pk=session.pk)
    )
    if locked.closed_at is not None:
        raise ValidationError(
            _("The session is closed: its results are recorded."), code="session_closed"
        )
    return locked


def _counts(nomination: Nomination, raw: dict) -> dict[str, int]:
    counts = {}
    for key in COUNT_KEYS:
        value = raw.get(key) or 0
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValidationError(
                _("The votes for %(nominee)s must be whole numbers, not negative.")
                % {"nominee": nomination.nominee},
                code="bad_count",
            )
        counts[key] = value
    return counts


@transaction.atomic
def votes_record(
    *, session: CouncilSession, counts: dict[int, dict[str, int]], actor
) -> list[Vote]:
    """Record the ballot counts of ``session``: nomination id → ``{"yes", "no", "abstain",
    "written_yes", "written_no", "written_abstain"}`` (a missing key is 0). Recording again
    replaces a nomination's counts.

    Raises ``PermissionDenied`` unless the actor is the round's secretariat, ``ValidationError``
    when the session is closed, a nomination is not an eligible nomination of the session's
    dossiers, a count is negative, the present votes exceed the members present or the written
    votes the members absent. Returns the saved votes.
    """
    _require_manager(actor, session.round)
    session = _locked_open(session)
    eligible = {n.pk: n for n in session_nominations(session=session) if _is_eligible(n)}
    _met, present, total = session_quorum(session=session)
    saved = []
    for nomination_id, raw in counts.items():
        nomination = eligible.get(nomination_id)
        if nomination is None:
            raise ValidationError(
                _("Only the eligible nominations of the session's dossiers are voted on."),
                code="not_in_session",
            )
        values = _counts(nomination, raw)
        if sum(values[key] for key in PRESENT_KEYS) > present:
            raise ValidationError(
                _("%(nominee)s: more votes than the %(count)d members present.")
                % {"nominee": nomination.nominee, "count": present},
                code="too_many_present",
            )
        if sum(values[key] for key in WRITTEN_KEYS) > total - present:
            raise ValidationError(
                _("%(nominee)s: more written votes than the %(count)d members absent.")
                % {"nominee": nomination.nominee, "count": total - present},
                code="too_many_written",
            )
        vote, _created = Vote.objects.update_or_create(
            nomination=nomination, defaults={"session": session, **values}
        )
        saved.append(vote)
    return saved


def _is_eligible(nomination: Nomination) -> bool:
    return nomination.appraisal == Nomination.Appraisal.ELIGIBLE


@transaction.atomic
def session_close(*, session: CouncilSession, actor) -> CouncilSession:
    """Record the council's results and close ``session``.

    Every nomination of the session's dossiers gets its ``council_result`` (an eligible one
    by ``vote_outcome`` against its award's threshold, an ineligible one "not approved"),
    recorded as a state change of the nomination; each dossier then moves to "decided"
    (workflow ``DECIDE``). Raises ``PermissionDenied`` unless the actor is the round's
    secretariat, ``ValidationError`` when the session is already closed, the quorum is not met
    (with the numbers) or an eligible nomination has no vote (naming it).
    """
    _require_manager(actor, session.round)
    locked = _locked_open(session)
    met, present, total = session_quorum(session=locked)
    if not met:
        raise ValidationError(
            _("No quorum: %(present)d of %(total)d members present, %(percent)d %% needed.")
            % {"present": present, "total": total, "percent": locked.round.council.quorum_percent},
            code="no_quorum",
        )
    nominations = list(session_nominations(session=locked))
    votes = {vote.nomination_id: vote for vote in locked.votes.all()}
    unvoted = [n for n in nominations if _is_eligible(n) and n.pk not in votes]
    if unvoted:
        raise ValidationError(
            _("Record the votes for: %(names)s.")
            % {"names": ", ".join(str(n.nominee) for n in unvoted)},
            code="not_voted",
        )
    thresholds = nomination_thresholds(round_=locked.round, nominations=nominations)
    for nomination in nominations:
        approved = _is_eligible(nomination) and vote_outcome(
            vote=votes[nomination.pk], member_count=total, threshold=thresholds[nomination.pk]
        )
        result = (
            Nomination.CouncilResult.APPROVED if approved else Nomination.CouncilResult.NOT_APPROVED
        )
        previous = nomination.council_result
        nomination.council_result = result
        nomination.save(update_fields=["council_result"])
        state_change_record(
            obj=nomination,
            field="council_result",
            from_state=previous,
            to_state=result,
            actor=actor,
        )
    for dossier in session_dossiers(session=locked):
        dossier_transition(dossier=dossier, action=DECIDE, actor=actor)
    locked.closed_at = timezone.now()
    locked.save(update_fields=["closed_at"])
    session.closed_at = locked.closed_at
    return locked
