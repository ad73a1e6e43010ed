"""Who may import award history, for which units, and finding the titles and forms a file
names (the catalog) in two queries. The units a file names: ``common.imports.lookups``."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from awards.models import AwardForm, EmulationTitle, RecipientKind
from common.imports.cells import CellError
from common.imports.layout import fold
from organizations.models import Membership, Unit
from organizations.selectors import units_visible_to

IMPORT_ROLES = Membership.MANAGING_ROLES


def can_import_history(user) -> bool:
    """Secretariat members and administrators (of any unit) and superusers may import."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or Membership.objects.filter(user=user, role__in=IMPORT_ROLES).exists()


def units_for_import(user) -> QuerySet[Unit]:
    """Units whose history the user may import: the subtrees of his secretariat and
    administrator memberships (every unit for a superuser); a lazy queryset."""
    return units_visible_to(user, roles=IMPORT_ROLES)


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
