"""Reading the meaning of each row: a collective's or an individual's line, with its award.

A row with any unreadable cell gives no line, only ``RowError``s (one per cell, in Vietnamese),
read with the shared cell readers, unit finder and person keys (``common.imports``) and the
award-history import's catalog finder (``awards.imports.lookups``).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from awards.eligibility import Finding
from awards.imports.lookups import Award, AwardFinder
from awards.models import EmulationTitle
from common.imports.cells import (
    CellError,
    RowCells,
    RowError,
    optional_year,
    required,
    shown,
    text,
)
from common.imports.layout import header_key
from common.imports.lookups import UnitFinder
from common.imports.people import People, PersonMatch, gender, person_named
from common.imports.preview import PENDING
from common.imports.reading import SheetRow
from organizations.models import Unit
from registrations.imports.layout import HEADERS, KIND_WORDS, MAX_LENGTHS
from registrations.models import RegistrationEntry

Kind = RegistrationEntry.Kind
# A line an earlier row of the file already gives (the other statuses: common.imports.preview).
REPEATED = "repeated"


@dataclass
class ImportLine:
    """A row of the file as a registration line: a collective (``collective``) or an
    individual (``person``, matched or new), the award sought and what it names. ``status`` is
    ``TO_IMPORT``, ``ALREADY_RECORDED`` (the registration has that line), ``REPEATED`` (an
    earlier row of the file has it: ``repeats`` is that row) or ``PENDING`` (who the person is
    is still to choose). ``findings`` are the eligibility findings, for the rows listed."""

    row: int
    kind: str
    award: Award
    collective: Unit | None = None
    person: PersonMatch | None = None
    initiative_name: str = ""
    model_name: str = ""
    status: str = PENDING
    repeats: int | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def is_collective(self) -> bool:
        return self.kind == Kind.COLLECTIVE

    @property
    def award_key(self) -> tuple[str, int]:
        titled = isinstance(self.award, EmulationTitle)
        return ("title", self.award.pk) if titled else ("form", self.award.pk)

    @property
    def identity(self) -> tuple | None:
        """(recipient, award): two lines with the same identity are the same line; None while
        the person is undecided."""
        if self.collective is not None:
            recipient = ("unit", self.collective.pk)
        else:
            recipient = self.person.recipient
        return None if recipient is None else (recipient, self.award_key)


def kind_of(value: object, values: dict[str, object]) -> str:
    """The line's kind from the "Loại" cell; when empty, from which of "Tập thể" and "Họ và
    tên" is filled."""
    if value is None:
        collective = values.get("collective") is not None
        individual = values.get("full_name") is not None
        if collective != individual:
            return Kind.COLLECTIVE if collective else Kind.INDIVIDUAL
        raise CellError(_("Write Tập thể or Cá nhân"))
    try:
        return KIND_WORDS[header_key(text(value))]
    except KeyError:
        raise CellError(
            _("Write Tập thể or Cá nhân, not '%(value)s'") % {"value": shown(value)}
        ) from None


def award_for(awards: AwardFinder, value: object, kind: str) -> Award:
    """The title or form named by ``value`` (name or code), conferrable on ``kind``."""
    award = awards.find(text(required(value)), recipient=kind)
    if kind not in award.recipient_kinds:  # an entry for no one: the finder lets it pass
        message = (
            _("'%(award)s' is not conferred on collectives")
            if kind == Kind.COLLECTIVE
            else _("'%(award)s' is not conferred on individuals")
        )
        raise CellError(message % {"award": award.name_vi})
    return award


def limited(key: str, *, needed: bool = False):
    """A reader of a text cell of at most ``MAX_LENGTHS[key]`` characters."""

    def read(value: object) -> str:
        value = text(required(value) if needed else value)
        if len(value) > MAX_LENGTHS[key]:
            raise CellError(
                _("At most %(count)s characters, not %(length)s")
                % {"count": MAX_LENGTHS[key], "length": len(value)}
            )
        return value

    return read


def registration_line(
    row: SheetRow,
    *,
    errors: list[RowError],
    unit: Unit,
    units: UnitFinder,
    awards: AwardFinder,
    people: People,
) -> ImportLine | None:
    """The line a row gives for a registration of ``unit``, or None (its errors added to
    ``errors``). An individual whose unit is left empty works in ``unit``; rows naming the
    same person share one entry of ``people``."""
    cells = RowCells(row, errors=errors, headers=HEADERS)
    values = row.values
    kind = cells.get("kind", lambda v: kind_of(v, values))
    award = cells.get("award", lambda v: award_for(awards, v, kind)) if kind else None
    initiative_name = cells.get("initiative_name", limited("initiative_name"))
    model_name = cells.get("model_name", limited("model_name"))
    if kind == Kind.COLLECTIVE:
        if values.get("full_name") is not None:
            cells.fail("full_name", _("A collective's row leaves the individual's columns empty"))
        collective = cells.get("collective", lambda v: units.find(text(required(v))))
    elif kind == Kind.INDIVIDUAL:
        if values.get("collective") is not None:
            cells.fail(
                "collective",
                _("An individual's row leaves this column empty: write his unit in “%(column)s”")
                % {"column": HEADERS["unit"]},
            )
        name = cells.get("full_name", limited("full_name", needed=True))
        birth_year = cells.get("birth_year", optional_year)
        person_gender = cells.get("gender", gender)
        position = cells.get("position", limited("position"))
        person_unit = cells.get("unit", lambda v: unit if v is None else units.find(text(v)))
    if cells.failed:
        return None
    line = ImportLine(
        row=row.row,
        kind=kind,
        award=award,
        initiative_name=initiative_name,
        model_name=model_name,
    )
    if kind == Kind.COLLECTIVE:
        line.collective = collective
    else:
        line.person = person_named(
            people,
            row=row,
            unit=person_unit,
            name=name,
            birth_year=birth_year,
            gender=person_gender,
            position=position,
        )
    return line
