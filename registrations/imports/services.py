"""Saving a checked import into a registration: all of it or nothing."""

from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError

from awards.models import EmulationTitle
from common.audit import REGISTRATION_LINES_IMPORT, AuditTrail
from common.imports.lookups import BATCH
from common.imports.people import people_create, person_for
from common.imports.preview import import_atomic
from registrations.imports.preview import RegistrationPreview, existing_lines, lines_mark
from registrations.models import Registration, RegistrationEntry
from registrations.services.registrations import registration_lock_editable


class RegistrationImportNotSaved(Exception):
    """Nothing was saved; the message says why, for the user."""


@dataclass(frozen=True)
class RegistrationImportSummary:
    """What an import saved: lines added (collectives, individuals), people created, and rows
    skipped because the registration (or an earlier row) already had the line."""

    collectives: int
    individuals: int
    people: int
    skipped: int

    @property
    def lines(self) -> int:
        return self.collectives + self.individuals

    def as_dict(self) -> dict[str, int]:
        return {**asdict(self), "lines": self.lines}


def registration_import_save(
    *, registration: Registration, preview: RegistrationPreview, user=None, file_name: str = ""
) -> RegistrationImportSummary:
    """Append the lines of ``preview`` marked to import to ``registration``, in one
    transaction: the registration is locked and must be a draft or returned; its lines are
    read again under the lock (a line added meanwhile is skipped, not doubled), then the new
    people (``bulk_create``, ``search_name`` set) and the lines (``bulk_create``, ``order``
    continuing after the last line) are inserted, each row created with an ``AuditEntry``
    (source ``REGISTRATION_LINES_IMPORT``, by ``user``, the file's name as reference). A fixed
    number of queries (one more per 1,000 people, lines or entries). Raises
    ``RegistrationImportNotSaved`` when the preview has errors or undecided people, when the
    registration can no longer be changed, or when the database refuses a row; then nothing is
    saved, entries included."""
    with import_atomic(preview=preview, not_saved=RegistrationImportNotSaved):
        try:
            registration = registration_lock_editable(registration)
        except ValidationError as error:
            raise RegistrationImportNotSaved(" ".join(error.messages)) from error
        existing, last_order = existing_lines(registration)
        lines_mark(preview.lines, existing)
        trail = AuditTrail(actor=user, source=REGISTRATION_LINES_IMPORT, reference=file_name)
        people = people_create(preview.people)
        trail.created(people.values())
        entries = []
        for order, line in enumerate(preview.to_import, start=last_order + 1):
            titled = isinstance(line.award, EmulationTitle)
            entries.append(
                RegistrationEntry(
                    registration=registration,
                    order=order,
                    kind=line.kind,
                    collective=line.collective,
                    person=None if line.is_collective else person_for(line.person, people),
                    title=line.award if titled else None,
                    form=None if titled else line.award,
                    initiative_name=line.initiative_name,
                    model_name=line.model_name,
                )
            )
        RegistrationEntry.objects.bulk_create(entries, batch_size=BATCH)
        trail.created(entries)
        trail.save()
        registration.save(update_fields=["updated_at"])
    collectives = sum(1 for entry in entries if entry.kind == RegistrationEntry.Kind.COLLECTIVE)
    return RegistrationImportSummary(
        collectives=collectives,
        individuals=len(entries) - collectives,
        people=len(people),
        skipped=len(preview.skipped),
    )
