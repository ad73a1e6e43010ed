"""What importing a file into a registration would do, row by row: the preview the officer
checks before saving.

``registration_preview_build`` runs a fixed number of queries whatever the number of rows (one
more per 900 distinct unit names or person names past the first 900): the units named and which
of them lie in the registration's unit, the catalog, the namesakes of the people named, the
registration's lines, and the eligibility of the rows listed (``entry_checks``). The same
function runs again on confirmation, on the stored rows, so what is saved is checked against
the database as it is then.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from awards.eligibility import Severity
from awards.imports.lookups import award_finder
from common.imports.lookups import UnitFinder, cell_values, unit_finder
from common.imports.people import People, people_match
from common.imports.preview import ALREADY_RECORDED, PENDING, TO_IMPORT, ImportPreview
from common.imports.reading import SheetRow
from organizations.models import Person
from organizations.selectors import unit_subtree
from registrations.imports.lines import REPEATED, ImportLine, registration_line
from registrations.lines import Line, entry_checks, missing_detail
from registrations.models import Registration, RegistrationEntry

# Lines whose eligibility the preview shows (the page lists these first rows).
ROWS_CHECKED = 200
# What the officer can still fill in on the form after the import: a warning here, not an error.
LATER_DETAILS = frozenset({"initiative_name_missing", "model_name_missing"})


@dataclass(kw_only=True)
class RegistrationPreview(ImportPreview):
    """The lines read from a file for ``registration``, the people they name, the row errors,
    how many lines the registration has (``existing``) and where they end (``last_order``)."""

    registration: Registration
    lines: list[ImportLine] = field(default_factory=list)
    existing: int = 0
    last_order: int = 0

    @property
    def to_import(self) -> list[ImportLine]:
        return [line for line in self.lines if line.status == TO_IMPORT]

    @property
    def skipped(self) -> list[ImportLine]:
        """Rows that repeat a line of the registration or an earlier row of the file."""
        return [line for line in self.lines if line.status in (ALREADY_RECORDED, REPEATED)]

    @property
    def collectives(self) -> int:
        return sum(1 for line in self.to_import if line.is_collective)

    @property
    def individuals(self) -> int:
        return sum(1 for line in self.to_import if not line.is_collective)


def registration_preview_build(
    *,
    registration: Registration,
    rows: list[SheetRow],
    user,
    choices: Mapping[str, str] | None = None,
    checked: int = ROWS_CHECKED,
) -> RegistrationPreview:
    """Read ``rows`` for ``registration`` (its unit loaded): collectives and people's units
    outside the registration's unit are row errors; match people in their units, settle
    ambiguities with ``choices`` (``PersonKey.token`` → a candidate's pk or "new"), mark each
    line to import, already in the registration, repeated in the file or pending a choice,
    and fill the findings of the first ``checked`` lines. ``user`` is the importer, whose
    right to change the registration the caller checks: the units a file may name depend only
    on the registration."""
    unit = registration.unit
    units = registration_unit_finder(
        values=cell_values(rows, ("unit", "collective")), registration=registration
    )
    awards = award_finder()
    people: People = {}
    preview = RegistrationPreview(registration=registration)
    for row in rows:
        line = registration_line(
            row, errors=preview.errors, unit=unit, units=units, awards=awards, people=people
        )
        if line is not None:
            preview.lines.append(line)
    preview.people = people_match(people, choices)
    existing, preview.last_order = existing_lines(registration)
    preview.existing = len(existing)
    lines_mark(preview.lines, existing)
    lines_check(preview.lines[:checked], year=registration.window.campaign.year)
    preview.errors.sort(key=lambda error: error.row)
    return preview


def registration_unit_finder(*, values: set[str], registration: Registration) -> UnitFinder:
    """The units ``values`` name (``common.imports.lookups.unit_finder``), of which only the
    registration's unit and the units below it that still exist are allowed: one query per 900
    values and one per 900 units found."""
    unit = registration.unit

    def refusal(value: str) -> str:
        return _("'%(value)s' is neither %(unit)s nor a unit below it") % {
            "value": value,
            "unit": unit.name,
        }

    allowed = unit_subtree(unit=unit).filter(dissolved_on__isnull=True)
    return unit_finder(values=values, allowed=allowed, refusal=refusal)


def existing_lines(registration: Registration) -> tuple[set[tuple], int]:
    """The identities (``ImportLine.identity``) of the registration's lines and its highest
    line order: one query."""
    identities, last = set(), 0
    rows = RegistrationEntry.objects.filter(registration=registration).values_list(
        "collective_id", "person_id", "title_id", "form_id", "order"
    )
    for collective_id, person_id, title_id, form_id, order in rows:
        recipient = ("unit", collective_id) if collective_id else ("person", person_id)
        award = ("title", title_id) if title_id else ("form", form_id)
        identities.add((recipient, award))
        last = max(last, order)
    return identities, last


def lines_mark(lines: list[ImportLine], existing: set[tuple]) -> None:
    """Mark each line: a line the registration has is ALREADY_RECORDED, one an earlier row of
    the file has is REPEATED; an undecided person's line is PENDING. No query."""
    first_row: dict[tuple, int] = {}
    for line in lines:
        identity = line.identity
        line.repeats = None
        if identity is None:
            line.status = PENDING
        elif identity in existing:
            line.status = ALREADY_RECORDED
        elif identity in first_row:
            line.status, line.repeats = REPEATED, first_row[identity]
        else:
            line.status = TO_IMPORT
            first_row[identity] = line.row


def lines_check(lines: list[ImportLine], *, year: int) -> None:
    """Fill the findings of ``lines`` (``registrations.lines.entry_checks`` for collectives and
    people on record, in a fixed number of queries; only what the award asks to name for a new
    person, who has no history yet). A missing initiative or model name is a warning here:
    the officer can fill it in on the form."""
    checked: list[tuple[ImportLine, Line]] = []
    for line in lines:
        if line.status != TO_IMPORT:
            continue
        nominee = line.collective or line.person.person
        checked.append((line, _line(line, nominee)))
    entry_checks(lines=[check for _, check in checked if check.nominee.pk], year=year)
    for line, check in checked:
        if check.nominee.pk is None:
            missing = missing_detail(check)
            check.findings = [missing] if missing else []
        line.findings = [
            replace(finding, severity=Severity.WARNING)
            if finding.code in LATER_DETAILS
            else finding
            for finding in check.findings
        ]


def _line(line: ImportLine, nominee) -> Line:
    if nominee is None:  # a new person: named for the messages, never saved here
        match = line.person
        nominee = Person(full_name=match.full_name, unit=match.unit)
    return Line(
        nominee=nominee,
        award=line.award,
        initiative_name=line.initiative_name,
        model_name=line.model_name,
    )
