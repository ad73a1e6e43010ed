"""Background tasks of dossiers. Tasks are thin: plain arguments in, a service call out."""

from celery import shared_task

from awards.models import AwardDecision
from dossiers.services.decisions import decision_notify


@shared_task(name="dossiers.notify_decision")
def notify_decision_task(decision_id: int) -> int:
    """Mail the proposing units' officers about the award decision ``decision_id``
    (``decision_notify``); a decision deleted meanwhile is skipped. Returns the mails sent."""
    decision = AwardDecision.objects.filter(pk=decision_id).first()
    if decision is None:
        return 0
    return decision_notify(decision=decision)
