"""Who may import, for which units, and finding the units and awards a file names — each in a
fixed number of queries, whatever the number of rows."""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import zip_longest

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from awards.imports.cleaning import CellError
from awards.imports.layout import fold
from awards.models import AwardForm, EmulationTitle, RecipientKind
from organizations.models import Membership, Unit
from organizations.selectors import units_visible_to

IMPORT_ROLES = Membership.MANAGING_ROLES
# Values per IN (...) list: below SQLite's oldest limit on bound parameters.
CHUNK = 900


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


def can_import_history(user) -> bool:
    """Secretariat members and administrators (of any unit) and superusers may import."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or Membership.objects.filter(user=user, role__in=IMPORT_ROLES).exists()


def units_for_import(user) -> QuerySet[Unit]:
    """Units whose history the user may import: the subtrees of his secretariat and
    administrator memberships (every unit for a superuser); a lazy queryset."""
    return units_visible_to(user, roles=IMPORT_ROLES)


@dataclass
class UnitFinder:
    """Units named in a file, by code and by folded name; ``allowed`` holds the ids the user
    may import for."""

    by_code: dict[str, Unit]
    by_name: dict[str, list[Unit]]
    allowed: set[int]

    def find(self, value: str) -> Unit:
        """The unit written as ``value`` (its code or its name); raises ``CellError`` when no
        unit, several units or only units outside the user's scope bear it."""
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
            raise CellError(
                _("Unit '%(value)s' is not among the units you may import for") % {"value": value}
            )
        return unit


def _code_variants(value: str) -> list[str]:
    """A code as typed, and with the leading zeros a spreadsheet drops (2- and 5-digit codes)."""
    value = value.strip()
    if value.isdigit():
        return list(dict.fromkeys([value, value.zfill(2), value.zfill(5)]))
    return [value]


def unit_finder(*, user, values: set[str]) -> UnitFinder:
    """Look up every unit ``values`` may name: one query per ``CHUNK`` values, plus one for
    which of them the user may import for (and one for his memberships)."""
    codes = {code for value in values for code in _code_variants(value)}
    names = {fold(value) for value in values}
    found: dict[int, Unit] = {}
    for code_batch, name_batch in zip_longest(chunks(codes), chunks(names), fillvalue=[]):
        for unit in Unit.objects.filter(Q(code__in=code_batch) | Q(search_name__in=name_batch)):
            found[unit.pk] = unit
    allowed: set[int] = set()
    if found:
        allowed = set(
            units_for_import(user).filter(pk__in=list(found)).values_list("pk", flat=True)
        )
    by_code = {unit.code: unit for unit in found.values() if unit.code}
    by_name: dict[str, list[Unit]] = defaultdict(list)
    for unit in sorted(found.values(), key=lambda u: u.pk):
        by_name[unit.search_name].append(unit)
    return UnitFinder(by_code=by_code, by_name=dict(by_name), allowed=allowed)


Award = EmulationTitle | AwardForm


@dataclass
class AwardFinder:
    """The catalog by code and by folded Vietnamese name."""

    by_code: dict[str, Award]
    by_name: dict[str, list[Award]]

    def find(self, value: str, *, recipient: str) -> Award:
        """The title or form written as ``value`` (code or Vietnamese name), checked to be
        conferrable on ``recipient`` (a ``RecipientKind``); raises ``CellError``."""
        award = self.by_code.get(value.strip())
        if award is None:
            named = self.by_name.get(fold(value), [])
            if len(named) > 1:
                raise CellError(
                    _("Several catalog entries are named '%(value)s': write the code instead")
                    % {"value": value}
                )
            if not named:
                raise CellError(
                    _("The title or form '%(value)s' was not found in the catalog")
                    % {"value": value}
                )
            award = named[0]
        if award.recipient_kinds and recipient not in award.recipient_kinds:
            message = {
                RecipientKind.INDIVIDUAL: _("'%(award)s' is not conferred on individuals"),
                RecipientKind.COLLECTIVE: _("'%(award)s' is not conferred on collectives"),
            }[recipient]
            raise CellError(message % {"award": award.name_vi})
        return award


def award_finder() -> AwardFinder:
    """The whole catalog (it is small): two queries."""
    by_code: dict[str, Award] = {}
    by_name: dict[str, list[Award]] = defaultdict(list)
    for award in [*EmulationTitle.objects.all(), *AwardForm.objects.all()]:
        by_code[award.code] = award
        by_name[fold(award.name_vi)].append(award)
    return AwardFinder(by_code=by_code, by_name=dict(by_name))
