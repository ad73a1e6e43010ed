"""Permission predicates of the deadline pages (django-rules).

A responsible unit's obligation belongs to the unit: its officers (or those of a unit above it)
mark it done or reopen it; the secretariat of the deadline's council follows every unit of the
deadline, sets its reminder times and may reopen a unit's marking. The outbox is for
administrators. The services check the same rules again (reminders/services/deadlines.py).
"""

import rules

from organizations.models import Membership
from organizations.rules import is_secretariat_of, is_unit_officer_of
from reminders.models import Deadline, DeadlineUnit
from reminders.services.deadlines import MARKED_BY_UNIT


@rules.predicate
def follows_deadline(user, deadline: Deadline | None) -> bool:
    """The user belongs to the secretariat of the deadline's council."""
    return deadline is not None and is_secretariat_of(user, deadline.council)


@rules.predicate
def acts_for_target(user, target: DeadlineUnit | None) -> bool:
    """The user is an officer of the responsible unit or of a unit above it."""
    return target is not None and is_unit_officer_of(user, target.unit)


@rules.predicate
def may_mark_done(user, target: DeadlineUnit | None) -> bool:
    """The unit marks this kind of obligation done itself, and the user acts for it."""
    return (
        target is not None
        and target.deadline.kind in MARKED_BY_UNIT
        and acts_for_target(user, target)
    )


@rules.predicate
def may_reopen(user, target: DeadlineUnit | None) -> bool:
    """The unit marked it done, and the user acts for the unit or follows the deadline."""
    return (
        target is not None
        and target.done_at is not None
        and (acts_for_target(user, target) or follows_deadline(user, target.deadline))
    )


@rules.predicate
def administers_a_unit(user) -> bool:
    """The user holds an administrator membership somewhere."""
    return (
        user.is_authenticated
        and Membership.objects.filter(user=user, role=Membership.Role.ADMIN).exists()
    )


is_superuser = rules.is_superuser

rules.add_perm("reminders.view_deadline", is_superuser | follows_deadline)
rules.add_perm("reminders.view_outbox", is_superuser | administers_a_unit)
