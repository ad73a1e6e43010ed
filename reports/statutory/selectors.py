"""Reads behind the statutory forms: one council's area (its unit and every unit below it) in
one year. Each read is one or two aggregate queries, whatever the amount of data.

``FormData`` gathers them lazily, so an exporter that writes one form only runs the queries of
that form, and the page that counts the cells of all five forms runs each query once.
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Case, CharField, Count, Q, QuerySet, Value, When

from awards.models import AwardForm, AwardGrant, AwardRule, EmulationTitle, RecipientKind
from awards.selectors import rules_in_force
from campaigns.models import Campaign, Cluster
from organizations.models import Council, Membership, Unit
from organizations.selectors import unit_ancestors, unit_subtree

# Campaign durations, the rows of form 0601 ("Chia theo thời hạn thi đua").
UNDER_ONE_YEAR, ONE_YEAR, ONE_TO_THREE, THREE_TO_FIVE, FIVE_AND_MORE = (
    "under_1",
    "1",
    "1_3",
    "3_5",
    "5_plus",
)
DAYS_PER_MONTH = 365.25 / 12

# Who launched a campaign (the columns of form 0601).
PROVINCIAL, LOCAL = "provincial", "local"

# Memberships of people who do emulation and commendation work (form 0605).
TDKT_STAFF_ROLES = (Membership.Role.SECRETARIAT, Membership.Role.UNIT_OFFICER)


def duration_of(
    *, kind: str, starts_on: datetime.date | None, ends_on: datetime.date | None
) -> str | None:
    """The duration row of a campaign, from its dates in months of 30.44 days: under 11
    months "under 1 year", 11 to 13 months "1 year", then under 36, under 60, 60 and more.
    A regular campaign without dates runs the year (thi đua thường xuyên hằng năm): "1 year".
    None when the dates are missing for another kind (the duration is unknown)."""
    if starts_on and ends_on:
        months = ((ends_on - starts_on).days + 1) / DAYS_PER_MONTH
        if months < 11:
            return UNDER_ONE_YEAR
        if months <= 13:
            return ONE_YEAR
        if months < 36:
            return ONE_TO_THREE
        if months < 60:
            return THREE_TO_FIVE
        return FIVE_AND_MORE
    if kind == Campaign.Kind.REGULAR:
        return ONE_YEAR
    return None


@dataclass(frozen=True)
class CampaignFact:
    """A campaign launched in the year: its name, who launched it (``PROVINCIAL`` for a
    council of a province, ``LOCAL`` for the others), its ``kind`` and its ``duration`` (a
    row of ``duration_of``, None when unknown)."""

    name: str
    launcher: str
    kind: str
    duration: str | None


@dataclass(frozen=True)
class GrantGroup:
    """How many grants (``count``) of one award (``title_id`` or ``form_id``) went to one kind
    of recipient (``RecipientKind``) for one kind of achievement (``AwardGrant.Achievement``);
    ``enterprise`` for collectives that are enterprises."""

    title_id: int | None
    form_id: int | None
    recipient: str
    enterprise: bool
    achievement: str
    count: int


class FormData:
    """What the forms read about ``council``'s area for ``year``; each property runs its
    queries the first time it is read."""

    def __init__(self, *, council: Council, year: int):
        self.council = council
        self.year = year

    def _area(self) -> QuerySet[Unit]:
        return unit_subtree(unit=self.council.unit)

    @cached_property
    def ancestors(self) -> list[Unit]:
        """The units above the council's unit, from the root down; one query per level."""
        return unit_ancestors(unit=self.council.unit)

    @cached_property
    def councils(self) -> list[Council]:
        """The council and the councils below it, with their units; one query."""
        return list(Council.objects.filter(unit__in=self._area()).select_related("unit"))

    @cached_property
    def campaigns(self) -> list[CampaignFact]:
        """Campaigns launched (or launched and ended) for the year by the council or a council
        below it; drafts and proposals are not counted. One query."""
        rows = (
            Campaign.objects.filter(
                council__unit__in=self._area(),
                year=self.year,
                status__in=(Campaign.Status.LAUNCHED, Campaign.Status.ENDED),
            )
            .order_by("name", "pk")
            .values_list("name", "council__unit__kind", "kind", "starts_on", "ends_on")
        )
        return [
            CampaignFact(
                name=name,
                launcher=PROVINCIAL if unit_kind == Unit.Kind.PROVINCE else LOCAL,
                kind=kind,
                duration=duration_of(kind=kind, starts_on=starts_on, ends_on=ends_on),
            )
            for name, unit_kind, kind, starts_on, ends_on in rows
        ]

    @cached_property
    def clusters(self) -> int:
        """Emulation clusters and blocs of the year set up by the council or a council below
        it; one query."""
        return Cluster.objects.filter(council__unit__in=self._area(), year=self.year).count()

    @cached_property
    def grants(self) -> list[GrantGroup]:
        """The year's grants to people, collectives and households of the area, revoked ones
        left out, grouped by award, recipient kind, enterprise and achievement; one query."""
        area = self._area()
        recipient = Case(
            When(person__isnull=False, then=Value(RecipientKind.INDIVIDUAL)),
            When(unit__isnull=False, then=Value(RecipientKind.COLLECTIVE)),
            default=Value(RecipientKind.HOUSEHOLD),
            output_field=CharField(),
        )
        enterprise = Case(
            When(unit__kind=Unit.Kind.ENTERPRISE, then=Value("y")),
            default=Value(""),
            output_field=CharField(),
        )
        rows = (
            AwardGrant.objects.filter(year=self.year, revoked=False)
            .filter(Q(person__unit__in=area) | Q(unit__in=area) | Q(household__unit__in=area))
            .annotate(recipient_kind=recipient, is_enterprise=enterprise)
            .order_by()
            .values_list("title_id", "form_id", "recipient_kind", "is_enterprise", "achievement")
            .annotate(n=Count("pk"))
        )
        return [
            GrantGroup(title_id, form_id, kind, bool(flag), achievement, n)
            for title_id, form_id, kind, flag, achievement, n in rows
        ]

    @cached_property
    def titles(self) -> dict[int, EmulationTitle]:
        """Every emulation title of the catalog, by id; one query."""
        return {t.pk: t for t in EmulationTitle.objects.order_by("order", "code")}

    @cached_property
    def forms(self) -> dict[int, AwardForm]:
        """Every form of commendation of the catalog in catalog order, by id; one query."""
        return {f.pk: f for f in AwardForm.objects.order_by("order", "code")}

    @cached_property
    def rules(self) -> dict[str, AwardRule]:
        """The rules in force for the year in the council's province, by award code (the
        conferring level of each award); one query (plus ``ancestors``)."""
        unit = self.council.unit
        chain = [unit, *reversed(self.ancestors)]
        province = next((u for u in chain if u.kind == Unit.Kind.PROVINCE), None)
        return rules_in_force(year=self.year, province=province)

    @cached_property
    def staff(self) -> int:
        """People doing emulation and commendation work in the area now: active users holding
        a secretariat or unit-officer membership in a unit of the area; one query."""
        return (
            Membership.objects.filter(
                unit__in=self._area(), role__in=TDKT_STAFF_ROLES, user__is_active=True
            )
            .values("user_id")
            .distinct()
            .count()
        )

    @cached_property
    def members_by_role(self) -> Counter:
        """Active users by role (council member, secretariat) in the units of the area that
        have a council; one query."""
        rows = (
            Membership.objects.filter(
                unit__council__in=[c.pk for c in self.councils],
                role__in=(Membership.Role.COUNCIL_MEMBER, Membership.Role.SECRETARIAT),
                user__is_active=True,
            )
            .order_by()
            .values_list("role")
            .annotate(n=Count("user_id", distinct=True))
        )
        return Counter(dict(rows))

    @cached_property
    def receiving_council(self) -> Council | None:
        """The nearest council above the council's unit, None if there is none; one query
        (plus ``ancestors``)."""
        ancestors = self.ancestors
        found = Council.objects.filter(unit__in=[u.pk for u in ancestors]).select_related("unit")
        by_unit = {c.unit_id: c for c in found}
        for unit in reversed(ancestors):
            if unit.pk in by_unit:
                return by_unit[unit.pk]
        return None
