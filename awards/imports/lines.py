"""Reading the meaning of each row: an award grant or a rating, with its person, unit, award
and decision. A row with any unreadable cell gives no line, only ``RowError``s (one per cell)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from awards.imports import cleaning
from awards.imports.cleaning import CellError, RowError, required, text
from awards.imports.layout import COLUMNS, fold
from awards.imports.lookups import Award, AwardFinder, UnitFinder
from awards.imports.matching import PersonKey, PersonMatch
from awards.imports.reading import SheetRow
from awards.models import AnnualRating, RecipientKind
from organizations.models import Unit

# What saving does with a line: import it, skip it (already recorded: "đã có"), wait for the
# user to say who the person is, or refuse (a rating different from the one recorded).
TO_IMPORT, ALREADY_RECORDED = "to_import", "already_recorded"
PENDING, CONFLICT = "pending", "conflict"


@dataclass(frozen=True)
class DecisionKey:
    """A decision as the file writes it; two rows name the same decision when their ``folded``
    number, date and authority agree."""

    number: str
    date: datetime.date
    authority: str

    @property
    def folded(self) -> tuple[str, datetime.date, str]:
        return (fold(self.number).replace(" ", ""), self.date, fold(self.authority))


@dataclass
class GrantLine:
    """A row of the award sheet: to a person (``person``) or a collective (``collective``)."""

    row: int
    award: Award
    year: int
    decision: DecisionKey
    achievement: str
    person: PersonMatch | None = None
    collective: Unit | None = None
    status: str = PENDING

    @property
    def recipient(self) -> tuple[str, object] | None:
        if self.collective is not None:
            return ("unit", self.collective.pk)
        return self.person.recipient


@dataclass
class RatingLine:
    """A row of the rating sheet."""

    row: int
    person: PersonMatch
    year: int
    rating: str
    status: str = PENDING

    @property
    def rating_label(self) -> str:
        return AnnualRating.Rating(self.rating).label


People = dict[PersonKey, PersonMatch]


class _Cells:
    """Reads the cells of one row, collecting an error per unreadable cell."""

    def __init__(self, row: SheetRow, errors: list[RowError]):
        self.row, self.errors, self.failed = row, errors, False
        self.headers = {c.key: c.header.split(" (")[0] for c in COLUMNS[row.sheet]}

    def get(self, key: str, parse: Callable[[object], object]) -> object:
        try:
            return parse(self.row.values.get(key))
        except CellError as error:
            self.fail(key, str(error))
            return None

    def fail(self, key: str, message: str) -> None:
        self.failed = True
        self.errors.append(RowError(self.row.sheet, self.row.row, self.headers[key], message))


def _person(cells: _Cells, people: People, unit: Unit, name: str, birth_year) -> PersonMatch:
    key = PersonKey(unit_id=unit.pk, name_key=fold(name), birth_year=birth_year)
    match = people.setdefault(key, PersonMatch(key=key, full_name=name, unit=unit))
    match.rows.append((cells.row.sheet, cells.row.row))
    return match


def grant_line(
    row: SheetRow, *, errors: list[RowError], units: UnitFinder, awards: AwardFinder, people: People
) -> GrantLine | None:
    """The grant a row of the award sheet records, or None (its errors added to ``errors``)."""
    cells = _Cells(row, errors)
    name = text(row.values.get("full_name"))
    collective_name = text(row.values.get("collective"))
    if name and collective_name:
        cells.fail("collective", _("Write either an individual or a collective on a row, not both"))
    elif not name and not collective_name:
        cells.fail("full_name", _("Write the individual's full name or the collective awarded"))
    kind = RecipientKind.COLLECTIVE if collective_name and not name else RecipientKind.INDIVIDUAL
    award = cells.get("award", lambda v: awards.find(text(required(v)), recipient=kind))
    year = cells.get("year", lambda v: cleaning.year(required(v)))
    number = cells.get("decision_number", lambda v: text(required(v)))
    date = cells.get("decision_date", lambda v: cleaning.day(required(v)))
    authority = cells.get("authority", lambda v: text(required(v)))
    achievement = cells.get("achievement", cleaning.achievement)
    if kind == RecipientKind.COLLECTIVE:
        collective = cells.get("collective", lambda v: units.find(text(v)))
    else:
        birth_year = cells.get("birth_year", cleaning.optional_year)
        gender = cells.get("gender", cleaning.gender)
        unit = cells.get("unit", lambda v: units.find(text(required(v))))
    if cells.failed:
        return None
    line = GrantLine(
        row=row.row,
        award=award,
        year=year,
        decision=DecisionKey(number=number, date=date, authority=authority),
        achievement=achievement,
    )
    if kind == RecipientKind.COLLECTIVE:
        line.collective = collective
    else:
        line.person = _person(cells, people, unit, name, birth_year)
        line.person.gender = line.person.gender or gender
        line.person.position = line.person.position or text(row.values.get("position"))
    return line


def rating_line(
    row: SheetRow, *, errors: list[RowError], units: UnitFinder, people: People
) -> RatingLine | None:
    """The rating a row of the rating sheet records, or None (its errors added to ``errors``)."""
    cells = _Cells(row, errors)
    name = cells.get("full_name", lambda v: text(required(v)))
    birth_year = cells.get("birth_year", cleaning.optional_year)
    unit = cells.get("unit", lambda v: units.find(text(required(v))))
    year = cells.get("year", lambda v: cleaning.year(required(v)))
    rating = cells.get("rating", cleaning.rating)
    if cells.failed:
        return None
    person = _person(cells, people, unit, name, birth_year)
    return RatingLine(row=row.row, person=person, year=year, rating=rating)
