"""Reads of the dossiers app. Every list starts from what the user may see.

A unit officer sees his units' dossiers (and those of the units below them); the secretariat
and admins of a council see the submitted dossiers of its rounds; council members read them.
Drafts stay the unit's own.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from common.selectors import history_of
from dossiers.models import Dossier, Nomination, Round
from organizations.models import Council, Membership
from organizations.selectors import unit_ancestors, units_above_memberships, units_visible_to

Status = Dossier.Status


def councils_managed_by(user) -> QuerySet[Council]:
    """Councils whose secretariat or admin the user is (a membership in the unit or above)."""
    return Council.objects.filter(unit__in=units_visible_to(user, roles=Membership.MANAGING_ROLES))


def councils_overseen_by(user) -> QuerySet[Council]:
    """Councils the user manages or sits on."""
    return Council.objects.filter(
        unit__in=units_visible_to(user, roles=Membership.OVERSEEING_ROLES)
    )


def rounds_visible_to(user) -> QuerySet[Round]:
    """Rounds of the councils the user oversees, and rounds his units may send dossiers to."""
    return Round.objects.filter(
        Q(council__in=councils_overseen_by(user)) | Q(pk__in=rounds_open_to(user).values("pk"))
    ).select_related("council")


def rounds_open_to(user, *, today: datetime.date | None = None) -> QuerySet[Round]:
    """Rounds of the councils above the user's officer units; with ``today``, only those that
    accept dossiers that day (open, or past closing with late dossiers accepted)."""
    councils = Council.objects.filter(
        unit__in=units_above_memberships(user, roles=(Membership.Role.UNIT_OFFICER,))
    )
    rounds = Round.objects.filter(council__in=councils)
    if today is not None:
        rounds = rounds.filter(opens_on__lte=today).filter(
            Q(closes_on__gte=today) | Q(late_policy=Round.LatePolicy.ACCEPT_FLAGGED)
        )
    return rounds.select_related("council")


def dossiers_visible_to(user) -> QuerySet[Dossier]:
    """Dossiers of the user's officer units (and below), and the submitted dossiers of the
    rounds of councils he oversees."""
    own = units_visible_to(user, roles=(Membership.Role.UNIT_OFFICER,))
    return Dossier.objects.filter(
        Q(unit__in=own)
        | (Q(round__council__in=councils_overseen_by(user)) & ~Q(status=Status.DRAFT))
    )


def review_queue(*, user, filters: dict | None = None) -> QuerySet[Dossier]:
    """The secretariat's queue: submitted (non-draft) dossiers of the councils the user manages,
    newest submission first, with what a row shows loaded (unit, round, assignee, number of
    nominations). ``filters`` are ``round``, ``status``, ``assignee``, ``unit`` (ids or values);
    a fixed number of queries however many rows the caller slices."""
    queue = (
        Dossier.objects.filter(round__council__in=councils_managed_by(user))
        .exclude(status=Status.DRAFT)
        .select_related("unit", "round", "assignee")
        .annotate(nomination_count=Coalesce(_nomination_count(), 0))
        .order_by("-submitted_at", "-pk")
    )
    for name, value in (filters or {}).items():
        if value not in (None, ""):
            queue = queue.filter(**{name: value})
    return queue


def _nomination_count() -> Subquery:
    """Nominations per dossier as a correlated subquery, counted for the rows of the page only
    (a join with GROUP BY would count every dossier of the queue before the LIMIT)."""
    return Subquery(
        Nomination.objects.filter(dossier=OuterRef("pk"))
        .order_by()
        .values("dossier")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )


def status_counts(*, dossiers: QuerySet[Dossier]) -> dict[str, int]:
    """How many of ``dossiers`` are in each state (one query; a dossier counts once even when
    the queryset joins its nominations)."""
    return dict(dossiers.order_by().values_list("status").annotate(n=Count("pk", distinct=True)))


def secretariat_members(*, council: Council) -> QuerySet:
    """Users in the council's secretariat (a secretariat membership in its unit or above)."""
    units = [council.unit, *unit_ancestors(unit=council.unit)]
    return (
        get_user_model()
        .objects.filter(
            memberships__unit__in=[unit.pk for unit in units],
            memberships__role=Membership.Role.SECRETARIAT,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def dossier_nominations(*, dossier: Dossier) -> QuerySet[Nomination]:
    """The dossier's nominations with nominee, award and vote loaded, in order."""
    return dossier.nominations.select_related(
        "person__unit", "collective", "household__unit", "title", "form", "grant", "vote"
    )


def dossier_history(*, dossier: Dossier) -> list:
    """The recorded state changes of the dossier, oldest first, with translated names."""
    return history_of(obj=dossier, state_labels=dict(Status.choices))


def disclosed_nominations(*, round_: Round) -> QuerySet[Nomination]:
    """What a round's public page lists: nominations of submitted dossiers that were not
    withdrawn nor found ineligible — name, unit and award only are shown."""
    return (
        Nomination.objects.filter(dossier__round=round_)
        .exclude(dossier__status__in=(Status.DRAFT, Status.WITHDRAWN))
        .exclude(appraisal=Nomination.Appraisal.INELIGIBLE)
        .select_related("person", "collective", "household", "title", "form", "dossier__unit")
        .order_by("dossier__unit__name", "order", "pk")
    )
