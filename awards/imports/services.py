"""Saving a checked import: all of it or nothing."""

from dataclasses import asdict, dataclass

from awards.imports.preview import HistoryPreview
from awards.models import AnnualRating, AwardDecision, AwardGrant, EmulationTitle
from common.audit import AWARDS_HISTORY_IMPORT, AuditTrail
from common.imports.lookups import BATCH
from common.imports.people import people_create, person_for
from common.imports.preview import TO_IMPORT, import_atomic
from common.services import state_change_record


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
    bulk inserts; every row created gets an ``AuditEntry`` (source ``AWARDS_HISTORY_IMPORT``,
    the file's name as reference), inserted in bulk too. Raises ``HistoryImportNotSaved``
    when the preview has errors or undecided people, or when the database refuses a row (e.g.
    a rating recorded meanwhile); then nothing is saved, entries included."""
    with import_atomic(preview=preview, not_saved=HistoryImportNotSaved):
        trail = AuditTrail(actor=user, source=AWARDS_HISTORY_IMPORT, reference=file_name)
        people = people_create(preview.people)
        trail.created(people.values())
        decisions, created = _decisions(preview, user=user, file_name=file_name, trail=trail)
        grants = [
            AwardGrant(
                decision=decisions[line.decision.folded],
                person=person_for(line.person, people) if line.person else None,
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
        trail.created(grants)
        ratings = [
            AnnualRating(person=person_for(line.person, people), year=line.year, rating=line.rating)
            for line in preview.ratings
            if line.status == TO_IMPORT
        ]
        AnnualRating.objects.bulk_create(ratings, batch_size=BATCH)
        trail.created(ratings)
        trail.save()
    return HistoryImportSummary(
        grants=len(grants),
        ratings=len(ratings),
        people=len(people),
        decisions=created,
        already_recorded=preview.already_recorded,
    )


def _decisions(
    preview: HistoryPreview, *, user, file_name: str, trail: AuditTrail
) -> tuple[dict[tuple, AwardDecision], int]:
    """Every decision the lines to import need, by folded key: existing ones, and new ones
    created (the first spelling in the file wins, recorded in ``trail``); and how many were
    created."""
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
    trail.created(new.values())
    for decision in new.values():
        state_change_record(obj=decision, to_state="imported", actor=user, reason=file_name)
    return {**decisions, **new}, len(new)
