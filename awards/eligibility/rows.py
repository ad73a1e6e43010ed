"""The light rows a ``History`` holds: who is nominated and what is on record for them."""

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from awards.models import Household, RecipientKind
from organizations.models import Person, Unit

Nominee = Person | Unit | Household
# (recipient kind, primary key): ("individual", 12), ("collective", 3), ("household", 7).
Key = tuple[str, int]


class GrantRow(NamedTuple):
    """One award on record (``code`` of its title or form)."""

    pk: int
    code: str
    year: int
    achievement: str
    revoked: bool
    decision: str


class HoldRow(NamedTuple):
    """A disciplinary measure, investigation or complaint (``ends_on`` empty: still running)."""

    kind: str
    level: str
    starts_on: datetime.date
    ends_on: datetime.date | None


class InitiativeRow(NamedTuple):
    """An initiative the person (co-)authored; ``used`` when it already supports a grant that
    was not revoked (LAW.md §3: one initiative supports one title only)."""

    pk: int
    title: str
    level: str
    year: int
    used: bool


class MemberRow(NamedTuple):
    """A person recorded in a collective (``Person.unit``)."""

    pk: int
    name: str


@dataclass(frozen=True)
class Subject:
    """A nominee reduced to what the engine needs.

    ``unit_id`` locates the nominee (its province gives the rules); ``scope_id`` is the unit
    whose numbers a cap counts: a person's own unit, a collective's parent unit, a household's
    residential unit.
    """

    kind: str
    pk: int
    name: str
    unit_id: int
    scope_id: int | None

    @property
    def key(self) -> Key:
        return (self.kind, self.pk)


def subject_of(nominee: Nominee) -> Subject:
    """The ``Subject`` for a Person, a Unit (collective) or a Household; no query."""
    if isinstance(nominee, Person):
        kind = RecipientKind.INDIVIDUAL.value
        return Subject(kind, nominee.pk, nominee.full_name, nominee.unit_id, nominee.unit_id)
    if isinstance(nominee, Unit):
        kind = RecipientKind.COLLECTIVE.value
        return Subject(kind, nominee.pk, nominee.name, nominee.pk, nominee.parent_id)
    if isinstance(nominee, Household):
        kind = RecipientKind.HOUSEHOLD.value
        return Subject(kind, nominee.pk, nominee.name, nominee.unit_id, nominee.unit_id)
    raise TypeError(f"Cannot nominate a {type(nominee).__name__}")
