"""Reads of the deadline pages that reminders/selectors.py does not hold: the councils a user
follows, their deadlines with counts, what a responsible unit's page and the secretariat's
pages show, the outbox and the calendar feed's rows. Every function runs a fixed number of
queries, whatever the number of rows."""

import datetime
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet

from notifications.models import Delivery, OutgoingMail
from organizations.models import Council, Membership, Unit
from organizations.selectors import units_visible_to
from reminders.models import Deadline, DeadlineUnit, DoneProof, OverdueDigest, ReminderDispatch
from reminders.selectors import targets_for_user, with_state

# The calendar feed reaches this far back and ahead.
CALENDAR_DAYS = 365


def secretariat_councils(*, user) -> QuerySet[Council]:
    """The councils the user belongs to the secretariat of (a secretariat membership in the
    council's unit or above it, as ``organizations.rules.is_secretariat_of``), by name. A
    superuser without such a membership has none. One query when evaluated."""
    units = units_visible_to(user, roles=(Membership.Role.SECRETARIAT,), superuser_sees_all=False)
    return Council.objects.filter(unit__in=units).select_related("unit").order_by("name")


def councils_followed_by(*, user) -> QuerySet[Council]:
    """The councils whose deadlines the user follows: every council for a superuser, else
    ``secretariat_councils``."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return Council.objects.select_related("unit").order_by("name")
    return secretariat_councils(user=user)


def council_deadlines(
    *, councils: QuerySet[Council], since: datetime.date | None = None
) -> QuerySet[Deadline]:
    """The deadlines of ``councils`` due on ``since`` or later (all when ``None``), soonest
    first, with their council."""
    deadlines = Deadline.objects.filter(council__in=councils).select_related("council")
    if since is not None:
        deadlines = deadlines.filter(due_date__gte=since)
    return deadlines.order_by("due_date", "pk")


def done_counts(*, deadline_ids) -> dict[int, tuple[int, int]]:
    """``{deadline id: (units done, units responsible)}`` for ``deadline_ids``: one query."""
    rows = (
        with_state(DeadlineUnit.objects.filter(deadline_id__in=list(deadline_ids)))
        .order_by()
        .values("deadline_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(is_done=True)))
    )
    return {row["deadline_id"]: (row["done"], row["total"]) for row in rows}


def targets_visible_to(user) -> QuerySet[DeadlineUnit]:
    """The responsible-unit rows of the units the user may see (any role), with their state,
    deadline, council and unit: the rows whose page he may open."""
    return with_state(
        DeadlineUnit.objects.filter(unit__in=units_visible_to(user)).select_related(
            "deadline__council__unit", "deadline__plan", "unit__parent", "done_by"
        )
    )


def target_proofs(*, target: DeadlineUnit) -> QuerySet[DoneProof]:
    """The files the unit attached when marking ``target`` done, newest first."""
    return target.proofs.select_related("uploaded_by").order_by("-uploaded_at", "-pk")


def proofs_visible_to(user) -> QuerySet[DoneProof]:
    """The proofs of the responsible units the user may see."""
    return DoneProof.objects.filter(target__unit__in=units_visible_to(user))


def dispatches_by_unit(*, deadline: Deadline) -> dict[int, list[ReminderDispatch]]:
    """The reminders written for ``deadline``, by unit id, each unit's in the order of their
    day: one query."""
    found: dict[int, list[ReminderDispatch]] = defaultdict(list)
    for row in deadline.dispatches.order_by("unit_id", "send_on", "pk"):
        found[row.unit_id].append(row)
    return dict(found)


def units_directly_under(*, councils, today: datetime.date) -> QuerySet[Unit]:
    """The units directly under the units of ``councils`` that exist ``today``, by name: those a
    council's own obligation may be asked of."""
    return (
        Unit.objects.filter(parent__council__in=councils)
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=today))
        .filter(Q(established_on__isnull=True) | Q(established_on__lte=today))
        .order_by("name", "pk")
    )


def outbox_area(*, user) -> QuerySet[Unit] | None:
    """The units whose rows of the outbox the user may see: ``None`` (every row) for a
    superuser; else the units under his administrator memberships, so that an administrator
    of one council never reads another council's reminders, digests or mail."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return None
    return units_visible_to(user, roles=(Membership.Role.ADMIN,), superuser_sees_all=False)


def _in_area(rows: QuerySet, area: QuerySet[Unit] | None) -> QuerySet:
    """``rows`` of an outbox list limited to ``area`` (``outbox_area``): a reminder by its
    unit, a digest by its council's unit; a mail is left out when it goes to a user whose
    roles are all outside the area (another council's officer or secretariat)."""
    if area is None:
        return rows
    if rows.model is ReminderDispatch:
        return rows.filter(unit__in=area)
    if rows.model is OverdueDigest:
        return rows.filter(council__unit__in=area)
    users = get_user_model().objects.exclude(email="")
    inside = users.filter(memberships__unit__in=area).values("pk")
    outside = users.filter(memberships__isnull=False).exclude(pk__in=inside)
    return rows.exclude(to__in=outside.values("email"))


def status_counts(model: type[Delivery], *, area: QuerySet[Unit] | None = None) -> dict[str, int]:
    """How many rows of ``model`` (a ``Delivery``) in ``area`` (``outbox_area``; ``None``:
    all) are in each status: one query."""
    rows = _in_area(model.objects.order_by(), area)
    counts = dict(rows.values_list("status").annotate(n=Count("pk")))
    return {status: counts.get(status, 0) for status in Delivery.Status.values}


def reminder_outbox(
    *, status: str = "", area: QuerySet[Unit] | None = None
) -> QuerySet[ReminderDispatch]:
    """The reminders of ``area`` (``outbox_area``; ``None``: all), newest first (by day, then
    written), of one status when given."""
    rows = ReminderDispatch.objects.select_related("deadline", "unit").order_by("-send_on", "-pk")
    rows = _in_area(rows, area)
    return rows.filter(status=status) if status else rows


def digest_outbox(
    *, status: str = "", area: QuerySet[Unit] | None = None
) -> QuerySet[OverdueDigest]:
    """The overdue digests of ``area`` (``outbox_area``; ``None``: all), newest first, of one
    status when given."""
    rows = _in_area(OverdueDigest.objects.select_related("council").order_by("-day", "-pk"), area)
    return rows.filter(status=status) if status else rows


def mail_outbox(*, status: str = "", area: QuerySet[Unit] | None = None) -> QuerySet[OutgoingMail]:
    """The event mail to the users of ``area`` (``outbox_area``; ``None``: all), newest first,
    of one status when given (without their bodies)."""
    from notifications.selectors import outbox

    return _in_area(outbox(status=status), area).defer("body", "html_body")


def calendar_targets(*, user, today: datetime.date) -> QuerySet[DeadlineUnit]:
    """The deadlines of the user's units (``targets_for_user``) whose last day is within
    ``CALENDAR_DAYS`` of ``today``."""
    span = datetime.timedelta(days=CALENDAR_DAYS)
    return targets_for_user(user).filter(last_day__gte=today - span, last_day__lte=today + span)


def calendar_council_deadlines(*, user, today: datetime.date) -> QuerySet[Deadline]:
    """The deadlines of the councils whose secretariat the user belongs to, due within
    ``CALENDAR_DAYS`` of ``today``."""
    span = datetime.timedelta(days=CALENDAR_DAYS)
    return council_deadlines(councils=secretariat_councils(user=user), since=today - span).filter(
        due_date__lte=today + span
    )
