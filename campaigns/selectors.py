"""Reads of campaigns and clusters, scoped to what a user may see.

Every page starts from ``campaigns_visible_to`` or ``clusters_visible_to``; an object outside
the user's scope is not found (404).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Case, Count, F, Q, QuerySet, Sum, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from campaigns.models import (
    Acclamation,
    Campaign,
    CampaignDocument,
    Cluster,
    ClusterDocument,
    ScoreSheet,
    ScoringCriterion,
)
from campaigns.scoring import SheetPoints, Standing, standings
from common.selectors import history_of
from common.text import search_key
from organizations.models import Membership
from organizations.selectors import officer_unit_ids, units_visible_to


def _officer_units(user) -> QuerySet:
    return Membership.objects.filter(user=user, role=Membership.Role.UNIT_OFFICER).values("unit_id")


def _visible(model, user, *, unit_fields: tuple[str, ...], also: Q | None = None) -> QuerySet:
    """Rows of ``model`` (Campaign or Cluster) of a council the user oversees, or whose
    ``unit_fields`` hold a unit he is an officer of, or matching ``also``."""
    if not user.is_authenticated or not user.is_active:
        return model.objects.none()
    if user.is_superuser:
        return model.objects.all()
    officer_units = _officer_units(user)
    condition = Q(council__unit__in=units_visible_to(user, roles=Membership.OVERSEEING_ROLES))
    for name in unit_fields:
        condition |= Q(**{f"{name}__in": officer_units})
    if also is not None:
        condition |= also
    return model.objects.filter(pk__in=model.objects.filter(condition).values("pk"))


def clusters_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Cluster]:
    """Clusters whose member or leader unit the user is an officer of, clusters of councils he
    oversees (secretariat, admin, council member), and those he is in charge of."""
    also = Q(in_charge=user) if user.is_authenticated else None
    return _visible(Cluster, user, unit_fields=("members", "leader"), also=also)


def campaigns_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Campaign]:
    """Campaigns of councils the user oversees, and those his units take part in, lead or asked
    for."""
    return _visible(Campaign, user, unit_fields=("participants", "lead_unit", "requested_by"))


def campaigns_on_dashboard(user: AbstractBaseUser) -> QuerySet[Campaign]:
    """Launched campaigns that the user's units take part in or lead: one query."""
    officer_units = _officer_units(user)
    ids = Campaign.objects.filter(
        Q(participants__in=officer_units) | Q(lead_unit__in=officer_units),
        status=Campaign.Status.LAUNCHED,
    ).values("pk")
    return Campaign.objects.filter(pk__in=ids).select_related("lead_unit").order_by("-year", "name")


def clusters_on_dashboard(user: AbstractBaseUser) -> QuerySet[Cluster]:
    """Clusters of the latest years that the user's units are members or leaders of."""
    officer_units = _officer_units(user)
    ids = Cluster.objects.filter(Q(members__in=officer_units) | Q(leader__in=officer_units)).values(
        "pk"
    )
    return Cluster.objects.filter(pk__in=ids).select_related("leader").order_by("-year", "number")


def submitted_sheet_points(*, cluster: Cluster) -> list[SheetPoints]:
    """The submitted sheets of the cluster with their points summed per criterion kind: one
    query."""
    zero = Decimal(0)

    def kind_sum(kind: str):
        return Coalesce(Sum("scores__points", filter=Q(scores__criterion__kind=kind)), zero)

    rows = (
        cluster.sheets.filter(submitted_at__isnull=False)
        .values("assessor_id", "assessed_id")
        .annotate(
            base=kind_sum(ScoringCriterion.Kind.BASE),
            bonus=kind_sum(ScoringCriterion.Kind.BONUS),
            penalty=kind_sum(ScoringCriterion.Kind.PENALTY),
        )
        .order_by()
    )
    return [SheetPoints(**row) for row in rows]


@dataclass
class MatrixRow:
    """A member's line of the scoring matrix: the standing and each sheet about it with its
    total (None while the sheet is not submitted)."""

    unit: object
    standing: Standing
    sheets: list[tuple[ScoreSheet, Decimal | None]] = field(default_factory=list)


def scoring_matrix(*, cluster: Cluster) -> list[MatrixRow]:
    """Every member in rank order with its standing and the sheets scoring it (submitted or
    not, with their assessor and total). Three queries whatever the cluster's size."""
    members = {u.pk: u for u in cluster.members.all()}
    sheets = list(cluster.sheets.select_related("assessor").order_by("assessor__name"))
    points = submitted_sheet_points(cluster=cluster)
    totals = {(p.assessor_id, p.assessed_id): p.total for p in points}
    rows = standings(
        member_ids=sorted(members, key=lambda pk: members[pk].name),
        sheets=points,
        threshold=cluster.difference_threshold,
    )
    by_unit = {row.unit_id: MatrixRow(unit=members[row.unit_id], standing=row) for row in rows}
    for sheet in sheets:
        if sheet.assessed_id in by_unit:
            total = totals.get((sheet.assessor_id, sheet.assessed_id))
            by_unit[sheet.assessed_id].sheets.append((sheet, total))
    return [by_unit[row.unit_id] for row in rows]


@dataclass(frozen=True)
class ChecklistItem:
    """One document the cluster owes: its kind, the current version and the older ones."""

    kind: str
    label: str
    current: ClusterDocument | None
    previous: list[ClusterDocument]


def document_checklist(*, cluster: Cluster) -> list[ChecklistItem]:
    """The five documents of son-tay-2020 §5.2 in order, each with its versions: one query."""
    versions: dict[str, list[ClusterDocument]] = {}
    for document in cluster.documents.select_related("uploaded_by"):
        versions.setdefault(document.kind, []).append(document)
    return [
        ChecklistItem(
            kind=kind,
            label=label,
            current=(versions.get(kind) or [None])[0],
            previous=versions.get(kind, [])[1:],
        )
        for kind, label in ClusterDocument.Kind.choices
    ]


def campaign_documents(*, campaign: Campaign) -> QuerySet[CampaignDocument]:
    """The campaign's documents, newest first within each kind."""
    return campaign.documents.select_related("uploaded_by")


def cluster_series(*, cluster: Cluster) -> QuerySet[Cluster]:
    """The same cluster in every year (same council, kind and number), newest first, with
    leaders and deputies: the rotation of its leadership."""
    return (
        Cluster.objects.filter(
            council_id=cluster.council_id, kind=cluster.kind, number=cluster.number
        )
        .select_related("leader", "deputy")
        .order_by("-year")
    )


def sheets_to_fill(*, cluster: Cluster, user: AbstractBaseUser) -> QuerySet[ScoreSheet]:
    """The sheets of the cluster that the user's units fill, self-assessment first."""
    own_first = Case(When(assessor=F("assessed"), then=0), default=1)
    return (
        cluster.sheets.filter(assessor_id__in=officer_unit_ids(user))
        .select_related("assessor", "assessed")
        .order_by("assessor__name", own_first, "assessed__name")
    )


def flag_proposals(*, year: int, council=None) -> QuerySet[Acclamation]:
    """The leading units elected in clusters of ``year``: proposals for the provincial emulation
    flag (Law on Emulation and Commendation 2022, Art. 26) that a dossier turns into a
    nomination."""
    found = Acclamation.objects.filter(cluster__year=year).select_related("cluster", "winner")
    return found.filter(cluster__council=council) if council is not None else found


@dataclass(frozen=True)
class CampaignDate:
    """A dated step of a campaign: its own dates, or a plan deadline that names it."""

    day: object
    label: str


def campaign_deadlines(*, campaign: Campaign) -> list[CampaignDate]:
    """The campaign's start, reviews and end, and the deadlines of its plan whose obligation
    names the campaign, by date: one query for the plan's deadlines."""
    own = [
        (campaign.starts_on, _("Campaign starts")),
        (campaign.mid_year_review_on, _("Mid-year review")),
        (campaign.annual_review_on, _("Annual review")),
        (campaign.ends_on, _("Campaign ends")),
    ]
    dates = [CampaignDate(day=day, label=label) for day, label in own if day]
    if campaign.plan_id:
        name = search_key(campaign.name)
        dates += [
            CampaignDate(day=deadline.due_date, label=deadline.text)
            for deadline in campaign.plan.deadlines.all()
            if name in search_key(deadline.text)
        ]
    return sorted(dates, key=lambda entry: entry.day)


def clusters_with_counts(*, clusters: QuerySet[Cluster]) -> QuerySet[Cluster]:
    """``clusters`` with leader, deputy and council loaded and ``member_count`` annotated."""
    return clusters.select_related("leader", "deputy", "council").annotate(
        member_count=Count("members", distinct=True)
    )


def acclamation_of(*, cluster: Cluster) -> Acclamation | None:
    """The recorded vote of the cluster with its winner, or None."""
    return Acclamation.objects.select_related("winner").filter(cluster=cluster).first()


def cluster_history(*, cluster: Cluster) -> list:
    """The cluster's recorded changes (leaders, documents, scale, scoring, vote) with
    translated names, oldest first."""
    fields = {
        "leader": _("Leader unit"),
        "deputy": _("Deputy unit"),
        "criteria": _("Scoring scale (criteria)"),
        "assignments": _("Cross-assessments assigned"),
        "scoring_status": _("Scoring"),
        "acclamation": _("Leading unit elected"),
    }
    fields |= {f"document:{kind}": label for kind, label in ClusterDocument.Kind.choices}
    return history_of(
        obj=cluster, state_labels=dict(Cluster.ScoringStatus.choices), field_labels=fields
    )
