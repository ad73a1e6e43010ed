"""Scoring scale, assessments, closing and the acclamation of a cluster's leading unit."""

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import (
    Acclamation,
    Ballot,
    Cluster,
    ClusterResult,
    Score,
    ScoreSheet,
    ScoringCriterion,
)
from campaigns.scoring import standings
from campaigns.selectors import submitted_sheet_points
from common.audit import APP, AuditTrail
from common.services import state_change_record
from organizations.models import Unit


def _open_cluster(cluster: Cluster) -> Cluster:
    """Lock the cluster row; raise ValidationError when its scoring is closed."""
    locked = Cluster.objects.select_for_update().get(pk=cluster.pk)
    if not locked.scoring_is_open:
        raise ValidationError(_("Scoring is closed: nothing can be changed any more."))
    return locked


@transaction.atomic
def criteria_replace(*, cluster: Cluster, rows: list[dict], actor) -> list[ScoringCriterion]:
    """Replace the scoring scale with ``rows`` (``{"name", "kind", "max_points"}`` in order).

    Only before any sheet is submitted: changing the scale under submitted scores would change
    their meaning. Raises ValidationError otherwise. The old and new criteria are recorded in
    the audit trail.
    """
    cluster = _open_cluster(cluster)
    if cluster.sheets.filter(submitted_at__isnull=False).exists():
        raise ValidationError(
            _("Some members have already submitted scores: the scale can no longer change.")
        )
    trail = AuditTrail(actor=actor, source=APP, reference="criteria_replace")
    trail.deleted_with_cascade(cluster.criteria.all())  # with the draft scores on them
    cluster.criteria.all().delete()
    created = ScoringCriterion.objects.bulk_create(
        ScoringCriterion(cluster=cluster, order=i, **row) for i, row in enumerate(rows, start=1)
    )
    trail.created(created)
    trail.save()
    state_change_record(obj=cluster, field="criteria", to_state=str(len(created)), actor=actor)
    return created


def round_robin_pairs(member_ids: list[int], *, peers: int = 1) -> list[tuple[int, int]]:
    """Cross-assessment pairs ``(assessor_id, assessed_id)``: each member scores the next
    ``peers`` members in the given order, wrapping round, so each is scored ``peers`` times."""
    size = len(member_ids)
    peers = min(peers, size - 1)
    return [
        (member_ids[i], member_ids[(i + step) % size])
        for i in range(size)
        for step in range(1, peers + 1)
    ]


@transaction.atomic
def sheets_assign(*, cluster: Cluster, pairs: Iterable[tuple[int, int]], actor) -> None:
    """Give every member its self-assessment sheet and the cross-assessment ``pairs``
    (assessor unit id, assessed unit id), removing unsubmitted cross sheets no longer assigned
    (recorded in the audit trail with their draft scores).

    Raises ValidationError when a pair names a non-member or a unit scoring itself.
    """
    cluster = _open_cluster(cluster)
    member_ids = set(cluster.members.values_list("pk", flat=True))
    pairs = set(pairs)
    if any(a not in member_ids or b not in member_ids for a, b in pairs):
        raise ValidationError(_("Only members of the cluster can score each other."))
    if any(a == b for a, b in pairs):
        raise ValidationError(_("A cross-assessment needs two different units."))
    wanted = pairs | {(m, m) for m in member_ids}
    existing = set(cluster.sheets.values_list("assessor_id", "assessed_id"))
    stale = {pair for pair in existing - wanted if pair[0] != pair[1]}
    removed = [
        sheet
        for sheet in cluster.sheets.filter(submitted_at__isnull=True)
        if (sheet.assessor_id, sheet.assessed_id) in stale
    ]
    trail = AuditTrail(actor=actor, source=APP, reference="sheets_assign")
    trail.deleted_with_cascade(removed)  # with their draft scores
    ScoreSheet.objects.filter(pk__in=[sheet.pk for sheet in removed]).delete()
    trail.save()
    ScoreSheet.objects.bulk_create(
        ScoreSheet(cluster=cluster, assessor_id=a, assessed_id=b) for a, b in wanted - existing
    )
    state_change_record(obj=cluster, field="assignments", to_state=str(len(pairs)), actor=actor)


@transaction.atomic
def sheet_save(
    *, sheet: ScoreSheet, scores: Mapping[int, tuple[Decimal, str]], actor, submit: bool
) -> ScoreSheet:
    """Save the points (and evidence) per criterion id of a sheet; ``submit`` makes it count.

    Every criterion of the cluster must be given when submitting; points lie between 0 and the
    criterion's maximum. A submitted sheet is final. Raises ValidationError. The scores
    replaced and given are recorded in the audit trail.
    """
    _open_cluster(sheet.cluster)
    sheet = ScoreSheet.objects.select_for_update().get(pk=sheet.pk)
    if sheet.submitted_at is not None:
        raise ValidationError(_("This score sheet has been submitted and can no longer change."))
    criteria = {c.pk: c for c in sheet.cluster.criteria.all()}
    problems = []
    for criterion_id, (points, _evidence) in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            problems.append(_("A score is for a criterion this cluster does not have."))
        elif not Decimal(0) <= points <= criterion.max_points:
            problems.append(
                _("“%(criterion)s”: give between 0 and %(max)s points.")
                % {"criterion": criterion.name, "max": criterion.max_points}
            )
    if submit and not criteria:
        problems.append(_("The cluster has no scoring scale yet."))
    if submit and set(criteria) - set(scores):
        problems.append(_("Score every criterion before submitting."))
    if problems:
        raise ValidationError(problems)
    trail = AuditTrail(actor=actor, source=APP, reference="sheet_save")
    trail.deleted(sheet.scores.all())
    sheet.scores.all().delete()
    trail.created(
        Score.objects.bulk_create(
            Score(sheet=sheet, criterion_id=cid, points=points, evidence=evidence)
            for cid, (points, evidence) in scores.items()
        )
    )
    trail.save()
    if submit:
        sheet.submitted_at, sheet.submitted_by = timezone.now(), actor
        sheet.save(update_fields=["submitted_at", "submitted_by"])
        state_change_record(obj=sheet, field="status", to_state="submitted", actor=actor)
    return sheet


@transaction.atomic
def scoring_close(*, cluster: Cluster, actor) -> list[ClusterResult]:
    """Close scoring: freeze each member's final score and rank (``campaigns.scoring``).

    Raises ValidationError when a member has not been scored at all (no submitted sheet about
    it) or the cluster has no scale. Afterwards sheets, scale, members and documents are
    read-only.
    """
    cluster = _open_cluster(cluster)
    members = list(cluster.members.order_by("name"))
    if not cluster.criteria.exists():
        raise ValidationError(_("The cluster has no scoring scale yet."))
    rows = standings(
        member_ids=[m.pk for m in members],
        sheets=submitted_sheet_points(cluster=cluster),
        threshold=cluster.difference_threshold,
    )
    unscored = [m.name for m in members if m.pk in {r.unit_id for r in rows if r.total is None}]
    if unscored:
        raise ValidationError(_("Not scored yet: %(units)s.") % {"units": ", ".join(unscored)})
    results = ClusterResult.objects.bulk_create(
        ClusterResult(
            cluster=cluster,
            unit_id=row.unit_id,
            self_total=row.self_total,
            cross_total=row.cross_total,
            total=row.total,
            rank=row.rank,
        )
        for row in rows
    )
    cluster.scoring_status = Cluster.ScoringStatus.CLOSED
    cluster.scoring_closed_at = timezone.now()
    cluster.save(update_fields=["scoring_status", "scoring_closed_at"])
    state_change_record(
        obj=cluster,
        field="scoring_status",
        from_state=Cluster.ScoringStatus.OPEN,
        to_state=Cluster.ScoringStatus.CLOSED,
        actor=actor,
    )
    return results


def tally(ballots: Mapping[int, int]) -> list[tuple[int, int]]:
    """Votes per candidate unit id, most first: ``[(unit_id, votes), …]``."""
    return Counter(ballots.values()).most_common()


@transaction.atomic
def acclamation_record(
    *,
    cluster: Cluster,
    held_on: datetime.date,
    present: Iterable[Unit],
    ballots: Mapping[int, int],
    actor,
    minutes: str = "",
) -> Acclamation:
    """Record the vote on the leading unit: attendance, one ballot (voter id → chosen unit id)
    per member present, and the winner.

    Rules (local, configurable per cluster; LAW.md §5): scoring must be closed; at least
    ``quorum_percent`` of the members present; every member present votes once, for a member;
    the winner alone has the most votes and more than ``majority_percent`` of the ballots. A
    tie or no majority raises ValidationError with the count, for the members to vote again.
    Recorded once; the winner is proposed for the provincial emulation flag (Law on Emulation and
    Commendation 2022, Art. 26). The vote and its ballots are recorded in the audit trail.
    """
    cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
    if cluster.scoring_is_open:
        raise ValidationError(_("Close scoring before the vote on the leading unit."))
    if Acclamation.objects.filter(cluster=cluster).exists():
        raise ValidationError(_("The vote of this cluster has already been recorded."))
    members = {u.pk: u for u in cluster.members.all()}
    present_ids = {u.pk for u in present}
    problems = []
    if not present_ids <= set(members):
        problems.append(_("Only members of the cluster can attend the vote."))
    needed = -(-len(members) * cluster.quorum_percent // 100)
    if len(present_ids) < needed:
        problems.append(
            _("Quorum not reached: %(present)s of %(members)s members present, %(needed)s needed.")
            % {"present": len(present_ids), "members": len(members), "needed": needed}
        )
    if set(ballots) != present_ids:
        problems.append(_("Every member present casts exactly one ballot, and only they do."))
    if any(choice not in members for choice in ballots.values()):
        problems.append(_("Votes can only go to members of the cluster."))
    if not ballots:
        problems.append(_("No ballot has been cast."))
    if problems:
        raise ValidationError(problems)
    counts = tally(ballots)
    top_unit, top_votes = counts[0]
    tied = len(counts) > 1 and counts[1][1] == top_votes
    if tied or top_votes * 100 <= len(ballots) * cluster.majority_percent:
        summary = "; ".join(f"{members[unit_id]}: {votes}" for unit_id, votes in counts)
        raise ValidationError(
            _("No unit has more than %(percent)s%% of the votes (%(summary)s): vote again.")
            % {"percent": cluster.majority_percent, "summary": summary}
        )
    acclamation = Acclamation.objects.create(
        cluster=cluster,
        held_on=held_on,
        winner=members[top_unit],
        minutes=minutes,
        recorded_by=actor,
    )
    acclamation.present.set(present_ids)
    cast = Ballot.objects.bulk_create(
        Ballot(acclamation=acclamation, voter_id=voter, choice_id=choice)
        for voter, choice in ballots.items()
    )
    trail = AuditTrail(actor=actor, source=APP, reference="acclamation_record")
    trail.created([acclamation, *cast])
    trail.save()
    state_change_record(
        obj=cluster,
        field="acclamation",
        to_state=members[top_unit].name[:64],
        actor=actor,
        reason=minutes,
    )
    return acclamation
