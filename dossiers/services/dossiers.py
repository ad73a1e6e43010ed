"""Writes of a unit's dossier: start it, add and change nominations, attach documents.

Only a draft or a returned dossier changes (``Dossier.is_editable``). Each nomination carries
the eligibility engine's findings (awards/eligibility); what no fact of the year can change —
an award not for this kind of nominee, no rule in force, an award already held, a discipline
or investigation hold (D152 Art. 4) — refuses the nomination outright, the rest is shown to the
unit and to the secretariat, who appraises.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from awards.eligibility import Finding, check_proposals
from awards.models import AwardForm, AwardGrant, DossierComponent, EmulationTitle, Household
from common.audit import APP, AuditTrail, record_save, snapshot
from dossiers.checklist import dossier_checklist
from dossiers.models import Attachment, Dossier, Nomination, Round
from organizations.models import Person, Unit
from organizations.selectors import unit_subtree
from registrations.lines import BLOCKS_REGISTRATION

Nominee = Person | Unit | Household
Award = EmulationTitle | AwardForm


def _editable(dossier: Dossier) -> None:
    if not dossier.is_editable:
        raise ValidationError(
            _("The dossier is “%(status)s”; it can no longer be changed.")
            % {"status": dossier.get_status_display()},
            code="not_editable",
        )


@transaction.atomic
def dossier_start(*, round_: Round, unit: Unit, actor) -> Dossier:
    """The unit's dossier in the round, created as a draft if it has none.

    Raises ``ValidationError`` when the unit is not under the round's council.
    """
    if not unit_subtree(unit=round_.council.unit).filter(pk=unit.pk).exists():
        raise ValidationError(
            _("%(unit)s does not send dossiers to %(council)s.")
            % {"unit": unit, "council": round_.council},
            code="other_council",
        )
    dossier, _created = Dossier.objects.get_or_create(
        round=round_, unit=unit, defaults={"created_by": actor}
    )
    return dossier


def _nominee_unit_id(nominee: Nominee) -> int:
    return nominee.pk if isinstance(nominee, Unit) else nominee.unit_id


def _check_nomination(*, dossier: Dossier, nominee: Nominee, award: Award) -> None:
    round_ = dossier.round
    accepted = round_.titles if isinstance(award, EmulationTitle) else round_.forms
    if not accepted.filter(pk=award.pk).exists():
        raise ValidationError(
            _("%(award)s is not proposed in this round.") % {"award": award}, code="award"
        )
    if not unit_subtree(unit=dossier.unit).filter(pk=_nominee_unit_id(nominee)).exists():
        raise ValidationError(
            _("%(nominee)s is not in %(unit)s.") % {"nominee": nominee, "unit": dossier.unit},
            code="nominee_unit",
        )


def findings_for(*, dossier: Dossier, nominations: list[Nomination]) -> dict[int, list[Finding]]:
    """Eligibility findings per nomination id for the round's year, in a fixed number of
    queries. Awards proposed for the same nominee in the dossier count as proposed together."""
    found = check_proposals(
        proposals=[(n.nominee, n.award.code) for n in nominations], year=dossier.round.year
    )
    return {n.pk: findings for n, findings in zip(nominations, found, strict=True)}


def _as_json(findings: list[Finding]) -> list[dict]:
    return [
        {
            "code": f.code,
            "severity": str(f.severity),
            "message": str(f.message),
            "citation": f.citation,
        }
        for f in findings
    ]


@dataclass(frozen=True)
class NominationInput:
    """What the unit types for one nomination."""

    nominee: Nominee
    award: Award
    achievement: str = AwardGrant.Achievement.MERIT
    summary: str = ""


@transaction.atomic
def nomination_save(
    *, dossier: Dossier, data: NominationInput, actor, nomination: Nomination | None = None
) -> Nomination:
    """Add a nomination to ``dossier`` (or change ``nomination``) and refresh the findings of
    every nomination of the dossier.

    Raises ``ValidationError`` when the dossier cannot change, the award is not in the round,
    the nominee is outside the unit, the same nominee is already proposed for the award, or a
    finding that nothing this year can change blocks it (the finding's message, with its
    legal source).
    """
    dossier = Dossier.objects.select_for_update().select_related("round", "unit").get(pk=dossier.pk)
    _editable(dossier)
    _check_nomination(dossier=dossier, nominee=data.nominee, award=data.award)
    created = nomination is None
    if created:
        order = (dossier.nominations.aggregate(top=Max("order"))["top"] or 0) + 1
        nomination = Nomination(dossier=dossier, order=order)
    elif nomination.dossier_id != dossier.pk:
        raise ValidationError(_("This nomination belongs to another dossier."), code="other")
    before = None if created else snapshot(nomination)
    nomination.person = data.nominee if isinstance(data.nominee, Person) else None
    nomination.collective = data.nominee if isinstance(data.nominee, Unit) else None
    nomination.household = data.nominee if isinstance(data.nominee, Household) else None
    nomination.title = data.award if isinstance(data.award, EmulationTitle) else None
    nomination.form = data.award if isinstance(data.award, AwardForm) else None
    nomination.achievement = data.achievement
    nomination.summary = data.summary.strip()
    duplicate = dossier.nominations.filter(
        person=nomination.person,
        collective=nomination.collective,
        household=nomination.household,
        title=nomination.title,
        form=nomination.form,
    ).exclude(pk=nomination.pk)
    if duplicate.exists():
        raise ValidationError(
            _("%(nominee)s is already proposed for %(award)s in this dossier.")
            % {"nominee": data.nominee, "award": data.award},
            code="duplicate",
        )
    nomination.save()
    record_save(
        nomination, actor=actor, reference="nomination_save", before=before, created=created
    )
    findings = findings_refresh(dossier=dossier)
    blocking = [
        f
        for f in findings.get(nomination.pk, [])
        if f.is_blocking and f.code in BLOCKS_REGISTRATION
    ]
    if blocking:
        raise ValidationError(
            [f"{f.message} ({f.citation})" for f in blocking], code="not_eligible"
        )
    nomination.refresh_from_db(fields=["findings"])
    return nomination


def findings_refresh(*, dossier: Dossier) -> dict[int, list[Finding]]:
    """Recompute and store the findings of every nomination of ``dossier``."""
    nominations = list(
        dossier.nominations.select_related(
            "person__unit", "collective", "household__unit", "title", "form"
        )
    )
    findings = findings_for(dossier=dossier, nominations=nominations)
    for nomination in nominations:
        nomination.findings = _as_json(findings[nomination.pk])
    Nomination.objects.bulk_update(nominations, ["findings"])
    return findings


@transaction.atomic
def nomination_remove(*, nomination: Nomination, actor) -> None:
    """Delete a nomination (and its documents) from an editable dossier; the audit trail
    records, for ``actor``, the nomination and every row removed with it."""
    dossier = Dossier.objects.select_for_update().get(pk=nomination.dossier_id)
    _editable(dossier)
    trail = AuditTrail(actor=actor, source=APP, reference="nomination_remove")
    trail.deleted_with_cascade([nomination])
    nomination.delete()
    trail.save()
    findings_refresh(dossier=dossier)


@transaction.atomic
def attachment_add(
    *,
    dossier: Dossier,
    component: str,
    uploaded_file,
    actor,
    nomination: Nomination | None = None,
) -> Attachment:
    """Store a new version of one checklist document of an editable dossier.

    ``uploaded_file`` must have been checked by ``common.uploads.UploadField`` (it carries
    ``.checked``). Raises ``ValidationError`` when the dossier cannot change or the document is
    not on its checklist; the dossier is then left exactly as it was.
    """
    dossier = Dossier.objects.select_for_update().select_related("round", "unit").get(pk=dossier.pk)
    _editable(dossier)
    wanted = {(item.component, item.nomination.pk if item.nomination else None)
              for item in dossier_checklist(dossier)}  # fmt: skip
    if (component, nomination.pk if nomination else None) not in wanted:
        raise ValidationError(
            _("%(document)s is not on this dossier's checklist.")
            % {"document": DossierComponent(component).label},
            code="not_on_checklist",
        )
    attachment = Attachment(dossier=dossier, nomination=nomination, component=component)
    attachment.attach(uploaded_file, user=actor)
    attachment.save()
    return attachment
