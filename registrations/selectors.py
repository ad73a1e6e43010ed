"""Reads of registrations, scoped to what a user may see.

Pages start from ``registrations_visible_to``, ``windows_visible_to`` or
``cluster_lists_visible_to``: an object outside the user's scope is not found (404).
``overview`` builds the secretariat's picture of a window in a fixed number of queries.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from campaigns.models import Campaign, Cluster
from campaigns.selectors import campaigns_visible_to, clusters_visible_to
from common.selectors import history_of
from common.text import search_key
from organizations.models import Membership, Person, Unit
from organizations.selectors import officer_unit_ids, unit_subtree, units_visible_to
from registrations.models import (
    ClusterList,
    Registration,
    RegistrationEntry,
    RegistrationWindow,
    Submission,
)

Status = Submission.Status
# A unit counts as registered once it has submitted (son-tay-2020 §7).
REGISTERED = (Status.SUBMITTED, Status.ACCEPTED)
MISSING = "missing"  # no registration started


def windows_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[RegistrationWindow]:
    """Windows of the campaigns the user may see (councils he oversees, campaigns his units
    take part in)."""
    return RegistrationWindow.objects.filter(campaign__in=campaigns_visible_to(user))


def windows_overseen_by(user: AbstractBaseUser | AnonymousUser) -> QuerySet[RegistrationWindow]:
    """Windows whose overview the user may open: those of councils he is secretariat, admin or
    council member of (a membership in the council's unit or above; the same people as the
    ``view_overview`` permission), in one query."""
    if not user.is_authenticated or not user.is_active:
        return RegistrationWindow.objects.none()
    if user.is_superuser:
        return RegistrationWindow.objects.all()
    councils = units_visible_to(user, roles=Membership.OVERSEEING_ROLES)
    return RegistrationWindow.objects.filter(campaign__council__unit__in=councils)


def campaigns_to_open(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Campaign]:
    """Launched campaigns without registrations yet, of councils the user manages (secretariat
    or admin: the ``open_window`` permission), in one query."""
    if not user.is_authenticated or not user.is_active:
        return Campaign.objects.none()
    campaigns = Campaign.objects.filter(
        status=Campaign.Status.LAUNCHED, registration_window__isnull=True
    )
    if user.is_superuser:
        return campaigns
    councils = units_visible_to(user, roles=Membership.MANAGING_ROLES)
    return campaigns.filter(council__unit__in=councils)


def windows_for_unit(*, unit: Unit) -> QuerySet[RegistrationWindow]:
    """The windows the unit registers in: those of campaigns it takes part in, latest year
    first, the regular campaign before thematic ones."""
    return (
        RegistrationWindow.objects.filter(campaign__participants=unit)
        .select_related("campaign", "campaign__council")
        .order_by("-campaign__year", "-campaign__kind", "campaign__name")
    )


def registrations_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Registration]:
    """Registrations of units the user may see (his own unit and those below it, or a council's
    whole area for its secretariat and members), and those sent to a cluster he leads."""
    if not user.is_authenticated or not user.is_active:
        return Registration.objects.none()
    if user.is_superuser:
        return Registration.objects.all()
    return Registration.objects.filter(
        Q(unit__in=units_visible_to(user)) | Q(cluster__leader_id__in=officer_unit_ids(user))
    )


def cluster_lists_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[ClusterList]:
    """Lists of the clusters the user may see (campaigns.selectors.clusters_visible_to)."""
    return ClusterList.objects.filter(cluster__in=clusters_visible_to(user))


def unit_registrations(*, unit: Unit) -> dict[int, Registration]:
    """The unit's registrations by window id, with their windows: one query."""
    return {r.window_id: r for r in Registration.objects.filter(unit=unit).select_related("window")}


def registered_units(*, year: int, council) -> QuerySet[Unit]:
    """Units that registered (submitted, or had accepted) for a window of ``council`` in
    ``year``: the year-end review considers only them (son-tay-2020 §7)."""
    return Unit.objects.filter(
        registrations__window__campaign__council=council,
        registrations__window__campaign__year=year,
        registrations__status__in=REGISTERED,
    ).distinct()


def registration_history(*, registration: Registration | ClusterList) -> list:
    """The recorded changes of a registration or cluster list, oldest first, with translated
    state names."""
    return history_of(
        obj=registration,
        state_labels=dict(Status.choices),
        field_labels={"extended_until": _("Extended until")},
    )


@dataclass(frozen=True)
class MemberRow:
    """A member of a cluster and its registration for the window (None: not started)."""

    unit: Unit
    registration: Registration | None

    @property
    def state(self) -> str:
        return self.registration.status if self.registration else MISSING


def cluster_members(*, window: RegistrationWindow, cluster: Cluster) -> list[MemberRow]:
    """Every member unit of the cluster with its registration for the window, by name, with
    line counts annotated (``entry_count``): two queries."""
    registrations = {
        r.unit_id: r
        for r in Registration.objects.filter(window=window, cluster=cluster).annotate(
            entry_count=Count("entries")
        )
    }
    return [MemberRow(unit, registrations.get(unit.pk)) for unit in cluster.members.all()]


def list_entries(*, cluster_list: ClusterList) -> list[RegistrationEntry]:
    """The lines of the list's registrations, collectives first, then individuals
    (son-tay-2020 §5.2: "Tập thể trước, cá nhân sau"), each by unit then order: one query."""
    entries = RegistrationEntry.objects.filter(
        registration__cluster_list=cluster_list
    ).select_related("registration__unit", "collective", "person", "title", "form")
    return sorted(
        entries,
        key=lambda e: (
            e.kind != RegistrationEntry.Kind.COLLECTIVE,
            e.registration.unit.name,
            e.order,
        ),
    )


@dataclass
class UnitRow:
    """One expected unit on the overview: its cluster, its registration's state (``MISSING``
    when none was started) and its number of lines."""

    unit_id: int
    name: str
    cluster_id: int | None = None
    cluster_name: str = ""
    registration_id: int | None = None
    state: str = MISSING
    entries: int = 0
    extended_until: object = None

    @property
    def is_registered(self) -> bool:
        return self.state in REGISTERED

    @property
    def state_label(self) -> str:
        return _("Not started") if self.state == MISSING else Status(self.state).label


@dataclass
class ClusterRow:
    """One cluster on the overview: its list's state and its members' states counted."""

    pk: int
    name: str
    leader: str
    list_state: str = ""
    states: Counter = field(default_factory=Counter)

    @property
    def members(self) -> int:
        return sum(self.states.values())

    @property
    def registered(self) -> int:
        return sum(self.states[s] for s in REGISTERED)

    @property
    def list_state_label(self) -> str:
        return Status(self.list_state).label if self.list_state else ""


@dataclass(frozen=True)
class AwardCount:
    """How many registered lines seek an award, collectives and individuals apart."""

    code: str
    name: str
    collectives: int
    individuals: int

    @property
    def total(self) -> int:
        return self.collectives + self.individuals


@dataclass
class Overview:
    """The secretariat's picture of a window: every expected unit (``rows``, by name), the
    clusters, the lines per award among registered units, and the counts per state."""

    window: RegistrationWindow
    rows: list[UnitRow]
    clusters: list[ClusterRow]
    awards: list[AwardCount]

    @property
    def states(self) -> Counter:
        return Counter(row.state for row in self.rows)

    @property
    def registered(self) -> int:
        return sum(1 for row in self.rows if row.is_registered)

    @property
    def returned(self) -> int:
        return self.states[Status.RETURNED]

    @property
    def not_registered(self) -> list[UnitRow]:
        """The units that have not registered: none started, a draft never sent, or returned
        and not sent again — the list the year-end review refuses (son-tay-2020 §7)."""
        return [row for row in self.rows if not row.is_registered]


def overview(*, window: RegistrationWindow) -> Overview:
    """The window's overview in six queries whatever the number of units: the expected units
    (the campaign's participants), the council's clusters of the year and their members, the
    registrations with their line counts, the cluster lists, and the registered lines counted
    per award."""
    campaign = window.campaign
    rows = {
        pk: UnitRow(unit_id=pk, name=name)
        for pk, name in campaign.participants.order_by("name", "pk").values_list("pk", "name")
    }
    clusters = {
        pk: ClusterRow(pk=pk, name=name, leader=leader or "")
        for pk, name, leader in Cluster.objects.filter(
            council_id=campaign.council_id, year=campaign.year
        )
        .order_by("kind", "number")
        .values_list("pk", "name", "leader__name")
    }
    memberships = Cluster.members.through.objects.filter(cluster_id__in=list(clusters)).order_by(
        "cluster__kind", "cluster__number"
    )
    for unit_id, cluster_id in memberships.values_list("unit_id", "cluster_id"):
        row = rows.get(unit_id)
        if row is not None and row.cluster_id is None:
            row.cluster_id, row.cluster_name = cluster_id, clusters[cluster_id].name
    registrations = (
        Registration.objects.filter(window=window)
        .annotate(entry_count=Count("entries"))
        .values_list("pk", "unit_id", "status", "entry_count", "extended_until", "cluster_id")
    )
    for pk, unit_id, status, count, extended, cluster_id in registrations:
        row = rows.get(unit_id)
        if row is None:
            continue
        row.registration_id, row.state, row.entries, row.extended_until = (
            pk,
            status,
            count,
            extended,
        )
        if cluster_id in clusters:
            row.cluster_id, row.cluster_name = cluster_id, clusters[cluster_id].name
    for row in rows.values():
        if row.cluster_id in clusters:
            clusters[row.cluster_id].states[row.state] += 1
    for cluster_id, status in ClusterList.objects.filter(window=window).values_list(
        "cluster_id", "status"
    ):
        if cluster_id in clusters:
            clusters[cluster_id].list_state = status
    return Overview(
        window=window,
        rows=list(rows.values()),
        clusters=[c for c in clusters.values() if c.members],
        awards=award_counts(window=window),
    )


def award_counts(*, window: RegistrationWindow) -> list[AwardCount]:
    """Lines of registered units per award, in catalog order (titles, then forms): one
    query."""
    counted = (
        RegistrationEntry.objects.filter(
            registration__window=window, registration__status__in=REGISTERED
        )
        .values("title__code", "title__name_vi", "title__order", "form__code", "form__name_vi")
        .annotate(
            collectives=Count("pk", filter=Q(kind=RegistrationEntry.Kind.COLLECTIVE)),
            individuals=Count("pk", filter=Q(kind=RegistrationEntry.Kind.INDIVIDUAL)),
        )
        .order_by("form__code", "title__order", "form__order")
    )
    return [
        AwardCount(
            code=row["title__code"] or row["form__code"],
            name=row["title__name_vi"] or row["form__name_vi"],
            collectives=row["collectives"],
            individuals=row["individuals"],
        )
        for row in counted
    ]


def collectives_of(*, unit: Unit) -> list[Unit]:
    """The collectives a unit registers: itself, then the units directly below it that still
    exist, by name: one query."""
    below = Unit.objects.filter(parent=unit, dissolved_on__isnull=True).order_by("name", "pk")
    return [unit, *below]


def people_of(*, unit: Unit) -> QuerySet[Person]:
    """The people of the unit and of the units below it (lazy)."""
    return Person.objects.filter(unit__in=unit_subtree(unit=unit))


def people_matching(*, unit: Unit, text: str, limit: int = 10) -> list:
    """At most ``limit`` people of the unit's subtree whose name contains ``text`` (accents and
    case ignored), with their unit: one query."""
    key = search_key(text)
    if len(key) < 2:
        return []
    found = people_of(unit=unit).filter(search_name__contains=key).select_related("unit")
    return list(found.order_by("full_name", "pk")[:limit])


@dataclass(frozen=True)
class LedList:
    """A window and a cluster the user leads in it, with the list if it was started."""

    window: RegistrationWindow
    cluster: Cluster
    cluster_list: ClusterList | None


def cluster_lists_to_lead(*, user: AbstractBaseUser) -> list[LedList]:
    """For each cluster the user's units lead, the windows of its council and year: two
    queries."""
    led = Cluster.objects.filter(leader_id__in=officer_unit_ids(user))
    windows = RegistrationWindow.objects.filter(campaign__council__clusters__in=led).select_related(
        "campaign"
    )
    lists = {(c.window_id, c.cluster_id): c for c in ClusterList.objects.filter(cluster__in=led)}
    clusters = list(led.order_by("-year", "number"))
    return [
        LedList(window, cluster, lists.get((window.pk, cluster.pk)))
        for cluster in clusters
        for window in windows
        if window.campaign.council_id == cluster.council_id and window.campaign.year == cluster.year
    ]
