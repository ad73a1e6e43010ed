"""Reads of the council's work: sessions, their ballots, award decisions and their grants.

Sessions and decisions are seen by the council's secretariat, admins and members
(``councils_overseen_by``); nobody else learns they exist. While a session is open its
dossiers are the round's dossiers at the council (a round has one open session at a time);
once closed, the dossiers whose nominations it voted on.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from awards.models import AwardDecision, AwardGrant
from awards.selectors import rules_in_force
from common.templatetags.people import vietnamese_name
from dossiers.checklist import province_of
from dossiers.models import CouncilSession, Dossier, Nomination, Round, Vote
from dossiers.selectors.core import councils_overseen_by
from organizations.models import Council, Membership

NOMINATION_RELATED = ("person", "collective", "household", "title", "form", "dossier__unit")


def sessions_visible_to(user) -> QuerySet[CouncilSession]:
    """Sessions of the councils the user manages or sits on, with round and council."""
    return CouncilSession.objects.filter(
        round__council__in=councils_overseen_by(user)
    ).select_related("round__council__unit")


def round_sessions(*, round_: Round) -> QuerySet[CouncilSession]:
    """The round's sessions, newest first, each with ``member_count``, ``present_count`` and
    ``vote_count``: one query."""
    return round_.sessions.annotate(
        member_count=Count("members", distinct=True),
        present_count=Count("members", filter=Q(members__present=True), distinct=True),
        vote_count=Count("votes", distinct=True),
    ).order_by("-held_on", "-pk")


def session_dossiers(*, session: CouncilSession) -> QuerySet[Dossier]:
    """The dossiers the session reviews (see the module's docstring), by unit name."""
    if session.closed_at is None:
        dossiers = Dossier.objects.filter(
            round_id=session.round_id, status=Dossier.Status.AT_COUNCIL
        )
    else:
        dossiers = Dossier.objects.filter(
            pk__in=Vote.objects.filter(session=session).values("nomination__dossier")
        )
    return dossiers.select_related("unit").order_by("unit__name", "pk")


def session_nominations(*, session: CouncilSession) -> QuerySet[Nomination]:
    """The nominations of the session's dossiers (only those voted on, once it is closed),
    with nominee, unit and award loaded, by unit then order."""
    if session.closed_at is None:
        nominations = Nomination.objects.filter(dossier__in=session_dossiers(session=session))
    else:
        nominations = Nomination.objects.filter(vote__session=session)
    return nominations.select_related(*NOMINATION_RELATED).order_by(
        "dossier__unit__name", "dossier__pk", "order", "pk"
    )


def nomination_thresholds(*, round_: Round, nominations) -> dict[int, int | None]:
    """Nomination id → the approval threshold (% of all members) of its award in the rules in
    force for the round's year and the council's province; None when the rule sets none
    (then more than half of all members approve, LAW.md §1, §5)."""
    rules = rules_in_force(year=round_.year, province=province_of(round_.council.unit))
    thresholds = {}
    for nomination in nominations:
        rule = rules.get(nomination.award.code)
        thresholds[nomination.pk] = rule.approval_threshold if rule else None
    return thresholds


def needed_yes(*, member_count: int, threshold: int | None) -> int:
    """The fewest "yes" votes that approve: ``threshold`` percent of ALL ``member_count``
    members rounded up, or more than half of them when the threshold is None (LAW.md §1,
    §5). Pure."""
    if threshold is None:
        return member_count // 2 + 1
    return -(-threshold * member_count // 100)


@dataclass(frozen=True)
class Ballot:
    """One line of the session's ballot: a nomination, its vote (None before it is recorded),
    the threshold of its award (None: more than half) and the number of ALL members."""

    nomination: Nomination
    vote: Vote | None
    threshold: int | None
    member_count: int

    @property
    def eligible(self) -> bool:
        return self.nomination.appraisal == Nomination.Appraisal.ELIGIBLE

    @property
    def total_yes(self) -> int:
        return self.vote.total_yes if self.vote else 0

    @property
    def percent(self) -> float:
        """The "yes" votes in percent of all members."""
        return 100 * self.total_yes / self.member_count if self.member_count else 0.0

    @property
    def needed(self) -> int:
        """The fewest "yes" votes that approve."""
        return needed_yes(member_count=self.member_count, threshold=self.threshold)

    @property
    def approved(self) -> bool | None:
        """The outcome of the recorded vote; None while nothing is recorded or not eligible."""
        if self.vote is None or not self.eligible:
            return None
        return self.total_yes >= self.needed


def session_ballots(*, session: CouncilSession, member_count: int) -> list[Ballot]:
    """The session's nominations as ``Ballot`` lines (ineligible ones included, marked); a
    fixed number of queries."""
    nominations = list(session_nominations(session=session))
    votes = {vote.nomination_id: vote for vote in Vote.objects.filter(session=session)}
    thresholds = nomination_thresholds(round_=session.round, nominations=nominations)
    return [Ballot(n, votes.get(n.pk), thresholds[n.pk], member_count) for n in nominations]


def council_people(*, council: Council) -> list[tuple[str, str]]:
    """``(full name, position)`` of the users holding a council-member or secretariat
    membership in the council's unit: the members a new session starts from."""
    roles = (Membership.Role.COUNCIL_MEMBER, Membership.Role.SECRETARIAT)
    memberships = (
        Membership.objects.filter(unit=council.unit, role__in=roles)
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name", "user__username")
    )
    people, seen = [], set()
    for membership in memberships:
        if membership.user_id in seen:
            continue
        seen.add(membership.user_id)
        people.append((vietnamese_name(membership.user), membership.get_role_display()))
    return people


def appraised_dossiers(*, round_: Round) -> QuerySet[Dossier]:
    """The round's appraised dossiers, which a new session may review, by unit name."""
    return (
        round_.dossiers.filter(status=Dossier.Status.APPRAISED)
        .select_related("unit")
        .annotate(nomination_count=Count("nominations"))
        .order_by("unit__name", "pk")
    )


def nominations_to_decide(*, round_: Round) -> QuerySet[Nomination]:
    """The round's approved nominations that no decision grants yet."""
    return (
        Nomination.objects.filter(
            dossier__round=round_,
            council_result=Nomination.CouncilResult.APPROVED,
            grant__isnull=True,
        )
        .select_related(*NOMINATION_RELATED)
        .order_by("dossier__unit__name", "dossier__pk", "order", "pk")
    )


def decisions_visible_to(user) -> QuerySet[AwardDecision]:
    """Award decisions issued by the units of the councils the user manages or sits on."""
    return AwardDecision.objects.filter(
        issuing_unit__council__in=councils_overseen_by(user)
    ).select_related("issuing_unit__council")


def round_decisions(*, round_: Round) -> QuerySet[AwardDecision]:
    """The decisions granting the round's nominations, each with ``grant_count``: one query."""
    return (
        AwardDecision.objects.filter(grants__nomination__dossier__round=round_)
        .annotate(grant_count=Count("grants", distinct=True))
        .order_by("-date", "-pk")
    )


def grants_visible_to(user) -> QuerySet[AwardGrant]:
    """The grants of the decisions the user may see."""
    return AwardGrant.objects.filter(decision__in=decisions_visible_to(user)).select_related(
        "decision__issuing_unit", "person", "unit", "household", "title", "form"
    )


def decision_grants(*, decision: AwardDecision) -> list[AwardGrant]:
    """The decision's grants (revoked ones included) with recipient, unit, award and the
    nomination they came from, by proposing unit then order: one query."""
    return list(
        decision.grants.select_related(
            "person__unit",
            "unit__parent",
            "household__unit",
            "title",
            "form",
            "nomination__dossier__unit",
            "nomination__dossier__round",
        ).order_by("nomination__dossier__unit__name", "nomination__order", "pk")
    )


def decision_sessions(*, decision: AwardDecision) -> list[CouncilSession]:
    """The council sessions that approved the decision's grants, oldest first."""
    return list(
        CouncilSession.objects.filter(votes__nomination__grant__decision=decision)
        .distinct()
        .order_by("held_on", "pk")
    )
