"""What every import's preview has, and its all-or-nothing save.

A preview (``awards.imports.preview.HistoryPreview``,
``registrations.imports.preview.RegistrationPreview``) extends ``ImportPreview``: the people its
rows name and the row errors, and whether it can be saved. Each line of a preview has a status:
``TO_IMPORT``, ``ALREADY_RECORDED`` (the database already has it: "đã có"), ``PENDING`` (who the
person is is still to choose), or one of the import's own. Saving runs in ``import_atomic``.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from common.imports.cells import RowError
from common.imports.people import AMBIGUOUS, PersonMatch

TO_IMPORT, ALREADY_RECORDED, PENDING = "to_import", "already_recorded", "pending"


@dataclass(kw_only=True)
class ImportPreview:
    """The people the rows name (``people.people_match``) and the row errors."""

    people: list[PersonMatch] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ambiguous(self) -> list[PersonMatch]:
        return [match for match in self.people if match.state == AMBIGUOUS]

    @property
    def undecided(self) -> list[PersonMatch]:
        return [match for match in self.people if not match.decided]

    @property
    def ready(self) -> bool:
        """Whether the file can be saved: no errors, every ambiguity decided."""
        return not self.errors and not self.undecided

    @property
    def new_people(self) -> int:
        return sum(1 for match in self.people if match.creates)


@contextmanager
def import_atomic(*, preview: ImportPreview, not_saved: type[Exception]) -> Iterator[None]:
    """Run the block that saves ``preview`` in one transaction. Raises ``not_saved`` (the
    import's exception, with a message for the user) before it when the preview has errors or
    undecided people, and instead of the database's ``IntegrityError`` when a row is refused
    (e.g. recorded meanwhile); then nothing is saved."""
    if preview.errors:
        raise not_saved(_("The file has errors: correct them and upload it again."))
    if preview.undecided:
        raise not_saved(_("Choose who each ambiguous name is before saving."))
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        raise not_saved(
            _("The records changed while saving, so nothing was saved: check the file again.")
        ) from error
