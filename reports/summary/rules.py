"""Who may read the annual summary of which scope, and the scope a request names.

``summary_scope`` is the one check the page (reports/summary/views.py) and the export
(reports/summary/exporters.py ``authorize``) both call:

- the council's whole area and any of its clusters: the council's secretariat (a secretariat
  membership in the council's unit or above), its members (who vote on the awards the summary
  counts) and superusers;
- a cluster: also the officers of its leader unit (the cluster leader, this year's cluster
  only);
- a unit and the units below it: also its unit officers (an officer membership in the unit or
  above it).

A council, cluster or unit the user cannot see is not found (404): councils of his units, of
the units below and above them; clusters of ``campaigns.selectors.clusters_visible_to``; units
of ``organizations.selectors.units_visible_to``; a cluster of another council or a unit outside
the council's area is not found either. One he can see but may not read is forbidden (403).
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Cluster
from organizations.models import Council, Membership, Unit
from organizations.rules import is_council_member_of, is_secretariat_of, is_unit_officer_of
from organizations.selectors import officer_unit_ids
from reports.summary.filters import OBJECT_FIELDS, SummaryFilter
from reports.summary.selectors import area_of, council_above, default_council

PARAMS = ("year", *OBJECT_FIELDS)


@dataclass(frozen=True)
class SummaryScope:
    """A council's year, for its whole area (``cluster`` and ``unit`` None), one of its
    clusters of that year, or one unit of its area."""

    council: Council
    year: int
    cluster: Cluster | None = None
    unit: Unit | None = None

    @property
    def kind(self) -> str:
        """ "council", "cluster" or "unit"."""
        return "unit" if self.unit else "cluster" if self.cluster else "council"

    def params(self) -> dict:
        """The scope as JSON-able parameters (an export's ``params``, the page's query)."""
        found = {"council": self.council.pk, "year": self.year}
        if self.cluster is not None:
            found["cluster"] = self.cluster.pk
        if self.unit is not None:
            found["unit"] = self.unit.pk
        return found


def may_read_summary(user: AbstractBaseUser | AnonymousUser, scope: SummaryScope) -> bool:
    """Whether the user may read the summary of ``scope`` (module docstring)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if (
        user.is_superuser
        or is_secretariat_of(user, scope.council)
        or is_council_member_of(user, scope.council)
    ):
        return True
    if scope.cluster is not None:
        return scope.cluster.leader_id is not None and scope.cluster.leader_id in (
            officer_unit_ids(user)
        )
    if scope.unit is not None:
        return is_unit_officer_of(user, scope.unit)
    return False


def summary_scope(*, user: AbstractBaseUser | AnonymousUser, params: Mapping) -> SummaryScope:
    """The scope ``params`` name ("year", "council", "cluster", "unit": ids as text or numbers,
    each optional), with defaults, once the user is allowed to read it.

    Defaults: the council of the cluster or above the unit, else the user's first council
    (``default_council``); the cluster's year, else the latest year with data for the council
    (``summary_years``, cached), else this year. When the request names no council, cluster or unit
    and the user may not read the council's whole area, his first cluster led that year or his
    first unit of the area is taken.

    Raises ``Http404`` for an object the user cannot see (or of another council, or a cluster
    of another year), ``PermissionDenied`` when he may not read the scope or has no council,
    ``ValidationError`` (translated) for a malformed year or both a cluster and a unit.
    """
    data = {}
    for name in PARAMS:
        value = params.get(name)
        if isinstance(value, (list, tuple)):  # a key given twice: the last one counts
            value = value[-1] if value else None
        if value not in (None, ""):
            data[name] = str(value)
    summary_filter = SummaryFilter(data, user=user)
    form = summary_filter.form
    if not form.is_valid():
        if any(name in form.errors for name in OBJECT_FIELDS):
            raise Http404("No such council, cluster or unit.")
        raise ValidationError(form.errors["year"])
    cleaned = form.cleaned_data
    council, cluster, unit, year = (cleaned.get(n) for n in ("council", "cluster", "unit", "year"))
    if cluster is not None and unit is not None:
        raise ValidationError(_("Choose a cluster or a unit, not both."))
    if cluster is not None:
        if council is not None and cluster.council_id != council.pk:
            raise Http404("The cluster is not one of the council's.")
        if year is not None and cluster.year != year:
            raise Http404("The cluster is not one of that year.")
        council, year = cluster.council, cluster.year
    if council is None and unit is not None:
        council = council_above(unit=unit)
        councils = summary_filter.filters["council"].queryset
        if council is None or not councils.filter(pk=council.pk).exists():
            raise Http404("No council above the unit.")
    if council is None:
        council = default_council(user)
        if council is None:
            raise PermissionDenied
    if unit is not None and not area_of(council=council).filter(pk=unit.pk).exists():
        raise Http404("The unit is not in the council's area.")
    if year is None:
        from reports.summary.cache import cached_years  # the cache imports the selectors

        years = cached_years(council=council)
        year = years[0] if years else timezone.localdate().year
    scope = SummaryScope(council=council, year=year, cluster=cluster, unit=unit)
    if not any(name in data for name in OBJECT_FIELDS) and not may_read_summary(user, scope):
        scope = _own_scope(user=user, council=council, year=year) or scope
    if not may_read_summary(user, scope):
        raise PermissionDenied
    return scope


def _own_scope(*, user, council: Council, year: int) -> SummaryScope | None:
    """The scope an officer reads by default: the first cluster of the council and year that
    his unit leads, else his first unit in the council's area; None when he has neither."""
    officer_units = officer_unit_ids(user)
    led = (
        Cluster.objects.filter(council=council, year=year, leader_id__in=officer_units)
        .select_related("council__unit", "leader")
        .order_by("kind", "number")
        .first()
    )
    if led is not None:
        return SummaryScope(council=council, year=year, cluster=led)
    own = (
        Unit.objects.filter(
            memberships__user=user,
            memberships__role=Membership.Role.UNIT_OFFICER,
            pk__in=area_of(council=council),
        )
        .order_by("name", "pk")
        .first()
    )
    return SummaryScope(council=council, year=year, unit=own) if own is not None else None
