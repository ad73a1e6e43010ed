"""The annual summary of a council's emulation and commendation work (báo cáo tổng kết năm).

``annual_summary`` answers, for a council, a year and a scope (the council's whole area, one
cluster or one unit), what happened that year: the campaigns run, the titles and forms sought
in the registrations against those granted, the award dossiers by state, the ranking in each
cluster, who was granted what, the units that did not register, and the grants of the last five
years. It runs the same number of queries however many units, lines and grants there are.

Definitions (they match the registrations overview, registrations/selectors.py):

- the *area* of the scope: the council's unit and every unit below it; a cluster's member units
  and every unit below them; a unit and every unit below it;
- a *registered line*: a line of a registration that was submitted or accepted (a draft or a
  returned registration does not count: son-tay-2020 §7) in a window of a campaign of the
  council in the year, whose collective, or whose individual's unit, lies in the area;
- a *grant*: an ``AwardGrant`` for the year (``AwardGrant.year``, whoever conferred it) whose
  recipient (the individual's unit, the collective, the household's unit) lies in the area;
  revoked grants are listed, marked, and not counted as granted;
- a *dossier*: a dossier of a review round of the council for the year whose proposing unit
  lies in the area;
- the units *expected to register*: the participants in the area of the council's campaigns of
  the year that have a registration window, existing at some time in the year.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Case, Count, F, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext

from awards.models import AwardGrant
from campaigns.models import Campaign, Cluster, ClusterResult, ScoreSheet, ScoringCriterion
from campaigns.scoring import SheetPoints, standings
from dossiers.models import Dossier, Round
from organizations.models import Council, Membership, Unit
from organizations.selectors import unit_subtree, units_above_memberships, units_visible_to
from registrations.models import Registration, RegistrationEntry, Submission

TREND_YEARS = 5  # the trend covers the year and the four before it
GRANTS_SHOWN = 300  # grants listed on the page; the export lists them all
RUN = (Campaign.Status.LAUNCHED, Campaign.Status.ENDED)
REGISTERED = (Submission.Status.SUBMITTED, Submission.Status.ACCEPTED)
MISSING = "missing"  # a unit expected to register that has not started a registration
PERCENT = Decimal("0.1")

_UNIT_TABLE = Unit._meta.db_table
_MEMBERS_TABLE = Cluster.members.through._meta.db_table
# The cluster's member units and every unit below them (PostgreSQL and SQLite).
_CLUSTER_AREA_SQL = f"""
WITH RECURSIVE area(id) AS (
    SELECT unit_id FROM {_MEMBERS_TABLE} WHERE cluster_id = %s
    UNION
    SELECT child.id FROM {_UNIT_TABLE} child JOIN area ON child.parent_id = area.id
)
SELECT id FROM area
"""  # noqa: S608 - table names come from model metadata, the id is a bound parameter


# --- Shapes --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CampaignRow:
    """A campaign the council ran in the year (launched or ended): ``kind`` and ``status`` are
    the stored values, ``launched_on`` the day it was launched (None when not recorded),
    ``participants`` all its participating units and ``participants_in_scope`` those in the
    area."""

    pk: int
    name: str
    kind: str
    status: str
    launched_on: datetime.date | None
    starts_on: datetime.date | None
    ends_on: datetime.date | None
    lead_unit: str
    participants: int
    participants_in_scope: int

    @property
    def kind_label(self) -> str:
        return Campaign.Kind(self.kind).label


@dataclass(frozen=True)
class AwardRow:
    """A title or form of commendation: the registered lines seeking it (collectives and
    individuals), the grants of it in the year (not revoked) and those revoked.

    ``key`` is "title:<code>" or "form:<code>"; ``name`` the Vietnamese name."""

    key: str
    code: str
    name: str
    is_title: bool
    registered_collectives: int = 0
    registered_individuals: int = 0
    granted: int = 0
    revoked: int = 0

    @property
    def registered(self) -> int:
        return self.registered_collectives + self.registered_individuals

    @property
    def rate(self) -> Decimal | None:
        """Granted per registered line, in percent to one decimal (may exceed 100 when awards
        were granted without a registration); None when nothing was registered."""
        if not self.registered:
            return None
        return (Decimal(self.granted) * 100 / self.registered).quantize(PERCENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class StateCount:
    """Dossiers in one state, with their nominations; every state is listed, zero included."""

    state: str
    dossiers: int
    nominations: int

    @property
    def label(self) -> str:
        return Dossier.Status(self.state).label


@dataclass(frozen=True)
class RankRow:
    """A member of a cluster: ``rank`` (shared on ties; None when not scored), ``total`` the
    final score (points, None when not scored), ``is_leader`` the cluster's leader unit,
    ``is_winner`` the leading unit elected at the annual review."""

    rank: int | None
    unit_id: int
    unit: str
    total: Decimal | None
    is_leader: bool = False
    is_winner: bool = False


@dataclass(frozen=True)
class ClusterRanking:
    """A cluster or bloc of the year and the ranking of its members. ``final`` is True when the
    leader closed scoring (frozen ``ClusterResult`` rows); otherwise the ranking is the
    provisional one of the sheets submitted so far (campaigns/scoring.py)."""

    pk: int
    name: str
    kind: str
    number: int
    leader: str
    winner: str
    final: bool
    rows: tuple[RankRow, ...]


@dataclass(frozen=True)
class GrantRow:
    """One grant of the year: the recipient's name, ``recipient_kind`` ("individual",
    "collective", "household"), ``unit`` (the individual's or household's unit, the unit above
    a collective), the award, the decision (number, date, authority; "" and None when the grant
    has no decision recorded) and the revocation."""

    pk: int
    recipient: str
    recipient_kind: str
    unit: str
    award: str
    is_title: bool
    decision_number: str
    decision_date: datetime.date | None
    authority: str
    revoked: bool
    revoked_on: datetime.date | None


@dataclass(frozen=True)
class MissingUnit:
    """A unit expected to register that did not: ``state`` is "missing" (never started),
    "draft" or "returned"; ``cluster`` the name of its cluster of the year ("" outside)."""

    pk: int
    name: str
    kind: str
    cluster: str
    state: str

    @property
    def kind_label(self) -> str:
        return Unit.Kind(self.kind).label

    @property
    def state_label(self) -> str:
        """ "Not started", "Draft" or "Returned for correction", translated."""
        if self.state == MISSING:
            return gettext("Not started")
        return Submission.Status(self.state).label


@dataclass(frozen=True)
class YearCount:
    """Grants (not revoked) of one year in the area, in total and per award
    (``by_award``: ``(key, name, count)`` in catalog order, awards with grants only)."""

    year: int
    total: int
    by_award: tuple[tuple[str, str, int], ...]


@dataclass(frozen=True)
class AnnualSummary:
    """What ``annual_summary`` returns. ``cluster`` and ``unit`` give the scope (both None: the
    council's whole area). Counts are of the area of the scope (module docstring).

    - ``campaigns``: the council's campaigns of the year that were run, by name;
    - ``awards``: titles then forms, in catalog order, those registered or granted only;
    - ``dossiers``: one ``StateCount`` per ``Dossier.Status``, in its order;
    - ``clusters``: the council's clusters of the year (for a unit: those it belongs to);
    - ``grants``: the first ``GRANTS_SHOWN`` grants of the year (all: ``grant_rows``),
      ``grant_count`` and ``revoked_count`` count them all;
    - ``expected_units`` / ``registered_units``: units expected to register and those of them
      that did; ``missing_units`` the others, by name;
    - ``trend``: the grants of the ``TREND_YEARS`` years ending at ``year``, oldest first.
    """

    council: Council
    year: int
    cluster: Cluster | None
    unit: Unit | None
    campaigns: tuple[CampaignRow, ...]
    awards: tuple[AwardRow, ...]
    dossiers: tuple[StateCount, ...]
    clusters: tuple[ClusterRanking, ...]
    grants: tuple[GrantRow, ...]
    grant_count: int
    revoked_count: int
    expected_units: int
    registered_units: int
    missing_units: tuple[MissingUnit, ...]
    trend: tuple[YearCount, ...] = field(default=())

    @property
    def scope(self) -> str:
        """ "council", "cluster" or "unit"."""
        return "unit" if self.unit else "cluster" if self.cluster else "council"

    @property
    def registered_lines(self) -> int:
        return sum(row.registered for row in self.awards)

    @property
    def granted(self) -> int:
        """Grants of the year in the area, revoked ones excluded."""
        return self.grant_count - self.revoked_count

    @property
    def dossier_total(self) -> int:
        return sum(row.dossiers for row in self.dossiers)

    @property
    def nomination_total(self) -> int:
        return sum(row.nominations for row in self.dossiers)

    @property
    def grants_truncated(self) -> bool:
        """The page lists fewer grants than there are."""
        return len(self.grants) < self.grant_count

    @property
    def rate(self) -> Decimal | None:
        """Granted per registered line over all awards, in percent (AwardRow.rate)."""
        registered = self.registered_lines
        if not registered:
            return None
        granted = sum(row.granted for row in self.awards)
        return (Decimal(granted) * 100 / registered).quantize(PERCENT, ROUND_HALF_UP)


# --- Area and the user's councils ----------------------------------------------------------------


def area_of(*, council: Council, cluster: Cluster | None = None, unit: Unit | None = None):
    """The units of the scope as a lazy queryset of ids (one recursive subquery): the unit and
    its subtree, the cluster's members and their subtrees, else the council's unit and its
    subtree."""
    if unit is not None:
        return unit_subtree(unit=unit).values("pk")
    if cluster is not None:
        sql = RawSQL(_CLUSTER_AREA_SQL, (cluster.pk,))  # noqa: S611 - constant SQL, bound id
        return Unit.objects.filter(pk__in=sql).values("pk")
    return unit_subtree(unit=council.unit).values("pk")


def councils_for_summary(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Council]:
    """Councils whose summary pages the user can see exist (a council he cannot see is not
    found): every council for a superuser; otherwise the councils of his units, of the units
    below them and of the units above them (the councils his units report to). Whether he may
    read a given scope is reports/summary/rules.py. Ordered by name."""
    if not user.is_authenticated or not user.is_active:
        return Council.objects.none()
    if user.is_superuser:
        return Council.objects.select_related("unit").order_by("name")
    seen = Q(unit__in=units_visible_to(user)) | Q(unit__in=units_above_memberships(user))
    return Council.objects.filter(seen).select_related("unit").order_by("name")


def default_council(user: AbstractBaseUser) -> Council | None:
    """The council the page opens on: the council of the user's first secretariat, admin or
    council member membership unit (by name); for a unit officer, the nearest council at or
    above his first unit; for a superuser without memberships, the first council by name.
    None when there is none."""
    managed = (
        Council.objects.filter(
            unit__memberships__user=user,
            unit__memberships__role__in=(
                Membership.Role.SECRETARIAT,
                Membership.Role.ADMIN,
                Membership.Role.COUNCIL_MEMBER,
            ),
        )
        .select_related("unit")
        .order_by("unit__name", "pk")
        .first()
    )
    if managed is not None:
        return managed
    officer = (
        Membership.objects.filter(user=user, role=Membership.Role.UNIT_OFFICER)
        .select_related("unit")
        .order_by("unit__name", "pk")
        .first()
    )
    if officer is not None:
        found = council_above(unit=officer.unit)
        if found is not None:
            return found
    if user.is_superuser:
        return Council.objects.select_related("unit").order_by("name", "pk").first()
    return None


def council_above(*, unit: Unit) -> Council | None:
    """The council of the unit, or of the nearest unit above it that has one; one query per
    level of the (shallow) tree."""
    chain = [unit]
    current = unit
    while current.parent_id is not None:
        current = current.parent
        chain.append(current)
    councils = {c.unit_id: c for c in Council.objects.filter(unit__in=chain).select_related("unit")}
    return next((councils[u.pk] for u in chain if u.pk in councils), None)


def summary_years(*, council: Council) -> list[int]:
    """Years with something to report for the council, latest first: its campaigns, clusters
    and review rounds, and the grants in its area. One query."""
    area = area_of(council=council)

    def years_of(queryset) -> QuerySet:
        return queryset.order_by().values_list("year", flat=True)

    years = years_of(Campaign.objects.filter(council=council)).union(
        years_of(Cluster.objects.filter(council=council)),
        years_of(Round.objects.filter(council=council)),
        years_of(AwardGrant.objects.filter(_recipient_in(area))),
    )
    return sorted(set(years), reverse=True)


# --- The summary ---------------------------------------------------------------------------------


def _recipient_in(area) -> Q:
    return Q(person__unit__in=area) | Q(unit__in=area) | Q(household__unit__in=area)


def _active_in(year: int) -> Q:
    """Units that existed at some time in ``year`` (unknown bounds count as open)."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return (Q(established_on__isnull=True) | Q(established_on__lte=last)) & (
        Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=first)
    )


def annual_summary(
    *,
    council: Council,
    year: int,
    cluster: Cluster | None = None,
    unit: Unit | None = None,
    grant_limit: int | None = GRANTS_SHOWN,
) -> AnnualSummary:
    """The summary of ``council``'s ``year`` for the scope: the whole area (no cluster, no
    unit), ``cluster`` (one of the council's clusters) or ``unit`` (in the council's area).
    Permission is the caller's (reports/summary/rules.py). ``grant_limit``: the grants listed
    (None: all of them).

    At most twelve queries whatever the size of the data; the shapes are ``AnnualSummary``'s.
    """
    area = area_of(council=council, cluster=cluster, unit=unit)
    everything = cluster is None and unit is None
    campaigns = _campaigns(council=council, year=year, area=area, everything=everything)
    awards, trend, grant_count, revoked_count = _awards_and_trend(
        council=council, year=year, area=area
    )
    expected, registered, missing = _registration_coverage(council=council, year=year, area=area)
    grants = grant_rows(council=council, year=year, cluster=cluster, unit=unit, limit=grant_limit)
    return AnnualSummary(
        council=council,
        year=year,
        cluster=cluster,
        unit=unit,
        campaigns=campaigns,
        awards=awards,
        dossiers=_dossier_states(council=council, year=year, area=area),
        clusters=_cluster_rankings(council=council, year=year, cluster=cluster, area=area),
        grants=tuple(grants),
        grant_count=grant_count,
        revoked_count=revoked_count,
        expected_units=expected,
        registered_units=registered,
        missing_units=missing,
        trend=trend,
    )


def _campaigns(*, council, year, area, everything: bool) -> tuple[CampaignRow, ...]:
    """The campaigns run by the council in the year with their participants (in the area):
    one query. For a cluster or a unit only those with participants in the area."""
    rows = (
        Campaign.objects.filter(council=council, year=year, status__in=RUN)
        .annotate(
            all_participants=Count("participants", distinct=True),
            in_scope=Count("participants", filter=Q(participants__in=area), distinct=True),
        )
        .select_related("lead_unit")
        .order_by("name", "pk")
    )
    return tuple(
        CampaignRow(
            pk=c.pk,
            name=c.name,
            kind=c.kind,
            status=c.status,
            launched_on=timezone.localdate(c.launched_at) if c.launched_at else None,
            starts_on=c.starts_on,
            ends_on=c.ends_on,
            lead_unit=c.lead_unit.name if c.lead_unit else "",
            participants=c.all_participants,
            participants_in_scope=c.in_scope,
        )
        for c in rows
        if everything or c.in_scope
    )


def _award_key(row: dict, prefix: str = "") -> tuple[str, str, str, bool, tuple]:
    """(key, code, name, is_title, sort key) of a values() row holding title__/form__ fields."""
    if row[f"{prefix}title__code"]:
        code = row[f"{prefix}title__code"]
        return (
            f"title:{code}",
            code,
            row[f"{prefix}title__name_vi"],
            True,
            (0, row[f"{prefix}title__order"], code),
        )
    code = row[f"{prefix}form__code"]
    return (
        f"form:{code}",
        code,
        row[f"{prefix}form__name_vi"],
        False,
        (1, row[f"{prefix}form__order"], code),
    )


_AWARD_FIELDS = (
    "title__code",
    "title__name_vi",
    "title__order",
    "form__code",
    "form__name_vi",
    "form__order",
)


def _awards_and_trend(*, council, year, area):
    """Registered lines per award (one query) and grants per year and award over the trend's
    years (one query): the award rows, the trend, and the year's grants and revoked grants."""
    lines = (
        RegistrationEntry.objects.filter(
            registration__window__campaign__council=council,
            registration__window__campaign__year=year,
            registration__status__in=REGISTERED,
        )
        .filter(Q(collective__in=area) | Q(person__unit__in=area))
        .values(*_AWARD_FIELDS)
        .annotate(
            collectives=Count("pk", filter=Q(kind=RegistrationEntry.Kind.COLLECTIVE)),
            individuals=Count("pk", filter=Q(kind=RegistrationEntry.Kind.INDIVIDUAL)),
        )
        .order_by()
    )
    granted = (
        AwardGrant.objects.filter(year__gt=year - TREND_YEARS, year__lte=year)
        .filter(_recipient_in(area))
        .values("year", *_AWARD_FIELDS)
        .annotate(
            kept=Count("pk", filter=Q(revoked=False)),
            revoked_count=Count("pk", filter=Q(revoked=True)),
        )
        .order_by()
    )
    rows: dict[str, dict] = {}
    order: dict[str, tuple] = {}

    def row_for(values: dict) -> dict:
        key, code, name, is_title, sort = _award_key(values)
        order[key] = sort
        return rows.setdefault(key, {"key": key, "code": code, "name": name, "is_title": is_title})

    for values in lines:
        row = row_for(values)
        row["registered_collectives"] = values["collectives"]
        row["registered_individuals"] = values["individuals"]
    per_year: dict[int, dict[str, int]] = defaultdict(dict)
    names: dict[str, str] = {}
    grant_count = revoked_count = 0
    for values in granted:
        key, _code, name, _is_title, sort = _award_key(values)
        names[key], order[key] = name, sort
        if values["kept"]:
            per_year[values["year"]][key] = values["kept"]
        if values["year"] == year:
            row = row_for(values)
            row["granted"] = values["kept"]
            row["revoked"] = values["revoked_count"]
            grant_count += values["kept"] + values["revoked_count"]
            revoked_count += values["revoked_count"]
    awards = tuple(AwardRow(**rows[key]) for key in sorted(rows, key=order.__getitem__))
    trend = tuple(
        YearCount(
            year=y,
            total=sum(per_year[y].values()),
            by_award=tuple(
                (key, names[key], per_year[y][key])
                for key in sorted(per_year[y], key=order.__getitem__)
            ),
        )
        for y in range(year - TREND_YEARS + 1, year + 1)
    )
    return awards, trend, grant_count, revoked_count


def _dossier_states(*, council, year, area) -> tuple[StateCount, ...]:
    """Dossiers (and their nominations) of the council's rounds of the year by state: one
    query; every state listed."""
    counted = {
        row["status"]: row
        for row in Dossier.objects.filter(round__council=council, round__year=year, unit__in=area)
        .values("status")
        .annotate(dossiers=Count("pk", distinct=True), nominations=Count("nominations"))
        .order_by()
    }
    return tuple(
        StateCount(
            state=state,
            dossiers=counted.get(state, {}).get("dossiers", 0),
            nominations=counted.get(state, {}).get("nominations", 0),
        )
        for state in Dossier.Status.values
    )


def _cluster_rankings(*, council, year, cluster, area) -> tuple[ClusterRanking, ...]:
    """The clusters of the scope with their rankings: four queries (clusters, members, frozen
    results, submitted sheets of the clusters still scoring)."""
    clusters = Cluster.objects.filter(council=council, year=year)
    if cluster is not None:
        clusters = clusters.filter(pk=cluster.pk)
    else:
        # Clusters with a member in the area: all those with members for the council's report,
        # those the unit (or a unit below it) belongs to for a unit's.
        through = Cluster.members.through.objects.filter(unit_id__in=area)
        clusters = clusters.filter(pk__in=through.values("cluster_id"))
    clusters = list(
        clusters.select_related("leader", "acclamation__winner").order_by("kind", "number")
    )
    ids = [c.pk for c in clusters]
    members: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for cluster_id, unit_id, name in (
        Cluster.members.through.objects.filter(cluster_id__in=ids)
        .order_by("unit__name", "unit_id")
        .values_list("cluster_id", "unit_id", "unit__name")
    ):
        members[cluster_id].append((unit_id, name))
    results: dict[int, list[ClusterResult]] = defaultdict(list)
    closed = [c.pk for c in clusters if not c.scoring_is_open]
    for result in (
        ClusterResult.objects.filter(cluster_id__in=closed)
        .select_related("unit")
        .order_by("rank", "unit__name")
    ):
        results[result.cluster_id].append(result)
    sheets = _sheet_points(cluster_ids=[c.pk for c in clusters if c.scoring_is_open])
    rankings = []
    for c in clusters:
        winner = getattr(c, "acclamation", None)
        winner_id = winner.winner_id if winner else None
        if not c.scoring_is_open:
            rows = tuple(
                RankRow(
                    rank=r.rank,
                    unit_id=r.unit_id,
                    unit=r.unit.name,
                    total=r.total,
                    is_leader=r.unit_id == c.leader_id,
                    is_winner=r.unit_id == winner_id,
                )
                for r in results[c.pk]
            )
        else:
            names = dict(members[c.pk])
            rows = tuple(
                RankRow(
                    rank=s.rank,
                    unit_id=s.unit_id,
                    unit=names[s.unit_id],
                    total=s.total,
                    is_leader=s.unit_id == c.leader_id,
                    is_winner=s.unit_id == winner_id,
                )
                for s in standings(
                    member_ids=list(names),
                    sheets=sheets.get(c.pk, ()),
                    threshold=c.difference_threshold,
                )
            )
        rankings.append(
            ClusterRanking(
                pk=c.pk,
                name=c.name,
                kind=c.kind,
                number=c.number,
                leader=c.leader.name if c.leader else "",
                winner=winner.winner.name if winner else "",
                final=not c.scoring_is_open,
                rows=rows,
            )
        )
    return tuple(rankings)


def _sheet_points(*, cluster_ids: list[int]) -> dict[int, list[SheetPoints]]:
    """The submitted sheets of the clusters, points summed per criterion kind, by cluster:
    one query (campaigns.selectors.submitted_sheet_points for many clusters at once)."""
    if not cluster_ids:
        return {}
    zero = Decimal(0)

    def kind_sum(kind: str):
        return Coalesce(Sum("scores__points", filter=Q(scores__criterion__kind=kind)), zero)

    found: dict[int, list[SheetPoints]] = defaultdict(list)
    for row in (
        ScoreSheet.objects.filter(cluster_id__in=cluster_ids, submitted_at__isnull=False)
        .values("cluster_id", "assessor_id", "assessed_id")
        .annotate(
            base=kind_sum(ScoringCriterion.Kind.BASE),
            bonus=kind_sum(ScoringCriterion.Kind.BONUS),
            penalty=kind_sum(ScoringCriterion.Kind.PENALTY),
        )
        .order_by()
    ):
        cluster_id = row.pop("cluster_id")
        found[cluster_id].append(SheetPoints(**row))
    return found


def _registration_coverage(*, council, year, area) -> tuple[int, int, tuple[MissingUnit, ...]]:
    """Units expected to register (module docstring), how many registered, and the others
    with their registration's state and cluster: two queries."""
    expected = (
        Unit.objects.filter(
            pk__in=Campaign.participants.through.objects.filter(
                campaign__council=council,
                campaign__year=year,
                campaign__registration_window__isnull=False,
            ).values("unit_id")
        )
        .filter(pk__in=area)
        .filter(_active_in(year))
    )
    registrations = Registration.objects.filter(
        window__campaign__council=council, window__campaign__year=year
    )
    registered = registrations.filter(status__in=REGISTERED).values("unit_id")
    counts = expected.aggregate(
        expected=Count("pk"),
        registered=Count("pk", filter=Q(pk__in=registered)),
    )
    state = (
        registrations.filter(unit=OuterRef("pk")).order_by("-updated_at", "-pk").values("status")
    )
    cluster_name = (
        Cluster.objects.filter(council=council, year=year, members=OuterRef("pk"))
        .order_by("kind", "number")
        .values("name")
    )
    missing = (
        expected.exclude(pk__in=registered)
        .annotate(state=Subquery(state[:1]), cluster_name=Subquery(cluster_name[:1]))
        .order_by("name", "pk")
        .values_list("pk", "name", "kind", "cluster_name", "state")
    )
    return (
        counts["expected"],
        counts["registered"],
        tuple(
            MissingUnit(pk=pk, name=name, kind=kind, cluster=cluster or "", state=s or MISSING)
            for pk, name, kind, cluster, s in missing
        ),
    )


def grant_rows(
    *,
    council: Council,
    year: int,
    cluster: Cluster | None = None,
    unit: Unit | None = None,
    limit: int | None = None,
) -> Iterator[GrantRow]:
    """The grants of the year in the area of the scope (revoked ones too, marked): titles
    before forms, each in catalog order, collectives before households and individuals, then
    by name. All of them streamed (one query, read in chunks), or the first ``limit``."""
    if limit == 0:
        return
    area = area_of(council=council, cluster=cluster, unit=unit)
    found = (
        AwardGrant.objects.filter(year=year)
        .filter(_recipient_in(area))
        .select_related(
            "decision",
            "person__unit",
            "unit__parent",
            "household__unit",
            "title",
            "form",
        )
        .annotate(
            name=Coalesce("unit__name", "household__name", "person__full_name"),
            recipient_order=Case(
                When(unit__isnull=False, then=Value(0)),
                When(household__isnull=False, then=Value(1)),
                default=Value(2),
            ),
        )
        .order_by(
            F("form").asc(nulls_first=True),
            "title__order",
            "form__order",
            "title__code",
            "form__code",
            "recipient_order",
            "name",
            "pk",
        )
    )
    rows = found[:limit] if limit is not None else found.iterator(chunk_size=2000)
    for grant in rows:
        yield _grant_row(grant)


def _grant_row(grant: AwardGrant) -> GrantRow:
    if grant.person_id:
        kind, name, unit = "individual", grant.person.full_name, grant.person.unit.name
    elif grant.unit_id:
        parent = grant.unit.parent
        kind, name, unit = "collective", grant.unit.name, parent.name if parent else ""
    else:
        kind, name, unit = "household", grant.household.name, grant.household.unit.name
    award = grant.title or grant.form
    decision = grant.decision
    return GrantRow(
        pk=grant.pk,
        recipient=name,
        recipient_kind=kind,
        unit=unit,
        award=award.name_vi,
        is_title=grant.title_id is not None,
        decision_number=decision.number if decision else "",
        decision_date=decision.date if decision else None,
        authority=decision.authority if decision else "",
        revoked=grant.revoked,
        revoked_on=grant.revoked_on,
    )
