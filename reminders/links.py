"""Where a reminder sends its reader: straight to the form that does what is due."""

from django.urls import reverse

from reminders.models import Deadline, DeadlineUnit

Kind = Deadline.Kind


def action_path(*, deadline: Deadline, target_id: int) -> str:
    """The path of the page that does what ``deadline`` asks of the unit of ``target_id`` (a
    ``DeadlineUnit`` id): the registration page, the dossier page, the cluster's documents, or
    the page where the unit marks the obligation done."""
    if deadline.kind == Kind.REGISTRATION:
        return reverse("registrations:home")
    if deadline.kind == Kind.ROUND:
        return reverse("dossiers:home")
    if deadline.kind == Kind.CLUSTER_DOCUMENT:
        return reverse("campaigns:cluster_detail", args=[deadline.cluster_id])
    return reverse("reminders:target", args=[target_id])


def target_path(target: DeadlineUnit) -> str:
    """``action_path`` of a responsible-unit row."""
    return action_path(deadline=target.deadline, target_id=target.pk)
