"""Writes of review rounds: the secretariat sets them up from the plan."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.models import AwardForm, EmulationTitle
from common.audit import record_save, snapshot
from common.working_days import working_days_before
from dossiers.models import Round
from organizations.models import Council

ROUND_FIELDS = (
    "name", "year", "opens_on", "closes_on", "ceremony_on", "working_days_before",
    "plan_deadline", "late_policy", "requires_registration", "disclosure_starts_on",
    "disclosure_ends_on",
)  # fmt: skip


def closing_day(
    *,
    closes_on: datetime.date | None,
    ceremony_on: datetime.date | None,
    days_before: int | None,
    plan_deadline=None,
) -> datetime.date:
    """The round's last day: ``days_before`` working days before the ceremony when both are
    given (Vietnamese public holidays excluded), else ``closes_on``, else the plan deadline's
    due date. Raises ``ValidationError`` when none is given."""
    if ceremony_on is not None and days_before is not None:
        return working_days_before(ceremony_on, days_before)
    if closes_on is not None:
        return closes_on
    if plan_deadline is not None:
        return plan_deadline.due_date
    raise ValidationError(
        _("Give the closing day, the plan's deadline, or the ceremony day and working days."),
        code="no_closing_day",
    )


@transaction.atomic
def round_save(
    *,
    council: Council,
    actor,
    titles: Iterable[EmulationTitle] = (),
    forms: Iterable[AwardForm] = (),
    instance: Round | None = None,
    **fields,
) -> Round:
    """Create (or, with ``instance``, change) a round of ``council`` with the titles and forms
    it accepts. ``fields`` are model fields (``ROUND_FIELDS``); ``closes_on`` is computed by
    ``closing_day``. Raises ``ValidationError`` when the round accepts nothing, closes before
    it opens, or its plan deadline is from another council's plan. The round created, or the
    fields changed, are recorded in the audit trail."""
    titles, forms = list(titles), list(forms)
    if not titles and not forms:
        raise ValidationError(_("Choose the titles or forms the round accepts."), code="empty")
    unknown = set(fields) - set(ROUND_FIELDS)
    if unknown:
        raise TypeError(f"Unknown round fields: {sorted(unknown)}")
    deadline = fields.get("plan_deadline")
    if deadline is not None and deadline.plan.issuing_unit_id != council.unit_id:
        raise ValidationError(_("That deadline is from another council's plan."), code="plan")
    fields["closes_on"] = closing_day(
        closes_on=fields.get("closes_on"),
        ceremony_on=fields.get("ceremony_on"),
        days_before=fields.get("working_days_before"),
        plan_deadline=deadline,
    )
    if fields.get("opens_on") is None:
        fields["opens_on"] = datetime.date(fields.get("year") or fields["closes_on"].year, 1, 1)
    if fields["closes_on"] < fields["opens_on"]:
        raise ValidationError(_("The round cannot close before it opens."), code="order")
    round_ = instance or Round(council=council, created_by=actor)
    before = snapshot(instance) if instance is not None else None
    for name, value in fields.items():
        setattr(round_, name, value)
    round_.save()
    record_save(round_, actor=actor, reference="round_save", before=before, created=not instance)
    round_.titles.set(titles)
    round_.forms.set(forms)
    return round_
