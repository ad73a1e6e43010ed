"""Permission predicates for plans."""

import rules

from organizations.models import Membership
from organizations.rules import has_role_over


@rules.predicate
def manages_plans_of_issuer(user, plan) -> bool:
    """The user is in the secretariat, or an administrator, of the plan's issuing unit."""
    if plan is None:
        return False
    return has_role_over(user, plan.issuing_unit, *Membership.MANAGING_ROLES)


rules.add_perm("plans.change_plan", rules.is_superuser | manages_plans_of_issuer)
