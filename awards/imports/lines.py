"""Reading the meaning of each row: an award grant or a rating, with its person, unit, award
and decision. A row with any unreadable cell gives no line, only ``RowError``s (one per cell)."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from awards.imports import cleaning
from awards.imports.layout import GRANT_SHEET, HEADERS, RATING_SHEET
from awards.imports.lookups import Award, AwardFinder
from awards.models import AnnualRating, RecipientKind
from common.imports.cells import RowCells, RowError, optional_year, required, text, year
from common.imports.layout import fold
from common.imports.lookups import UnitFinder
from common.imports.people import People, PersonMatch, gender, person_named
from common.imports.preview import PENDING
from common.imports.reading import SheetRow
from organizations.models import Unit

# What saving does with a line: import it (``TO_IMPORT``), skip it (``ALREADY_RECORDED``), wait
# for the user to say who the person is (``PENDING``), all three from common.imports.preview, or
# refuse it: a rating different from the one recorded.
CONFLICT = "conflict"


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


def grant_line(
    row: SheetRow, *, errors: list[RowError], units: UnitFinder, awards: AwardFinder, people: People
) -> GrantLine | None:
    """The grant a row of the award sheet records, or None (its errors added to ``errors``)."""
    cells = RowCells(row, errors=errors, headers=HEADERS[GRANT_SHEET])
    name = text(row.values.get("full_name"))
    collective_name = text(row.values.get("collective"))
    if name and collective_name:
        cells.fail("collective", _("Write either an individual or a collective on a row, not both"))
    elif not name and not collective_name:
        cells.fail("full_name", _("Write the individual's full name or the collective awarded"))
    kind = RecipientKind.COLLECTIVE if collective_name and not name else RecipientKind.INDIVIDUAL
    award = cells.get("award", lambda v: awards.find(text(required(v)), recipient=kind))
    grant_year = cells.get("year", lambda v: year(required(v)))
    number = cells.get("decision_number", lambda v: text(required(v)))
    date = cells.get("decision_date", lambda v: cleaning.day(required(v)))
    authority = cells.get("authority", lambda v: text(required(v)))
    achievement = cells.get("achievement", cleaning.achievement)
    if kind == RecipientKind.COLLECTIVE:
        collective = cells.get("collective", lambda v: units.find(text(v)))
    else:
        birth_year = cells.get("birth_year", optional_year)
        person_gender = cells.get("gender", gender)
        unit = cells.get("unit", lambda v: units.find(text(required(v))))
    if cells.failed:
        return None
    line = GrantLine(
        row=row.row,
        award=award,
        year=grant_year,
        decision=DecisionKey(number=number, date=date, authority=authority),
        achievement=achievement,
    )
    if kind == RecipientKind.COLLECTIVE:
        line.collective = collective
    else:
        line.person = person_named(
            people,
            row=row,
            unit=unit,
            name=name,
            birth_year=birth_year,
            gender=person_gender,
            position=text(row.values.get("position")),
        )
    return line


def rating_line(
    row: SheetRow, *, errors: list[RowError], units: UnitFinder, people: People
) -> RatingLine | None:
    """The rating a row of the rating sheet records, or None (its errors added to ``errors``)."""
    cells = RowCells(row, errors=errors, headers=HEADERS[RATING_SHEET])
    name = cells.get("full_name", lambda v: text(required(v)))
    birth_year = cells.get("birth_year", optional_year)
    unit = cells.get("unit", lambda v: units.find(text(required(v))))
    rating_year = cells.get("year", lambda v: year(required(v)))
    rating = cells.get("rating", cleaning.rating)
    if cells.failed:
        return None
    person = person_named(people, row=row, unit=unit, name=name, birth_year=birth_year)
    return RatingLine(row=row.row, person=person, year=rating_year, rating=rating)
