"""Permission predicates for campaigns and clusters, checked on the server for every object.

A cluster leader is an officer of the cluster's leader unit (a direct membership): he leads that
cluster only, and loses the role when the leadership rotates. The council's secretariat and
admins set clusters and campaigns up; council members and the member in charge may read.
"""

import rules

from campaigns.models import Campaign, Cluster, ScoreSheet
from organizations.models import Membership
from organizations.rules import has_role_over
from organizations.selectors import officer_unit_ids


@rules.predicate
def manages_council_of(user, obj: Campaign | Cluster | None) -> bool:
    """Secretariat or admin of the council the campaign or cluster belongs to."""
    return obj is not None and has_role_over(user, obj.council.unit, *Membership.MANAGING_ROLES)


@rules.predicate
def oversees_council_of(user, obj: Campaign | Cluster | None) -> bool:
    """Secretariat, admin or council member of the object's council."""
    return obj is not None and has_role_over(user, obj.council.unit, *Membership.OVERSEEING_ROLES)


@rules.predicate
def is_cluster_leader(user, cluster: Cluster | None) -> bool:
    """An officer of the cluster's leader unit."""
    return cluster is not None and cluster.leader_id in officer_unit_ids(user)


@rules.predicate
def is_cluster_member(user, cluster: Cluster | None) -> bool:
    """An officer of one of the cluster's member units."""
    ids = officer_unit_ids(user)
    return cluster is not None and bool(ids) and cluster.members.filter(pk__in=ids).exists()


@rules.predicate
def is_in_charge_of(user, cluster: Cluster | None) -> bool:
    """The council member assigned to follow the cluster."""
    return cluster is not None and cluster.in_charge_id == user.pk


@rules.predicate
def is_assessor_of(user, sheet: ScoreSheet | None) -> bool:
    """An officer of the unit that fills the score sheet."""
    return sheet is not None and sheet.assessor_id in officer_unit_ids(user)


@rules.predicate
def takes_part_in(user, campaign: Campaign | None) -> bool:
    """An officer of a participating, leading or requesting unit of the campaign."""
    ids = officer_unit_ids(user)
    if campaign is None or not ids:
        return False
    return bool(
        {campaign.lead_unit_id, campaign.requested_by_id} & ids
        or campaign.participants.filter(pk__in=ids).exists()
    )


@rules.predicate
def leads_or_requested(user, campaign: Campaign | None) -> bool:
    """An officer of the campaign's lead unit or of the unit that asked for it."""
    ids = officer_unit_ids(user)
    return campaign is not None and bool({campaign.lead_unit_id, campaign.requested_by_id} & ids)


@rules.predicate
def is_own_proposal(user, campaign: Campaign | None) -> bool:
    """A proposal still waiting for the council, of a unit the user is officer of."""
    return (
        campaign is not None
        and campaign.status == Campaign.Status.PROPOSED
        and campaign.requested_by_id in officer_unit_ids(user)
    )


is_superuser = rules.is_superuser

rules.add_perm(
    "campaigns.view_cluster",
    is_superuser | oversees_council_of | is_cluster_leader | is_cluster_member | is_in_charge_of,
)
rules.add_perm("campaigns.change_cluster", is_superuser | manages_council_of)
rules.add_perm("campaigns.lead_cluster", is_superuser | is_cluster_leader)
rules.add_perm("campaigns.fill_sheet", is_superuser | is_assessor_of)
rules.add_perm("campaigns.view_campaign", is_superuser | oversees_council_of | takes_part_in)
rules.add_perm("campaigns.change_campaign", is_superuser | manages_council_of | is_own_proposal)
rules.add_perm("campaigns.launch_campaign", is_superuser | manages_council_of)
rules.add_perm(
    "campaigns.add_campaign_document", is_superuser | manages_council_of | leads_or_requested
)
