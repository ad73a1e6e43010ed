"""The one door through which registrations and cluster lists change state.

    draft ──submit──▶ submitted ──accept──▶ accepted
      ▲                   │
      └──── returned ◀──return (with a reason)
            └──submit──▶ submitted

The same table serves ``Registration`` (reviewed by the unit's cluster leader, or by the
secretariat for a unit outside the clusters) and ``ClusterList`` (reviewed by the secretariat).
Who may act is checked by the views with registrations/rules.py; what may happen when, here.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from common.services import state_change_record
from registrations.models import ClusterList, Registration

SUBMIT, RETURN, ACCEPT = "submit", "return", "accept"
DRAFT, SUBMITTED, RETURNED, ACCEPTED = "draft", "submitted", "returned", "accepted"

# (action) → (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    SUBMIT: ((DRAFT, RETURNED), SUBMITTED),
    RETURN: ((SUBMITTED, ACCEPTED), RETURNED),
    ACCEPT: ((SUBMITTED,), ACCEPTED),
}


def deadline_text(day: datetime.date) -> str:
    """A last day as officials write it: dd/mm/yyyy."""
    return date_format(day, "d/m/Y")


def late_refusal(*, last_day: datetime.date, today: datetime.date) -> str | None:
    """The refusal for a submission on ``today`` when ``last_day`` has passed, else None."""
    if today <= last_day:
        return None
    return _(
        "The registration deadline was %(deadline)s; it is now closed. Ask the council's "
        "secretariat for an extension."
    ) % {"deadline": deadline_text(last_day)}


@transaction.atomic
def transition(
    *, obj: Registration | ClusterList, action: str, actor, reason: str = ""
) -> Registration | ClusterList:
    """Move ``obj`` by ``action`` (SUBMIT, RETURN or ACCEPT) and record it.

    Locks the row first, so two reviewers acting at once cannot both succeed from the same
    state. A return needs a ``reason`` (kept on the object and in the audit trail). Raises
    ``ValidationError`` (in the user's language) when the action is not allowed from the
    current state or the reason is missing. The caller checks permissions and, for a
    submission, completeness and the deadline (``registration_submit``).
    """
    sources, target = TRANSITIONS[action]
    locked = type(obj).objects.select_for_update().get(pk=obj.pk)
    if locked.status not in sources:
        raise ValidationError(
            _("This cannot be done while the status is “%(status)s”.")
            % {"status": locked.get_status_display()},
            code="wrong_state",
        )
    reason = reason.strip()
    if action == RETURN and not reason:
        raise ValidationError(_("Say why it is returned."), code="reason_required")
    previous = locked.status
    locked.status = target
    fields = ["status", "updated_at"]
    if action == RETURN:
        locked.return_reason = reason
        fields.append("return_reason")
    if action == SUBMIT:
        locked.submitted_at = timezone.now()
        locked.submitted_by = actor
        fields += ["submitted_at", "submitted_by"]
    locked.save(update_fields=fields)
    state_change_record(
        obj=locked, from_state=previous, to_state=target, actor=actor, reason=reason
    )
    return locked
