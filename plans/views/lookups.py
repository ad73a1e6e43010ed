"""Looking plans up for a request: every view goes through these, so a plan the user may
not see is a 404 and one he may not change is a 403."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from organizations.models import Membership, Unit
from plans import selectors
from plans.models import Plan


def visible_plan(request: HttpRequest, pk: int) -> Plan:
    return get_object_or_404(
        selectors.plans_visible_to(request.user).select_related("issuing_unit"), pk=pk
    )


def changeable_plan(request: HttpRequest, pk: int) -> Plan:
    """The plan if the user may change it: 404 if he cannot see it, 403 if he only reads it."""
    plan = visible_plan(request, pk)
    if not request.user.has_perm("plans.change_plan", plan):
        raise PermissionDenied
    return plan


def units_issuing_for(user) -> QuerySet[Unit]:
    """Units for which the user may import or write plans: where he is secretariat or
    administrator."""
    if user.is_superuser:
        return Unit.objects.filter(council__isnull=False)
    return Unit.objects.filter(
        Q(memberships__user=user, memberships__role__in=Membership.MANAGING_ROLES)
    ).distinct()
