"""Reads of units, people and memberships, always scoped to what a user may see.

Every page that shows units or people starts from ``units_visible_to(user)`` or
``people_visible_to(user)``, so an object outside the user's scope is simply not found (404).
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, QuerySet
from django.db.models.expressions import RawSQL

from organizations.models import Council, Membership, Person, Unit

_UNIT_TABLE = Unit._meta.db_table
_MEMBERSHIP_TABLE = Membership._meta.db_table

# Recursive walk down the unit tree from the seed ids; works on PostgreSQL and SQLite.
_SUBTREE_SQL = f"""
WITH RECURSIVE subtree(id) AS (
    {{seed}}
    UNION
    SELECT child.id FROM {_UNIT_TABLE} child JOIN subtree ON child.parent_id = subtree.id
)
SELECT id FROM subtree
"""  # noqa: S608 - table names come from model metadata, values are bound parameters


def _subtree_ids(seed_sql: str, params: tuple) -> RawSQL:
    # Only our own constant SQL is formatted in; every value is a bound parameter.
    return RawSQL(_SUBTREE_SQL.format(seed=seed_sql), params)  # noqa: S611


def unit_subtree(*, unit: Unit) -> QuerySet[Unit]:
    """The unit and every unit below it, at any depth, as one query."""
    seed = f"SELECT id FROM {_UNIT_TABLE} WHERE id = %s"  # noqa: S608
    return Unit.objects.filter(pk__in=_subtree_ids(seed, (unit.pk,)))


def units_visible_to(
    user: AbstractBaseUser | AnonymousUser,
    *,
    roles: tuple[str, ...] | None = None,
    superuser_sees_all: bool = True,
) -> QuerySet[Unit]:
    """Units the user may see: the subtree of every unit he holds a membership in; with
    ``roles``, only of the memberships in those roles (e.g. ``Membership.MANAGING_ROLES``).

    A superuser sees every unit, unless ``superuser_sees_all`` is false (then only his
    memberships count, as for anyone); an anonymous or inactive user sees none. The result is
    a lazy queryset that the caller can filter further; its SQL contains one recursive
    subquery.
    """
    if not user.is_authenticated or not user.is_active:
        return Unit.objects.none()
    if user.is_superuser and superuser_sees_all:
        return Unit.objects.all()
    seed = f"SELECT unit_id FROM {_MEMBERSHIP_TABLE} WHERE user_id = %s"  # noqa: S608
    params: tuple = (user.pk,)
    if roles is not None:
        seed += f" AND role IN ({', '.join(['%s'] * len(roles))})" if roles else " AND 1 = 0"
        params += tuple(roles)
    return Unit.objects.filter(pk__in=_subtree_ids(seed, params))


def people_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Person]:
    """People whose unit the user may see."""
    return Person.objects.filter(unit__in=units_visible_to(user))


def membership_unit_ids(user: AbstractBaseUser | AnonymousUser, *roles: str) -> set[int]:
    """Ids of the units in which the user holds a membership in one of ``roles`` (the units
    themselves, not those below them). The user's memberships are read once per user object,
    that is once per request, like Django's own permission cache: a membership added or
    removed shows in the next request."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_membership_unit_ids", None)
    if cached is None:
        cached = {}
        for role, unit_id in Membership.objects.filter(user=user).values_list("role", "unit_id"):
            cached.setdefault(role, set()).add(unit_id)
        user._membership_unit_ids = cached
    return set().union(*(cached.get(role, set()) for role in roles))


def officer_unit_ids(user: AbstractBaseUser | AnonymousUser) -> set[int]:
    """Ids of the units in which the user holds a unit-officer membership (the unit itself, not
    those below it); ``membership_unit_ids``."""
    return membership_unit_ids(user, Membership.Role.UNIT_OFFICER)


def memberships_of(*, user: AbstractBaseUser) -> QuerySet[Membership]:
    """The user's memberships with their unit, parent unit and council loaded."""
    return Membership.objects.filter(user=user).select_related(
        "unit", "unit__parent", "unit__council"
    )


@dataclass(frozen=True)
class KindCount:
    """How many units of one kind: ``kind`` is the stored value, ``label`` its translated name."""

    kind: str
    label: str
    count: int


def unit_kind_counts(*, units: QuerySet[Unit]) -> list[KindCount]:
    """How many of ``units`` there are of each kind, in the order of ``Unit.Kind``; one query."""
    rows = dict(units.order_by().values_list("kind").annotate(n=Count("pk")))
    return [
        KindCount(kind=kind.value, label=kind.label, count=rows[kind.value])
        for kind in Unit.Kind
        if kind.value in rows
    ]


def unit_ancestors(*, unit: Unit) -> list[Unit]:
    """The chain of parents from the root down to (not including) ``unit``.

    Depth is small (province → district → commune → group), so this walks up one query per level.
    """
    chain: list[Unit] = []
    current = unit.parent
    while current is not None:
        chain.append(current)
        current = current.parent
    return list(reversed(chain))


@dataclass(frozen=True)
class MembershipSummary:
    """One of the user's roles on the dashboard: the membership, the council of its unit (or
    None), and how many units of each kind lie below the unit."""

    membership: Membership
    council: Council | None
    units_below: list[KindCount]

    @property
    def total_below(self) -> int:
        """All units below the membership's unit."""
        return sum(row.count for row in self.units_below)


def dashboard_for(*, user: AbstractBaseUser) -> list[MembershipSummary]:
    """The user's roles with the units under each: one query, plus one per membership."""
    summaries = []
    for membership in memberships_of(user=user):
        below = unit_subtree(unit=membership.unit).exclude(pk=membership.unit_id)
        summaries.append(
            MembershipSummary(
                membership=membership,
                council=getattr(membership.unit, "council", None),
                units_below=unit_kind_counts(units=below),
            )
        )
    return summaries


_ANCESTORS_SQL = f"""
WITH RECURSIVE chain(id, parent_id) AS (
    SELECT id, parent_id FROM {_UNIT_TABLE} WHERE id IN ({{seed}})
    UNION
    SELECT parent.id, parent.parent_id FROM {_UNIT_TABLE} parent JOIN chain
        ON parent.id = chain.parent_id
)
SELECT id FROM chain
"""  # noqa: S608 - table names come from model metadata, values are bound parameters


def units_above_memberships(
    user: AbstractBaseUser | AnonymousUser, *, roles: tuple[str, ...] | None = None
) -> QuerySet[Unit]:
    """The user's membership units and every unit above them (their parents up to the root);
    with ``roles``, only of the memberships in those roles.

    Plans issued by these units ask things of the user's units, so the user may read them; the
    councils of these units receive his units' dossiers.
    """
    if not user.is_authenticated or not user.is_active:
        return Unit.objects.none()
    seed = f"SELECT unit_id FROM {_MEMBERSHIP_TABLE} WHERE user_id = %s"  # noqa: S608
    params: tuple = (user.pk,)
    if roles is not None:
        seed += f" AND role IN ({', '.join(['%s'] * len(roles))})" if roles else " AND 1 = 0"
        params += tuple(roles)
    sql = _ANCESTORS_SQL.format(seed=seed)
    return Unit.objects.filter(pk__in=RawSQL(sql, params))  # noqa: S611 - constant SQL


def officers_acting_for(unit_ids) -> dict[int, list]:
    """The users told about each unit: its unit officers, or, for a unit with none, those of
    its nearest unit above that has some (they act for it: ``is_unit_officer_of``). Active
    users only; one query per tree level climbed."""
    user_model = get_user_model()
    remaining = {unit_id: unit_id for unit_id in unit_ids}  # unit → unit asked now
    found: dict[int, list] = {}
    while remaining:
        memberships = Membership.objects.filter(
            unit_id__in=set(remaining.values()),
            role=Membership.Role.UNIT_OFFICER,
            user__is_active=True,
        ).values_list("unit_id", "user_id")
        officers: dict[int, list[int]] = {}
        for unit_id, user_id in memberships:
            officers.setdefault(unit_id, []).append(user_id)
        users = user_model.objects.in_bulk({u for ids in officers.values() for u in ids})
        for unit_id, asked in list(remaining.items()):
            if asked in officers:
                found[unit_id] = [users[u] for u in officers[asked]]
                del remaining[unit_id]
        parents = dict(
            Unit.objects.filter(pk__in=set(remaining.values())).values_list("pk", "parent_id")
        )
        remaining = {u: parents[a] for u, a in remaining.items() if parents.get(a)}
    return {unit_id: found.get(unit_id, []) for unit_id in unit_ids}
