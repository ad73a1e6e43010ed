"""Create, edit, launch and document campaigns."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import Campaign, CampaignDocument
from common.audit import record_save, snapshot
from common.services import state_change_record
from organizations.models import Unit


def criteria_problems(criteria: list[dict]) -> list[str]:
    """What is wrong with a criteria list ``[{"name": str, "weight": int}, …]``: names must be
    given, weights are whole percents above 0 and add up to 100. Empty list: no problem."""
    if not criteria:
        return []
    problems = []
    if any(not str(c.get("name", "")).strip() for c in criteria):
        problems.append(_("Every criterion needs a name."))
    weights = [c.get("weight") for c in criteria]
    if any(not isinstance(w, int) or w <= 0 for w in weights):
        problems.append(_("Every criterion needs a weight above 0 percent."))
    elif sum(weights) != 100:
        problems.append(
            _("The criteria weights add up to %(total)s%%, they must add up to 100%%.")
            % {"total": sum(weights)}
        )
    return problems


@transaction.atomic
def campaign_create(
    *,
    council,
    actor,
    participants: Iterable[Unit] = (),
    requested_by: Unit | None = None,
    **fields,
) -> Campaign:
    """Create a campaign of ``council`` with ``fields`` (fields of the model).

    A campaign asked for by a unit (``requested_by``) is a thematic campaign in state
    ``proposed``; the council's own start as ``draft``. Raises ValidationError when the
    criteria are malformed.
    """
    problems = criteria_problems(fields.get("criteria") or [])
    if problems:
        raise ValidationError(problems)
    campaign = Campaign(council=council, created_by=actor, requested_by=requested_by, **fields)
    if requested_by is not None:
        campaign.kind = Campaign.Kind.THEMATIC
        campaign.status = Campaign.Status.PROPOSED
    campaign.full_clean(exclude=["participants"])
    campaign.save()
    record_save(campaign, actor=actor, reference="campaign_create", created=True)
    campaign.participants.set(participants)
    state_change_record(obj=campaign, to_state=campaign.status, actor=actor)
    return campaign


@transaction.atomic
def campaign_update(
    *, campaign: Campaign, actor, participants: Iterable[Unit] | None = None, **fields
) -> Campaign:
    """Change a draft or proposed campaign (the changed fields are recorded in the audit
    trail). Raises ValidationError once it is launched."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if not campaign.is_editable:
        raise ValidationError(_("A launched campaign can no longer be changed."))
    problems = criteria_problems(fields.get("criteria", campaign.criteria) or [])
    if problems:
        raise ValidationError(problems)
    before = snapshot(campaign)
    for name, value in fields.items():
        setattr(campaign, name, value)
    campaign.full_clean(exclude=["participants"])
    campaign.save()
    record_save(campaign, actor=actor, reference="campaign_update", before=before)
    if participants is not None:
        campaign.participants.set(participants)
    return campaign


def launch_problems(campaign: Campaign) -> list[str]:
    """Why the campaign cannot be launched yet (empty when it can).

    Every campaign needs its participating units. A thematic campaign asked for by a unit also
    needs its criteria and its launch plan document (son-tay-2020 §6.2: "Kế hoạch phát động
    phong trào thi đua (trong kế hoạch phải có tiêu chí thi đua) kèm theo danh sách toàn bộ
    các tập thể tham gia").
    """
    problems = []
    if not campaign.participants.exists():
        problems.append(_("List the participating units."))
    if campaign.requested_by_id is not None:
        if not campaign.criteria:
            problems.append(_("A campaign asked for by a unit needs its criteria."))
        if not campaign.documents.filter(kind=CampaignDocument.Kind.LAUNCH_PLAN).exists():
            problems.append(_("A campaign asked for by a unit needs its launch plan document."))
    return problems


@transaction.atomic
def campaign_launch(*, campaign: Campaign, actor) -> Campaign:
    """Launch (phát động) a draft campaign or accept and launch a unit's proposal.

    From then on it appears on every participating unit's dashboard. Raises ValidationError
    with every missing piece (``launch_problems``) or when it is already launched.
    """
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if not campaign.is_editable:
        raise ValidationError(_("This campaign has already been launched."))
    problems = launch_problems(campaign)
    if problems:
        raise ValidationError(problems)
    previous = campaign.status
    campaign.status = Campaign.Status.LAUNCHED
    campaign.launched_at = timezone.now()
    campaign.save(update_fields=["status", "launched_at", "updated_at"])
    state_change_record(obj=campaign, from_state=previous, to_state=campaign.status, actor=actor)
    return campaign


@transaction.atomic
def campaign_end(*, campaign: Campaign, actor, reason: str = "") -> Campaign:
    """Mark a launched campaign ended (after its annual review). Raises ValidationError
    when it was never launched."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != Campaign.Status.LAUNCHED:
        raise ValidationError(_("Only a launched campaign can be ended."))
    campaign.status = Campaign.Status.ENDED
    campaign.save(update_fields=["status", "updated_at"])
    state_change_record(
        obj=campaign,
        from_state=Campaign.Status.LAUNCHED,
        to_state=campaign.status,
        actor=actor,
        reason=reason,
    )
    return campaign


@transaction.atomic
def campaign_document_add(
    *, campaign: Campaign, kind: str, uploaded_file, actor
) -> CampaignDocument:
    """Store a checked upload (``common.uploads.UploadField``) as a document of the campaign."""
    document = CampaignDocument(campaign=campaign, kind=kind)
    document.attach(uploaded_file, user=actor)
    document.save()
    return document
