"""Campaigns and clusters created from what the plan importer found, once the user confirms."""

import re
from dataclasses import dataclass

from django.db import transaction

from campaigns.models import Campaign, Cluster
from campaigns.services.campaigns import campaign_create
from campaigns.services.clusters import cluster_create
from common.text import names_unit, search_key
from organizations.models import Unit
from organizations.selectors import unit_subtree
from plans.models import Plan

# "- *Phòng Nội vụ thị xã*: Phong trào thi đua “Người tốt, việc tốt” …": the unit before the
# colon is the campaign's standing body (son-tay-2020 §6.1).
_LEAD_LINE = re.compile(r"^[-+•\s]*\*?(?P<unit>[^:*]{5,120}?)\*?\s*:\s*(?P<rest>.+)$")
_CLUSTER_NUMBER = re.compile(r"(?P<kind>cụm|khối)\D*?(?P<number>\d+)", re.IGNORECASE)


@dataclass(frozen=True)
class CampaignMention:
    """A campaign name found in a plan, the unit the plan puts in charge of it (if it names one
    we know) and the campaign already created from it (if any)."""

    name: str
    lead_unit: Unit | None
    existing: Campaign | None


def _lead_units(plan: Plan) -> dict[str, Unit]:
    """Folded campaign-line text → the unit named at its start, for units under the issuer."""
    below = list(unit_subtree(unit=plan.issuing_unit).exclude(pk=plan.issuing_unit_id))
    found = {}
    for line in plan.source_text.splitlines():
        match = _LEAD_LINE.match(line.strip())
        if not match:
            continue
        head = search_key(match["unit"])
        unit = next((u for u in below if names_unit(u.search_name, head)), None)
        if unit is not None:
            found[search_key(match["rest"])] = unit
    return found


def campaign_mentions(*, plan: Plan) -> list[CampaignMention]:
    """The campaigns the importer found in ``plan``, in order, with a lead unit guessed from a
    line "<unit>: … “<campaign>” …" of the plan and the council's campaign of that name and
    year, if already made."""
    council = getattr(plan.issuing_unit, "council", None)
    existing = {
        c.name: c
        for c in Campaign.objects.filter(
            council=council, year=plan.year, name__in=plan.campaign_names
        )
    }
    leads = _lead_units(plan)
    mentions = []
    for name in plan.campaign_names:
        folded = search_key(name)
        lead = next((unit for text, unit in leads.items() if folded in text), None)
        mentions.append(CampaignMention(name=name, lead_unit=lead, existing=existing.get(name)))
    return mentions


@transaction.atomic
def campaigns_create_from_plan(*, plan: Plan, names: list[str], actor) -> list[Campaign]:
    """Create a draft campaign of the plan's council for each confirmed ``names`` not created
    yet: thematic when the plan gives it a standing body, regular otherwise. Raises
    ``Council.DoesNotExist`` when the issuing unit has no council."""
    council = plan.issuing_unit.council
    wanted = set(names)
    created = []
    for mention in campaign_mentions(plan=plan):
        if mention.name not in wanted or mention.existing is not None:
            continue
        created.append(
            campaign_create(
                council=council,
                actor=actor,
                name=mention.name,
                kind=Campaign.Kind.THEMATIC if mention.lead_unit else Campaign.Kind.REGULAR,
                year=plan.year,
                plan=plan,
                lead_unit=mention.lead_unit,
            )
        )
    return created


def cluster_numbers(names: list[str]) -> list[tuple[str, int, str]]:
    """``(kind, number, name)`` for each "Cụm thi đua số N" / "Khối thi đua số N" name."""
    found = []
    for name in names:
        match = _CLUSTER_NUMBER.search(name)
        if match:
            kind = Cluster.Kind.BLOC if match["kind"].lower() == "khối" else Cluster.Kind.CLUSTER
            found.append((kind, int(match["number"]), name))
    return found


@transaction.atomic
def clusters_create_from_plan(*, plan: Plan, actor) -> list[Cluster]:
    """Create, for the plan's year, each numbered cluster or bloc the plan names that the
    council does not have yet (members, leader and deputy are set afterwards)."""
    council = plan.issuing_unit.council
    taken = set(
        Cluster.objects.filter(council=council, year=plan.year).values_list("kind", "number")
    )
    return [
        cluster_create(
            council=council,
            actor=actor,
            year=plan.year,
            kind=kind,
            number=number,
            name=name,
            plan=plan,
        )
        for kind, number, name in cluster_numbers(plan.cluster_names)
        if (kind, number) not in taken
    ]
