"""Writes of award decisions: issuing one from the council's approved nominations, telling the
units, and revoking a grant (Law Art. 93).

A decision (Quyết định khen thưởng) is an ``awards.AwardDecision`` issued by the council's
unit; each approved nomination it covers becomes an ``AwardGrant`` of the award history, linked
from the nomination. A revoked grant is never deleted: it stays in the history, marked, with
the ground and the day (LAW.md §4).
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.models import AwardDecision, AwardGrant
from common.services import state_change_record
from dossiers.models import Dossier, Nomination, Round
from dossiers.rules import manages_round
from dossiers.services.workflow import ISSUE, dossier_transition
from organizations.models import Council, Membership
from organizations.rules import has_role_over

APPROVED = Nomination.CouncilResult.APPROVED


class RevocationGround(models.TextChoices):
    """Why a grant is revoked (Law Art. 93, LAW.md §4)."""

    FRAUD = "fraud", gettext_lazy("Fraud")
    FORGED_DOCUMENTS = "forged_documents", gettext_lazy("Forged documents")
    UNLAWFUL_APPRAISAL = "unlawful_appraisal", gettext_lazy("Appraisal against the rules")
    CRITERIA_UNMET = "criteria_unmet", gettext_lazy("Criteria later found unmet")


@transaction.atomic
def decision_issue(
    *,
    round_: Round,
    nominations,
    number: str,
    date: datetime.date,
    signer_name: str,
    authority: str,
    actor,
) -> AwardDecision:
    """Issue the award decision ``number`` of ``date`` for ``nominations`` of ``round_``.

    Creates the ``AwardDecision`` (issued by the council's unit) and one ``AwardGrant`` per
    nomination (its nominee, title or form and achievement, for the round's year), linked from
    the nomination; a dossier whose approved nominations all have a grant then moves to
    "decision issued" (workflow ``ISSUE``). After commit the proposing units' officers are
    told by mail (task ``dossiers.notify_decision``).

    Raises ``PermissionDenied`` unless the actor is the round's secretariat, ``ValidationError``
    when no nomination is given, the number or authority is empty, the council's unit already
    issued a decision with that number that year, or a nomination is of another round, not
    approved by the council, or already granted (naming it).
    """
    if not manages_round(actor, round_):
        raise PermissionDenied
    number, authority = number.strip(), authority.strip()
    if not number:
        raise ValidationError(_("Give the decision's number."), code="no_number")
    if not authority:
        raise ValidationError(_("Give the conferring authority."), code="no_authority")
    ids = [n.pk for n in nominations]
    if not ids:
        raise ValidationError(_("Choose the nominations the decision grants."), code="empty")
    locked = list(
        Nomination.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("dossier", "person", "collective", "household")
        .order_by("dossier__pk", "order", "pk")
    )
    for nomination in locked:
        if (
            nomination.dossier.round_id != round_.pk
            or nomination.council_result != APPROVED
            or nomination.grant_id is not None
        ):
            raise ValidationError(
                _("%(nominee)s is not an approved nomination of this round awaiting a decision.")
                % {"nominee": nomination.nominee},
                code="not_grantable",
            )
    unit = round_.council.unit
    if AwardDecision.objects.filter(
        issuing_unit=unit, number=number, date__year=date.year
    ).exists():
        raise ValidationError(
            _("Decision %(number)s of %(year)d is already recorded.")
            % {"number": number, "year": date.year},
            code="duplicate_number",
        )
    decision = AwardDecision.objects.create(
        number=number,
        date=date,
        authority=authority,
        signer_name=signer_name.strip(),
        issuing_unit=unit,
    )
    for nomination in locked:
        nomination.grant = AwardGrant.objects.create(
            decision=decision,
            person=nomination.person,
            unit=nomination.collective,
            household=nomination.household,
            title=nomination.title,
            form=nomination.form,
            year=round_.year,
            achievement=nomination.achievement,
        )
        nomination.save(update_fields=["grant"])
    for dossier in {n.dossier_id: n.dossier for n in locked}.values():
        waiting = dossier.nominations.filter(council_result=APPROVED, grant__isnull=True)
        if dossier.status == Dossier.Status.DECIDED and not waiting.exists():
            dossier_transition(dossier=dossier, action=ISSUE, actor=actor)
    decision_id = decision.pk
    transaction.on_commit(lambda: _queue_notification(decision_id), robust=True)
    return decision


def _queue_notification(decision_id: int) -> None:
    from dossiers.tasks import notify_decision_task

    notify_decision_task.delay(decision_id)


def decision_notify(*, decision: AwardDecision) -> int:
    """Mail every unit officer (a direct unit-officer membership) of each proposing unit of
    the decision's grants: the decision and that unit's granted nominees, in Vietnamese (the
    site's language). Users without an e-mail address are skipped. Returns the number of mails
    sent; a mail server failure raises."""
    by_unit: dict = defaultdict(list)
    grants = decision.grants.select_related(
        "nomination__dossier__unit", "person", "unit", "household", "title", "form"
    ).order_by("nomination__order", "pk")
    for grant in grants:
        nomination = getattr(grant, "nomination", None)
        if nomination is not None:
            by_unit[nomination.dossier.unit].append(grant)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for unit, unit_grants in by_unit.items():
            officers = (
                Membership.objects.filter(unit=unit, role=Membership.Role.UNIT_OFFICER)
                .exclude(user__email="")
                .select_related("user")
                .order_by("user__username")
            )
            subject, body = _mail_text(decision=decision, unit=unit, grants=unit_grants)
            for membership in officers:
                send_mail(subject, body, None, [membership.user.email])
                sent += 1
    return sent


def _mail_text(*, decision: AwardDecision, unit, grants: list[AwardGrant]) -> tuple[str, str]:
    subject = _("Award decision %(number)s of %(date)s: %(unit)s") % {
        "number": decision.number,
        "date": f"{decision.date:%d/%m/%Y}",
        "unit": unit,
    }
    lines = [
        _("%(authority)s issued award decision %(number)s of %(date)s.")
        % {
            "authority": decision.authority,
            "number": decision.number,
            "date": f"{decision.date:%d/%m/%Y}",
        },
        "",
        _("Nominees of %(unit)s granted:") % {"unit": unit},
        *(f"- {grant.recipient}: {grant.award}" for grant in grants),
    ]
    return subject, "\n".join(lines) + "\n"


def manages_decision(user, decision: AwardDecision) -> bool:
    """The user is the secretariat or an admin of the council of the decision's issuing
    unit (or of a unit above it)."""
    unit = decision.issuing_unit
    return (
        unit is not None
        and Council.objects.filter(unit=unit).exists()
        and has_role_over(user, unit, *Membership.MANAGING_ROLES)
    )


@transaction.atomic
def grant_revoke(
    *, grant: AwardGrant, ground: str, detail: str, on: datetime.date, actor
) -> AwardGrant:
    """Revoke ``grant`` on ``on`` for ``ground`` (a ``RevocationGround`` value, Law Art. 93).

    The grant stays, marked revoked, with ``revoked_reason`` "<ground>: <detail>" (in
    Vietnamese), and the change is recorded. Raises ``PermissionDenied`` unless the actor
    manages the council of the unit that issued the decision, ``ValidationError`` when the
    grant is already revoked, the ground is unknown, the detail is empty or the day is before
    the decision.
    """
    grant = (
        AwardGrant.objects.select_for_update(of=("self",))
        .select_related("decision__issuing_unit")
        .get(pk=grant.pk)
    )
    if grant.decision is None or not manages_decision(actor, grant.decision):
        raise PermissionDenied
    if grant.revoked:
        raise ValidationError(_("This award is already revoked."), code="already_revoked")
    if ground not in RevocationGround.values:
        raise ValidationError(_("Choose a ground for the revocation."), code="no_ground")
    detail = detail.strip()
    if not detail:
        raise ValidationError(_("Say what was found."), code="no_detail")
    if on < grant.decision.date:
        raise ValidationError(
            _("The revocation cannot be dated before the decision (%(date)s).")
            % {"date": f"{grant.decision.date:%d/%m/%Y}"},
            code="before_decision",
        )
    with translation.override(settings.LANGUAGE_CODE):
        reason = f"{RevocationGround(ground).label}: {detail}"
    grant.revoked, grant.revoked_on, grant.revoked_reason = True, on, reason
    grant.save(update_fields=["revoked", "revoked_on", "revoked_reason"])
    state_change_record(
        obj=grant, field="revoked", from_state="", to_state="revoked", actor=actor, reason=reason
    )
    return grant
