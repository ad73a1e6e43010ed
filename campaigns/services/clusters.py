"""Create and edit clusters, store their documents and record the election of their leaders."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.models import Cluster, ClusterDocument, ScoringCriterion
from common.audit import APP, AuditTrail, record_save, snapshot
from common.services import state_change_record
from organizations.models import Unit


def _check_leaders(cluster: Cluster, member_ids: set[int]) -> None:
    problems = []
    if cluster.leader_id and cluster.leader_id not in member_ids:
        problems.append(_("The leader unit must be a member of the cluster."))
    if cluster.deputy_id and cluster.deputy_id not in member_ids:
        problems.append(_("The deputy unit must be a member of the cluster."))
    if cluster.leader_id and cluster.leader_id == cluster.deputy_id:
        problems.append(_("The leader and the deputy must be different units."))
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def cluster_create(*, council, actor, members: Iterable[Unit] = (), **fields) -> Cluster:
    """Create a cluster or bloc of ``council`` with ``fields`` (fields of the model).

    Raises ValidationError when the number is taken for the year or the leader or deputy is not
    a member.
    """
    members = list(members)
    cluster = Cluster(council=council, **fields)
    cluster.full_clean(exclude=["members"])
    _check_leaders(cluster, {u.pk for u in members})
    cluster.save()
    cluster.members.set(members)
    state_change_record(
        obj=cluster, field="leader", to_state=str(cluster.leader or ""), actor=actor
    )
    return cluster


@transaction.atomic
def cluster_update(
    *, cluster: Cluster, actor, members: Iterable[Unit] | None = None, **fields
) -> Cluster:
    """Change a cluster's settings and members while its scoring is open.

    A change of leader or deputy is recorded as a state change, every changed field in the
    audit trail. Raises ValidationError after scoring is closed.
    """
    cluster = Cluster.objects.select_for_update().get(pk=cluster.pk)
    if not cluster.scoring_is_open:
        raise ValidationError(_("Scoring is closed: the cluster can no longer be changed."))
    before = _leaders(cluster)
    values_before = snapshot(cluster)
    for name, value in fields.items():
        setattr(cluster, name, value)
    cluster.full_clean(exclude=["members"])
    member_ids = (
        {u.pk for u in members}
        if members is not None
        else set(cluster.members.values_list("pk", flat=True))
    )
    _check_leaders(cluster, member_ids)
    cluster.save()
    record_save(cluster, actor=actor, reference="cluster_update", before=values_before)
    if members is not None:
        cluster.members.set(members)
    _record_leaders(cluster, before, actor=actor)
    return cluster


@transaction.atomic
def cluster_document_add(*, cluster: Cluster, kind: str, uploaded_file, actor) -> ClusterDocument:
    """Store a checked upload as the newest version of the cluster's document ``kind``.

    Earlier versions stay. Raises ValidationError once scoring is closed (the year's file is
    then read-only).
    """
    if not Cluster.objects.select_for_update().get(pk=cluster.pk).scoring_is_open:
        raise ValidationError(_("The cluster's year is closed: documents can no longer change."))
    document = ClusterDocument(cluster=cluster, kind=kind)
    document.attach(uploaded_file, user=actor)
    document.save()
    state_change_record(
        obj=cluster, field=f"document:{kind}", to_state=document.original_name, actor=actor
    )
    return document


@transaction.atomic
def cluster_election_record(
    *,
    cluster: Cluster,
    leader: Unit,
    deputy: Unit | None,
    held_on: datetime.date,
    actor,
    note: str = "",
) -> Cluster:
    """Record the leader and deputy elected at ``cluster``'s annual review for the next year.

    Returns the next year's cluster (same council, kind and number), created with this year's
    name, settings, members and scoring scale when it does not exist yet. Raises
    ValidationError when the units are not members or are the same unit. Leaders rotate and are
    elected at the annual review (LAW.md §5).
    """
    next_year = Cluster.objects.filter(
        council=cluster.council, kind=cluster.kind, number=cluster.number, year=cluster.year + 1
    ).first()
    if next_year is None:
        next_year = _copy_for_next_year(cluster, actor=actor)
    before = _leaders(next_year)
    next_year.leader, next_year.deputy, next_year.elected_on = leader, deputy, held_on
    _check_leaders(next_year, set(next_year.members.values_list("pk", flat=True)))
    next_year.save(update_fields=["leader", "deputy", "elected_on"])
    # An election is recorded even when it re-elects the same units.
    _record_leaders(next_year, before, actor=actor, reason=note, unchanged_too=True)
    return next_year


def _leaders(cluster: Cluster) -> tuple[str, str]:
    """The names of the cluster's leader and deputy units ("" when not set)."""
    return (str(cluster.leader or ""), str(cluster.deputy or ""))


def _record_leaders(
    cluster: Cluster, before: tuple[str, str], *, actor, reason: str = "", unchanged_too=False
) -> None:
    """Record the change of leader and of deputy from ``before`` (``_leaders`` earlier); a
    role that did not change is recorded only with ``unchanged_too``."""
    for field, old, new in zip(("leader", "deputy"), before, _leaders(cluster), strict=True):
        if unchanged_too or old != new:
            state_change_record(
                obj=cluster, field=field, from_state=old, to_state=new, actor=actor, reason=reason
            )


def _copy_for_next_year(cluster: Cluster, *, actor) -> Cluster:
    """Next year's cluster with this year's settings, members and scale (audited)."""
    copy = Cluster.objects.create(
        council=cluster.council,
        year=cluster.year + 1,
        kind=cluster.kind,
        number=cluster.number,
        name=cluster.name,
        scope=cluster.scope,
        in_charge=cluster.in_charge,
        difference_threshold=cluster.difference_threshold,
        quorum_percent=cluster.quorum_percent,
        majority_percent=cluster.majority_percent,
    )
    copy.members.set(cluster.members.all())
    criteria = ScoringCriterion.objects.bulk_create(
        ScoringCriterion(
            cluster=copy, order=c.order, name=c.name, kind=c.kind, max_points=c.max_points
        )
        for c in cluster.criteria.all()
    )
    trail = AuditTrail(actor=actor, source=APP, reference="cluster_election_record")
    trail.created([copy, *criteria])
    trail.save()
    return copy
