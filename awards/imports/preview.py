"""What saving a file would do, row by row: the preview the user checks before saving.

``history_preview_build`` runs a fixed number of queries whatever the number of rows (one more
per 900 distinct names, dates or people past the first 900): the units named, the catalog,
the namesakes, the decisions of the dates named and their grants, the ratings of the people
matched. The same function runs again on confirmation, on the stored file, so what is saved
is checked against the database as it is then.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from awards.imports.layout import GRANT_SHEET, HEADERS, RATING_SHEET
from awards.imports.lines import (
    CONFLICT,
    DecisionKey,
    GrantLine,
    RatingLine,
    grant_line,
    rating_line,
)
from awards.imports.lookups import award_finder, units_for_import
from awards.imports.reading import WorkbookRows
from awards.models import AnnualRating, AwardDecision, AwardGrant, EmulationTitle
from common.imports.cells import RowError
from common.imports.lookups import cell_values, chunks, unit_finder
from common.imports.people import People, PersonMatch, people_match
from common.imports.preview import ALREADY_RECORDED, PENDING, TO_IMPORT, ImportPreview


@dataclass(kw_only=True)
class HistoryPreview(ImportPreview):
    """The lines read from a file, the people they name, the errors found, and the existing
    decisions (by ``DecisionKey.folded``) that lines will be added to."""

    grants: list[GrantLine] = field(default_factory=list)
    ratings: list[RatingLine] = field(default_factory=list)
    decisions: dict[tuple, AwardDecision] = field(default_factory=dict)

    def count(self, lines: list, status: str) -> int:
        return sum(1 for line in lines if line.status == status)

    @property
    def grants_to_import(self) -> int:
        return self.count(self.grants, TO_IMPORT)

    @property
    def ratings_to_import(self) -> int:
        return self.count(self.ratings, TO_IMPORT)

    @property
    def already_recorded(self) -> int:
        return self.count(self.grants, ALREADY_RECORDED) + self.count(
            self.ratings, ALREADY_RECORDED
        )


def history_preview_build(
    *, rows: WorkbookRows, user, choices: Mapping[str, str] | None = None
) -> HistoryPreview:
    """Read ``rows`` for ``user`` (units outside ``units_for_import(user)`` are row errors),
    match people, settle ambiguities with ``choices`` (``PersonKey.token`` → a candidate's pk or
    "new") and mark each line to import, already recorded, or pending a choice."""
    units = unit_finder(
        values=cell_values(rows, ("unit", "collective")), allowed=units_for_import(user)
    )
    awards = award_finder() if rows.grants else None
    people: People = {}
    preview = HistoryPreview()
    for row in rows.grants:
        line = grant_line(row, errors=preview.errors, units=units, awards=awards, people=people)
        if line is not None:
            preview.grants.append(line)
    for row in rows.ratings:
        line = rating_line(row, errors=preview.errors, units=units, people=people)
        if line is not None:
            preview.ratings.append(line)
    preview.people = people_match(people, choices)
    preview.decisions = _mark_grants(preview.grants)
    _mark_ratings(preview.ratings, preview.errors, preview.people)
    order = {GRANT_SHEET: 0, RATING_SHEET: 1}
    preview.errors.sort(key=lambda error: (order[error.sheet], error.row))
    return preview


def _mark_grants(grants: list[GrantLine]) -> dict[tuple, AwardDecision]:
    """Mark each grant line; a grant already in the database or earlier in the file (same
    decision, recipient, award and year) is ALREADY_RECORDED. Returns the existing decisions
    of the dates the file names, by folded key."""
    decisions: dict[tuple, AwardDecision] = {}
    for batch in chunks(sorted({line.decision.date for line in grants})):
        for decision in AwardDecision.objects.filter(date__in=batch).order_by("pk"):
            key = (decision.number, decision.date, decision.authority)
            decisions.setdefault(_fold(*key), decision)
    folded_by_pk = {decision.pk: key for key, decision in decisions.items()}
    seen = set()
    for batch in chunks(sorted(folded_by_pk)):
        existing = AwardGrant.objects.filter(decision_id__in=batch).values_list(
            "decision_id", "person_id", "unit_id", "household_id", "title_id", "form_id", "year"
        )
        for decision_id, person_id, unit_id, household_id, title_id, form_id, year in existing:
            recipient = (
                ("person", person_id)
                if person_id
                else ("unit", unit_id)
                if unit_id
                else ("household", household_id)
            )
            award = ("title", title_id) if title_id else ("form", form_id)
            seen.add((folded_by_pk[decision_id], recipient, award, year))
    for line in grants:
        recipient = line.recipient
        if recipient is None:
            line.status = PENDING
            continue
        titled = isinstance(line.award, EmulationTitle)
        award = ("title", line.award.pk) if titled else ("form", line.award.pk)
        identity = (line.decision.folded, recipient, award, line.year)
        line.status = ALREADY_RECORDED if identity in seen else TO_IMPORT
        seen.add(identity)
    return decisions


def _fold(number: str, date, authority: str) -> tuple:
    return DecisionKey(number=number, date=date, authority=authority).folded


def _mark_ratings(
    ratings: list[RatingLine], errors: list[RowError], people: list[PersonMatch]
) -> None:
    """Mark each rating line. The same rating already recorded (or earlier in the file) is
    ALREADY_RECORDED; a different one is an error: a rating is never overwritten."""
    if not ratings:
        return
    person_ids = sorted({candidate.pk for match in people for candidate in match.candidates})
    years = sorted({line.year for line in ratings})
    known: dict[tuple, str] = {}
    for batch in chunks(person_ids):
        existing = AnnualRating.objects.filter(person_id__in=batch, year__in=years)
        for person_id, year, rating in existing.values_list("person_id", "year", "rating"):
            known[(("person", person_id), year)] = rating
    in_file: set[tuple] = set()
    for line in ratings:
        recipient = line.person.recipient
        if recipient is None:
            line.status = PENDING
            continue
        key = (recipient, line.year)
        current = known.get(key)
        if current is None:
            line.status = TO_IMPORT
            known[key] = line.rating
            in_file.add(key)
        elif current == line.rating:
            line.status = ALREADY_RECORDED
        else:
            line.status = CONFLICT
            labels = {"current": AnnualRating.Rating(current).label, "year": line.year}
            message = (
                _("The file rates this person twice for %(year)s, differently")
                if key in in_file
                else _("Already rated '%(current)s' for %(year)s: a rating is not overwritten")
            )
            column = HEADERS[RATING_SHEET]["rating"]
            errors.append(RowError(RATING_SHEET, line.row, column, message % labels))
