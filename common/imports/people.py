"""The people a file names: which existing person a row is about, and creating the new ones.

A person in the file is named by full name, birth year and unit. Names are compared folded
(``common.text.search_key``: no accents, case or repeated spaces); the unit must be the
person's own unit. Against the people of that unit with that folded name:

- the row has a birth year: exactly one person with that year, and none whose year is unknown
  → that person (MATCHED); nobody with that year or an unknown year → a new person (NEW);
  otherwise (two people born that year, or someone whose year is unknown) → AMBIGUOUS;
- the row has no birth year: nobody of that name → NEW; anyone (even a single namesake whose
  birth year is unknown too) → AMBIGUOUS.

People with a different known birth year are different people. Rows naming the same person
(same unit, folded name and birth year, on any sheet) share one ``PersonMatch``
(``person_named``), so one new person is created for them and one choice settles an ambiguity
for all of them. The user decides each ambiguity: one of the candidates, or a new person
(``people_match`` with the posted ``forms.person_choices``). On save, ``people_create`` creates
the new people and ``person_for`` gives each line its person.
"""

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import F
from django.utils.translation import gettext as _

from common.imports.cells import CellError, shown, text
from common.imports.layout import fold, header_key, word_lookup
from common.imports.lookups import BATCH, chunks
from common.imports.reading import SheetRow
from common.text import search_key
from organizations.models import Person, Unit

MATCHED, NEW, AMBIGUOUS = "matched", "new", "ambiguous"
CREATE_NEW = "new"  # the choice that settles an ambiguity with a new person
GENDERS = {"Nam": Person.Gender.MALE, "Nữ": Person.Gender.FEMALE}  # the cell words
_GENDERS = word_lookup(GENDERS)


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
    """A person the file names, the rows naming them (sheet, Excel row), and what they were
    matched to.

    ``state`` is MATCHED, NEW or AMBIGUOUS; ``candidates`` are the existing people an ambiguity
    is between; ``person`` is the existing person used (matched or chosen); ``choice`` is what
    the user picked for an ambiguity ("" when nothing yet, a candidate's pk, or ``CREATE_NEW``).
    ``gender`` and ``position`` are what the first rows giving them say, for a new person.
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


People = dict[PersonKey, PersonMatch]


def gender(value: object) -> str:
    """A cell reader (``cells.RowCells.get``): "Nam" or "Nữ" → ``Person.Gender``, "" when
    empty; raises ``CellError``."""
    if value is None:
        return ""
    try:
        return _GENDERS[header_key(text(value))]
    except KeyError:
        raise CellError(_("Write Nam or Nữ, not '%(value)s'") % {"value": shown(value)}) from None


def person_named(
    people: People,
    *,
    row: SheetRow,
    unit: Unit,
    name: str,
    birth_year: int | None,
    gender: str = "",
    position: str = "",
) -> PersonMatch:
    """The match of the person ``row`` names (``name``, ``birth_year``, in ``unit``), added to
    ``people`` on first sight; the row is noted on it, and its ``gender`` and ``position``
    when no earlier row gave them."""
    key = PersonKey(unit_id=unit.pk, name_key=fold(name), birth_year=birth_year)
    match = people.setdefault(key, PersonMatch(key=key, full_name=name, unit=unit))
    match.rows.append((row.sheet, row.row))
    match.gender = match.gender or gender
    match.position = match.position or position
    return match


def people_match(people: People, choices: Mapping[str, str] | None = None) -> list[PersonMatch]:
    """The matches of ``people``, matched (``match_people``) and their ambiguities settled with
    the user's ``choices`` (``apply_choices``). One query per ``CHUNK`` distinct names."""
    matches = list(people.values())
    match_people(matches)
    apply_choices(matches, choices or {})
    return matches


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


def people_create(people: Iterable[PersonMatch]) -> dict[str, Person]:
    """Create the people of the matches that create one (``PersonMatch.creates``), in bulk
    (``search_name`` set here since a bulk insert bypasses ``save``): one query per ``BATCH``.
    Returns them by ``PersonKey.token``, for ``person_for``."""
    new = {
        match.key.token: Person(
            full_name=match.full_name,
            search_name=search_key(match.full_name),
            birth_year=match.key.birth_year,
            gender=match.gender,
            position=match.position,
            unit=match.unit,
        )
        for match in people
        if match.creates
    }
    Person.objects.bulk_create(new.values(), batch_size=BATCH)
    return new


def person_for(match: PersonMatch, created: Mapping[str, Person]) -> Person:
    """The person a decided match is about: the existing one, or the one ``people_create``
    made."""
    return match.person if match.person is not None else created[match.key.token]
