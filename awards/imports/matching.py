"""Telling which existing person a row of the file is about.

A person in the file is named by full name, birth year and unit. Names are compared folded
(``common.text.search_key``: no accents, case or repeated spaces); the unit must be the
person's own unit. Against the people of that unit with that folded name:

- the row has a birth year: exactly one person with that year, and none whose year is unknown
  → that person (MATCHED); nobody with that year or an unknown year → a new person (NEW);
  otherwise (two people born that year, or someone whose year is unknown) → AMBIGUOUS;
- the row has no birth year: nobody of that name → NEW; anyone (even a single namesake whose
  birth year is unknown too) → AMBIGUOUS.

People with a different known birth year are different people. Rows naming the same person
(same unit, folded name and birth year, on either sheet) share one ``PersonMatch``, so one new
person is created for them and one choice settles an ambiguity for all of them. The user
decides each ambiguity: one of the candidates, or a new person (``apply_choices``).
"""

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import F

from awards.imports.lookups import chunks
from organizations.models import Person, Unit

MATCHED, NEW, AMBIGUOUS = "matched", "new", "ambiguous"
CREATE_NEW = "new"  # the choice that settles an ambiguity with a new person


@dataclass(frozen=True)
class PersonKey:
    """What identifies a person in the file."""

    unit_id: int
    name_key: str
    birth_year: int | None

    @property
    def token(self) -> str:
        """A short stable name for the person, used in form fields."""
        raw = f"{self.unit_id}|{self.name_key}|{self.birth_year or ''}"
        return hashlib.sha256(raw.encode()).hexdigest()[:16]


@dataclass
class PersonMatch:
    """A person the file names, the rows naming them, and what they were matched to.

    ``state`` is MATCHED, NEW or AMBIGUOUS; ``candidates`` are the existing people an ambiguity
    is between; ``person`` is the existing person used (matched or chosen); ``choice`` is what
    the user picked for an ambiguity ("" when nothing yet, a candidate's pk, or ``CREATE_NEW``).
    """

    key: PersonKey
    full_name: str
    unit: Unit
    gender: str = ""
    position: str = ""
    rows: list[tuple[str, int]] = field(default_factory=list)
    state: str = NEW
    candidates: list[Person] = field(default_factory=list)
    person: Person | None = None
    choice: str = ""

    @property
    def decided(self) -> bool:
        """Whether it is known which person the rows are about."""
        return self.state != AMBIGUOUS or self.person is not None or self.choice == CREATE_NEW

    @property
    def creates(self) -> bool:
        """Whether saving creates a new person for these rows."""
        return self.state == NEW or (self.state == AMBIGUOUS and self.choice == CREATE_NEW)

    @property
    def recipient(self) -> tuple[str, object] | None:
        """("person", pk) or ("new", token) once decided, for spotting duplicates; else None."""
        if self.person is not None:
            return ("person", self.person.pk)
        if self.creates:
            return ("new", self.key.token)
        return None


def match_people(people: Iterable[PersonMatch]) -> None:
    """Fill ``state``, ``candidates`` and ``person`` of each match in place. One query per
    ``CHUNK`` distinct names."""
    people = list(people)
    unit_ids = {match.key.unit_id for match in people}
    names = {match.key.name_key for match in people}
    found: dict[tuple[int, str], list[Person]] = defaultdict(list)
    for batch in chunks(sorted(names)):
        query = (
            Person.objects.filter(unit_id__in=unit_ids, search_name__in=batch)
            .select_related("unit")
            .order_by(F("birth_year").asc(nulls_last=True), "pk")
        )
        for person in query:
            found[(person.unit_id, person.search_name)].append(person)
    for match in people:
        namesakes = found.get((match.key.unit_id, match.key.name_key), [])
        year = match.key.birth_year
        if year is None:
            match.candidates, same = namesakes, []
        else:
            same = [p for p in namesakes if p.birth_year == year]
            unknown = [p for p in namesakes if p.birth_year is None]
            match.candidates = same + unknown
        if not match.candidates:
            match.state = NEW
        elif len(match.candidates) == 1 == len(same):
            match.state, match.person = MATCHED, match.candidates[0]
        else:
            match.state = AMBIGUOUS


def apply_choices(people: Iterable[PersonMatch], choices: Mapping[str, str]) -> None:
    """Settle ambiguities with the user's ``choices`` (token → candidate pk or ``CREATE_NEW``).
    A choice naming someone who is not a candidate (any more) leaves the ambiguity open."""
    for match in people:
        if match.state != AMBIGUOUS:
            continue
        choice = (choices.get(match.key.token) or "").strip()
        by_pk = {str(candidate.pk): candidate for candidate in match.candidates}
        if choice == CREATE_NEW:
            match.choice = choice
        elif choice in by_pk:
            match.choice, match.person = choice, by_pk[choice]
