"""Permission predicates for rounds and dossiers, checked on the server for every object.

A dossier belongs to its proposing unit: that unit's officers (or the officers of a unit above
it) make, submit and withdraw it. The round's council secretariat and admins appraise it and
run the council; council members read. Nobody else learns that it exists (views answer 404).
"""

import rules

from dossiers.models import Dossier, Round
from organizations.models import Membership
from organizations.rules import has_role_over, is_unit_officer_of


@rules.predicate
def manages_round(user, round_: Round | None) -> bool:
    """Secretariat or admin of the round's council."""
    return round_ is not None and has_role_over(
        user, round_.council.unit, *Membership.MANAGING_ROLES
    )


@rules.predicate
def oversees_round(user, round_: Round | None) -> bool:
    """Secretariat, admin or member of the round's council."""
    return round_ is not None and has_role_over(
        user, round_.council.unit, *Membership.OVERSEEING_ROLES
    )


@rules.predicate
def is_proposer_of(user, dossier: Dossier | None) -> bool:
    """An officer of the dossier's proposing unit (or of a unit above it)."""
    return dossier is not None and is_unit_officer_of(user, dossier.unit)


@rules.predicate
def reviews_dossier(user, dossier: Dossier | None) -> bool:
    """Secretariat or admin of the council that receives the dossier; a draft is the unit's
    own until it is submitted."""
    return (
        dossier is not None
        and dossier.status != Dossier.Status.DRAFT
        and manages_round(user, dossier.round)
    )


@rules.predicate
def follows_dossier(user, dossier: Dossier | None) -> bool:
    """A member of the receiving council, once the dossier is submitted."""
    return (
        dossier is not None
        and dossier.status != Dossier.Status.DRAFT
        and oversees_round(user, dossier.round)
    )


is_superuser = rules.is_superuser

rules.add_perm("dossiers.view_round", is_superuser | oversees_round)
rules.add_perm("dossiers.manage_round", is_superuser | manages_round)
rules.add_perm("dossiers.view_dossier", is_superuser | is_proposer_of | follows_dossier)
rules.add_perm("dossiers.change_dossier", is_proposer_of)
rules.add_perm("dossiers.review_dossier", is_superuser | reviews_dossier)
