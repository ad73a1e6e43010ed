"""Permission predicates (django-rules), checked on the server for every object.

Predicates are small and named for what they test; permissions compose them. Views use
``user.has_perm("organizations.view_unit", unit)`` or start from a ``*_visible_to`` selector.
"""

import rules

from organizations.models import Council, Membership, Unit
from organizations.selectors import membership_unit_ids, units_visible_to


@rules.predicate
def can_see_unit(user, unit: Unit | None) -> bool:
    """The unit is in the subtree of one of the user's memberships."""
    if unit is None:
        return False
    return units_visible_to(user).filter(pk=unit.pk).exists()


def has_role_over(user, unit: Unit, *roles: str) -> bool:
    """The user holds one of ``roles`` in ``unit`` or in a unit above it.

    Walks up the (shallow) tree from ``unit``: the user's memberships are read once per
    request (``membership_unit_ids``), then one query per level whose parent is not loaded yet.
    """
    if not user.is_authenticated:
        return False
    root_ids = membership_unit_ids(user, *roles)
    current: Unit | None = unit
    while current is not None:
        if current.pk in root_ids:
            return True
        current = current.parent
    return False


@rules.predicate
def is_unit_officer_of(user, unit: Unit | None) -> bool:
    """The user is a unit officer of the unit or of a unit above it."""
    return unit is not None and has_role_over(user, unit, Membership.Role.UNIT_OFFICER)


@rules.predicate
def is_secretariat_of(user, council: Council | None) -> bool:
    """The user belongs to the secretariat of the council (a secretariat membership in its unit
    or above)."""
    return council is not None and has_role_over(user, council.unit, Membership.Role.SECRETARIAT)


@rules.predicate
def is_council_member_of(user, council: Council | None) -> bool:
    """The user is a member of the council."""
    return council is not None and has_role_over(user, council.unit, Membership.Role.COUNCIL_MEMBER)


@rules.predicate
def is_admin_of(user, unit: Unit | None) -> bool:
    """The user administers the unit (an admin membership in it or above)."""
    return unit is not None and has_role_over(user, unit, Membership.Role.ADMIN)


is_superuser = rules.is_superuser

rules.add_perm("organizations.view_unit", is_superuser | can_see_unit)
rules.add_perm("organizations.change_unit", is_superuser | is_admin_of)
rules.add_perm(
    "organizations.view_council", is_superuser | is_secretariat_of | is_council_member_of
)
