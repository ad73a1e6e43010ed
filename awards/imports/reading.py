"""Reading an uploaded award-history workbook into rows, before any meaning is given to them:
its sheets "Khen thưởng" and "Xếp loại" (layout.py), either of which may be missing, with the
checks of ``common.imports.reading`` (an unencrypted XLSX of at most 5 MB, not a "zip bomb",
at most 50,000 rows, the template's headers; blank and example rows skipped)."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from awards.imports.layout import COLUMNS, GRANT_SHEET, RATING_SHEET
from common.imports.reading import (
    MAX_ROWS,
    SheetRow,
    WorkbookError,
    rows_required,
    sheet_find,
    sheet_read,
    workbook_open,
)


@dataclass
class WorkbookRows:
    """The data rows of both sheets; a sheet the file does not have gives no rows. Iterating
    gives them all (grants first), as ``common.imports.storage`` keeps them."""

    grants: list[SheetRow] = field(default_factory=list)
    ratings: list[SheetRow] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.grants) + len(self.ratings)

    def __iter__(self) -> Iterator[SheetRow]:
        yield from self.grants
        yield from self.ratings

    @classmethod
    def of(cls, rows: Iterable[SheetRow]) -> "WorkbookRows":
        """``rows`` of both sheets (e.g. kept by ``common.imports.storage``), by sheet."""
        rows = list(rows)
        return cls(
            grants=[row for row in rows if row.sheet == GRANT_SHEET],
            ratings=[row for row in rows if row.sheet == RATING_SHEET],
        )


def history_workbook_read(*, data: bytes) -> WorkbookRows:
    """Read the rows of ``data``, an XLSX file; raises ``WorkbookError`` when the file is not an
    XLSX, is encrypted, too large, has neither sheet, lacks a column or has no rows."""
    rows: list[SheetRow] = []
    with workbook_open(data) as book:
        found = {name: sheet_find(book, name) for name in (GRANT_SHEET, RATING_SHEET)}
        if not any(found.values()):
            raise WorkbookError(
                _("The file has no sheet named '%(grants)s' or '%(ratings)s': use the template.")
                % {"grants": GRANT_SHEET, "ratings": RATING_SHEET}
            )
        for name, sheet in found.items():
            if sheet is not None:
                budget = MAX_ROWS - len(rows)
                rows += sheet_read(sheet, name=name, columns=COLUMNS[name], budget=budget)
    return WorkbookRows.of(rows_required(rows))
