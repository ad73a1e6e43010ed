"""Opening a registration window and granting a unit (or a cluster) more time."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.models import Campaign
from common.services import state_change_record
from common.text import search_key
from plans.models import ScheduleTask
from registrations.models import ClusterList, Registration, RegistrationWindow
from registrations.services.flow import deadline_text

# How a plan's schedule names the registration task ("… đăng ký thi đua năm 2020 của các cụm
# thi đua thuộc thị xã với Hội đồng TDKT thị xã", son-tay-2020 appendix, task 6).
REGISTRATION_TASK_WORDS = "dang ky thi dua"


def registration_task_of(*, plan) -> ScheduleTask | None:
    """The plan's schedule task that sets the registration deadline: a dated task whose content
    speaks of registering for emulation ("đăng ký thi đua"), the latest one when several do.
    One query."""
    tasks = [
        task
        for task in plan.schedule_tasks.filter(due_date__isnull=False).order_by("due_date")
        if REGISTRATION_TASK_WORDS in search_key(task.content)
    ]
    return tasks[-1] if tasks else None


@transaction.atomic
def window_open(
    *,
    campaign: Campaign,
    actor,
    closes_on: datetime.date | None = None,
    opens_on: datetime.date | None = None,
) -> RegistrationWindow:
    """Open registrations for a launched campaign of a council.

    Without ``closes_on`` the last day is the due date of the campaign plan's registration task
    (``registration_task_of``), kept as ``schedule_task``. Recorded in the audit trail. Raises
    ``ValidationError`` when the campaign is not launched, already has a window, no last day is
    given and the plan has none, or the last day comes before the first.
    """
    if campaign.status != Campaign.Status.LAUNCHED:
        raise ValidationError(_("Registrations open only for a launched campaign."))
    if RegistrationWindow.objects.filter(campaign=campaign).exists():
        raise ValidationError(_("Registrations for this campaign are already open."))
    task = registration_task_of(plan=campaign.plan) if campaign.plan_id else None
    if closes_on is None:
        if task is None:
            raise ValidationError(
                _("The plan has no registration task with a date: give the last day.")
            )
        closes_on = task.due_date
    else:
        task = task if task is not None and task.due_date == closes_on else None
    if opens_on is not None and closes_on < opens_on:
        raise ValidationError(_("The last day cannot come before the first day."))
    window = RegistrationWindow.objects.create(
        campaign=campaign,
        opens_on=opens_on,
        closes_on=closes_on,
        schedule_task=task,
        created_by=actor,
    )
    state_change_record(
        obj=window, field="closes_on", to_state=deadline_text(closes_on), actor=actor
    )
    return window


@transaction.atomic
def window_close_on(
    *, window: RegistrationWindow, closes_on: datetime.date, actor, reason: str
) -> RegistrationWindow:
    """Move the window's last day for everyone (the secretariat sets it), with a reason kept
    in the audit trail. Raises ``ValidationError`` without a reason or before the first day."""
    if not reason.strip():
        raise ValidationError(_("Say why the deadline changes."))
    window = RegistrationWindow.objects.select_for_update().get(pk=window.pk)
    if window.opens_on is not None and closes_on < window.opens_on:
        raise ValidationError(_("The last day cannot come before the first day."))
    previous = window.closes_on
    window.closes_on = closes_on
    window.save(update_fields=["closes_on"])
    state_change_record(
        obj=window,
        field="closes_on",
        from_state=deadline_text(previous),
        to_state=deadline_text(closes_on),
        actor=actor,
        reason=reason.strip(),
    )
    return window


@transaction.atomic
def extension_grant(
    *, target: Registration | ClusterList, until: datetime.date, reason: str, actor
) -> Registration | ClusterList:
    """Give one unit's registration (or one cluster's list) a later last day than the window's.

    The extension and its reason are recorded in the audit trail (field ``extended_until``).
    Raises ``ValidationError`` without a reason, or when ``until`` is not after the window's
    last day.
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the extension is granted."))
    locked = type(target).objects.select_related("window").select_for_update().get(pk=target.pk)
    if until <= locked.window.closes_on:
        raise ValidationError(
            _("An extension must end after the deadline of %(deadline)s.")
            % {"deadline": deadline_text(locked.window.closes_on)}
        )
    previous = locked.extended_until
    locked.extended_until = until
    locked.save(update_fields=["extended_until", "updated_at"])
    state_change_record(
        obj=locked,
        field="extended_until",
        from_state=deadline_text(previous) if previous else "",
        to_state=deadline_text(until),
        actor=actor,
        reason=reason,
    )
    return locked
