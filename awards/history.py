"""Reads for the award lookup page: finding a person or a unit among what a user may see, and
the award history of one, by year.

Everything starts from ``people_visible_to`` / ``units_visible_to``: a person or unit outside
the user's scope is never returned. Revoked grants are part of the history, marked (Law Art. 93).
"""

from dataclasses import dataclass, field
from functools import cached_property

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from awards.models import AnnualRating, AwardGrant, DisciplinaryRecord, Initiative
from common.text import search_key
from organizations.models import Person, Unit
from organizations.selectors import people_visible_to, units_visible_to

MAX_RESULTS = 50


def lookup_people(
    *, user: AbstractBaseUser | AnonymousUser, name: str, birth_year: int | None = None
) -> QuerySet[Person]:
    """People the user may see whose name contains ``name``, accents ignored ("nguyen van hung"
    finds "Nguyễn Văn Hùng"), born in ``birth_year`` when given; with their unit, by name.
    Callers slice to ``MAX_RESULTS``."""
    people = people_visible_to(user).filter(search_name__contains=search_key(name))
    if birth_year is not None:
        people = people.filter(birth_year=birth_year)
    return people.select_related("unit").order_by("full_name", "pk")


def lookup_units(*, user: AbstractBaseUser | AnonymousUser, name: str) -> QuerySet[Unit]:
    """Units the user may see whose name contains ``name``, accents ignored; with their parent."""
    units = units_visible_to(user).filter(search_name__contains=search_key(name))
    return units.select_related("parent").order_by("name", "pk")


@dataclass
class HistoryYear:
    """What happened in one year: grants (revoked ones included), the rating, initiatives
    recognised that year, and holds starting that year."""

    year: int
    grants: list[AwardGrant] = field(default_factory=list)
    ratings: list[AnnualRating] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    holds: list[DisciplinaryRecord] = field(default_factory=list)


@dataclass
class AwardHistory:
    """A person's or a unit's award history: flat lists (newest first) and the same rows
    grouped by year in ``years`` (newest year first)."""

    subject: Person | Unit
    grants: list[AwardGrant]
    ratings: list[AnnualRating]
    initiatives: list[Initiative]
    holds: list[DisciplinaryRecord]

    @cached_property
    def years(self) -> list[HistoryYear]:
        by_year: dict[int, HistoryYear] = {}

        def bucket(year: int) -> HistoryYear:
            return by_year.setdefault(year, HistoryYear(year=year))

        for grant in self.grants:
            bucket(grant.year).grants.append(grant)
        for rating in self.ratings:
            bucket(rating.year).ratings.append(rating)
        for initiative in self.initiatives:
            bucket(initiative.year).initiatives.append(initiative)
        for hold in self.holds:
            bucket(hold.starts_on.year).holds.append(hold)
        return [by_year[year] for year in sorted(by_year, reverse=True)]


def _grants(**recipient) -> list[AwardGrant]:
    return list(
        AwardGrant.objects.filter(**recipient)
        .select_related("decision", "title", "form")
        .order_by("-year", "decision__date", "pk")
    )


def _initiatives(queryset: QuerySet[Initiative]) -> list[Initiative]:
    return list(
        queryset.select_related("used_for__title", "used_for__form", "used_for__decision").order_by(
            "-year", "title", "pk"
        )
    )


def person_history(*, person: Person) -> AwardHistory:
    """The person's grants, ratings, initiatives (with the grant each was used for) and
    disciplinary records. Four queries, whatever the history's size."""
    return AwardHistory(
        subject=person,
        grants=_grants(person=person),
        ratings=list(AnnualRating.objects.filter(person=person).order_by("-year")),
        initiatives=_initiatives(Initiative.objects.filter(authors=person)),
        holds=list(DisciplinaryRecord.objects.filter(person=person).order_by("-starts_on", "pk")),
    )


def unit_history(*, unit: Unit) -> AwardHistory:
    """The unit's grants as a collective, its ratings and the initiatives recognised in it.
    Three queries, whatever the history's size."""
    return AwardHistory(
        subject=unit,
        grants=_grants(unit=unit),
        ratings=list(AnnualRating.objects.filter(unit=unit).order_by("-year")),
        initiatives=_initiatives(Initiative.objects.filter(unit=unit)),
        holds=[],
    )
