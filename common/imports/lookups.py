"""Finding the units a file names, in a fixed number of queries whatever the number of rows,
and querying and inserting in batches that every database accepts (``chunks``, ``BATCH``)."""

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import zip_longest

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from common.imports.cells import CellError, text
from common.imports.layout import fold
from common.imports.reading import SheetRow
from organizations.models import Unit

# Values per IN (...) list: below SQLite's oldest limit on bound parameters.
CHUNK = 900
BATCH = 1000  # rows per INSERT (``bulk_create(batch_size=BATCH)``)


def chunks(values: Iterable, size: int = CHUNK) -> Iterator[list]:
    """``values`` in lists of at most ``size``."""
    batch: list = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def cell_values(rows: Iterable[SheetRow], keys: Iterable[str]) -> set[str]:
    """The texts of the non-empty cells ``keys`` of ``rows`` (e.g. every unit a file names)."""
    keys = tuple(keys)
    return {
        text(row.values[key]) for row in rows for key in keys if row.values.get(key) is not None
    }


def not_yours(value: str) -> str:
    """The message for a unit the user may not import for (``UnitFinder.refusal``)."""
    return _("Unit '%(value)s' is not among the units you may import for") % {"value": value}


@dataclass
class UnitFinder:
    """Units named in a file, by code and by folded name; ``allowed`` holds the ids a file may
    name, ``refusal`` the message for a unit outside them (given the value as written)."""

    by_code: dict[str, Unit]
    by_name: dict[str, list[Unit]]
    allowed: set[int]
    refusal: Callable[[str], str] = not_yours

    def find(self, value: str) -> Unit:
        """The unit written as ``value`` (its code or its name); raises ``CellError`` when no
        unit, several allowed units or only units outside ``allowed`` bear it."""
        for code in _code_variants(value):
            if code in self.by_code:
                return self._allowed(self.by_code[code], value)
        named = self.by_name.get(fold(value), [])
        mine = [unit for unit in named if unit.pk in self.allowed]
        if len(mine) == 1:
            return mine[0]
        if len(mine) > 1:
            raise CellError(
                _("Several units are named '%(value)s': write the unit's code instead")
                % {"value": value}
            )
        if named:
            return self._allowed(named[0], value)
        raise CellError(_("Unit '%(value)s' was not found") % {"value": value})

    def _allowed(self, unit: Unit, value: str) -> Unit:
        if unit.pk not in self.allowed:
            raise CellError(self.refusal(value))
        return unit


def _code_variants(value: str) -> list[str]:
    """A code as typed, and with the leading zeros a spreadsheet drops (2- and 5-digit codes)."""
    value = value.strip()
    if value.isdigit():
        return list(dict.fromkeys([value, value.zfill(2), value.zfill(5)]))
    return [value]


def unit_finder(
    *, values: set[str], allowed: QuerySet[Unit], refusal: Callable[[str], str] = not_yours
) -> UnitFinder:
    """Look up every unit ``values`` may name (by code, also without its leading zeros, or by
    folded name), and which of them are in ``allowed`` (a lazy queryset, e.g. the units under
    the user's memberships): one query per ``CHUNK`` values, plus one per ``CHUNK`` units found
    (with whatever ``allowed`` runs). ``refusal`` words a unit found outside ``allowed``."""
    codes = {code for value in values for code in _code_variants(value)}
    names = {fold(value) for value in values}
    found: dict[int, Unit] = {}
    for code_batch, name_batch in zip_longest(chunks(codes), chunks(names), fillvalue=[]):
        for unit in Unit.objects.filter(Q(code__in=code_batch) | Q(search_name__in=name_batch)):
            found[unit.pk] = unit
    allowed_ids: set[int] = set()
    for batch in chunks(sorted(found)):
        allowed_ids |= set(allowed.filter(pk__in=batch).values_list("pk", flat=True))
    by_code = {unit.code: unit for unit in found.values() if unit.code}
    by_name: dict[str, list[Unit]] = defaultdict(list)
    for unit in sorted(found.values(), key=lambda u: u.pk):
        by_name[unit.search_name].append(unit)
    return UnitFinder(by_code=by_code, by_name=dict(by_name), allowed=allowed_ids, refusal=refusal)
