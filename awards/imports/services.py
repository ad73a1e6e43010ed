"""Saving a checked import: all of it or nothing."""

from dataclasses import asdict, dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from awards.imports.lines import TO_IMPORT
from awards.imports.preview import HistoryPreview
from awards.models import AnnualRating, AwardDecision, AwardGrant, EmulationTitle
from common.services import state_change_record
from common.text import search_key
from organizations.models import Person

BATCH = 1000


class HistoryImportNotSaved(Exception):
    """Nothing was saved; the message says why, for the user."""


@dataclass(frozen=True)
class HistoryImportSummary:
    """What an import saved: grants and ratings created, people and decisions created, rows
    skipped as already recorded."""

    grants: int
    ratings: int
    people: int
    decisions: int
    already_recorded: int

    @property
    def rows(self) -> int:
        return self.grants + self.ratings

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def history_import_save(*, preview: HistoryPreview, user, file_name: str) -> HistoryImportSummary:
    """Save every line of ``preview`` marked to import, in one transaction: new people, new
    decisions (get-or-create by number, date and authority; each new one recorded in the audit
    trail as "imported" by ``user`` with ``file_name`` as the reason), grants and ratings, with
    bulk inserts. Raises ``HistoryImportNotSaved`` when the preview has errors or undecided
    people, or when the database refuses a row (e.g. a rating recorded meanwhile); then
    nothing is saved."""
    if preview.errors:
        raise HistoryImportNotSaved(_("The file has errors: correct them and upload it again."))
    if preview.undecided:
        raise HistoryImportNotSaved(_("Choose who each ambiguous name is before saving."))
    try:
        with transaction.atomic():
            people = _create_people(preview)
            decisions, created = _decisions(preview, user=user, file_name=file_name)
            grants = [
                AwardGrant(
                    decision=decisions[line.decision.folded],
                    person=_person(line.person, people) if line.person else None,
                    unit=line.collective,
                    title=line.award if isinstance(line.award, EmulationTitle) else None,
                    form=None if isinstance(line.award, EmulationTitle) else line.award,
                    year=line.year,
                    achievement=line.achievement,
                )
                for line in preview.grants
                if line.status == TO_IMPORT
            ]
            AwardGrant.objects.bulk_create(grants, batch_size=BATCH)
            ratings = [
                AnnualRating(
                    person=_person(line.person, people), year=line.year, rating=line.rating
                )
                for line in preview.ratings
                if line.status == TO_IMPORT
            ]
            AnnualRating.objects.bulk_create(ratings, batch_size=BATCH)
    except IntegrityError as error:
        raise HistoryImportNotSaved(
            _("The records changed while saving, so nothing was saved: check the file again.")
        ) from error
    return HistoryImportSummary(
        grants=len(grants),
        ratings=len(ratings),
        people=len(people),
        decisions=created,
        already_recorded=preview.already_recorded,
    )


def _create_people(preview: HistoryPreview) -> dict[str, Person]:
    """The new people, by ``PersonKey.token``; created in bulk (``search_name`` set here since
    a bulk insert bypasses ``save``)."""
    new = {
        match.key.token: Person(
            full_name=match.full_name,
            search_name=search_key(match.full_name),
            birth_year=match.key.birth_year,
            gender=match.gender,
            position=match.position,
            unit=match.unit,
        )
        for match in preview.people
        if match.creates
    }
    Person.objects.bulk_create(new.values(), batch_size=BATCH)
    return new


def _person(match, people: dict[str, Person]) -> Person:
    return match.person if match.person is not None else people[match.key.token]


def _decisions(
    preview: HistoryPreview, *, user, file_name: str
) -> tuple[dict[tuple, AwardDecision], int]:
    """Every decision the lines to import need, by folded key: existing ones, and new ones
    created (the first spelling in the file wins); and how many were created."""
    decisions = dict(preview.decisions)
    new: dict[tuple, AwardDecision] = {}
    for line in preview.grants:
        key = line.decision.folded
        if line.status == TO_IMPORT and key not in decisions and key not in new:
            new[key] = AwardDecision(
                number=line.decision.number,
                date=line.decision.date,
                authority=line.decision.authority,
            )
    AwardDecision.objects.bulk_create(new.values(), batch_size=BATCH)
    for decision in new.values():
        state_change_record(obj=decision, to_state="imported", actor=user, reason=file_name)
    return {**decisions, **new}, len(new)
