"""Reads for the list of award grants (awards/views/grants.py) and its export
(awards/exporters.py): which grants a user may see, and what a row of the list shows.

A grant is seen by:
- a superuser: every grant;
- anyone with a membership (unit officer, secretariat, council member, admin): the grants whose
  recipient — the person's unit, the collective itself, the household's unit — lies in the
  subtree of one of his units (``units_visible_to``);
- the secretariat or admin of a council, in addition: the grants of the decisions issued by a
  unit of that subtree, wherever the recipient is (a district's decision awarding a teacher of
  a school under the province's department).
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from awards.models import AwardGrant
from organizations.models import Membership, Unit
from organizations.selectors import units_visible_to

# The order of the list and of its export: newest year first, then by decision, then as
# entered; ``pk`` last makes it total, so pages never repeat or skip a row.
GRANT_ORDER = ("-year", "decision__date", "decision__number", "pk")

# What a row of the list shows, loaded with the grant (no query per row).
GRANT_RELATED = ("person__unit", "unit__parent", "household__unit", "title", "form", "decision")


def grants_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[AwardGrant]:
    """The grants the user may see (module docstring), unordered and without related rows;
    the SQL holds one recursive subquery per scope, however many units the user sees."""
    if not user.is_authenticated or not user.is_active:
        return AwardGrant.objects.none()
    if user.is_superuser:
        return AwardGrant.objects.all()
    units = units_visible_to(user)
    managed = units_visible_to(user, roles=Membership.MANAGING_ROLES)
    return AwardGrant.objects.filter(recipients_in(units) | Q(decision__issuing_unit__in=managed))


def recipients_in(units: QuerySet[Unit]) -> Q:
    """Grants whose recipient belongs to one of ``units``: a person of it, the collective
    itself, a household of it."""
    return Q(person__unit__in=units) | Q(unit__in=units) | Q(household__unit__in=units)


def recipient_kind(grant: AwardGrant) -> str:
    """ "individual", "collective" or "household" (``RecipientKind`` values)."""
    if grant.person_id:
        return "individual"
    return "collective" if grant.unit_id else "household"


def recipient_unit(grant: AwardGrant) -> Unit | None:
    """The unit the recipient belongs to: a person's or a household's unit, the unit above a
    collective (None for a collective at the top of the tree). Loaded with ``GRANT_RELATED``."""
    if grant.person_id:
        return grant.person.unit
    if grant.unit_id:
        return grant.unit.parent
    return grant.household.unit
