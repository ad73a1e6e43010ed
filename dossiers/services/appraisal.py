"""Writes of the secretariat's appraisal (thẩm định): verdicts on nominations and the return of
a dossier for correction with comments per item.

The dossier's state still changes only through dossiers/services/workflow.py; these functions
record what the appraisal found, under the same row lock, so two secretariat members acting on
one dossier at once never overwrite each other. Time limits for the appraisal and for returning
an ineligible dossier: LAW.md §4 (Law Art. 84).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards.models import DossierComponent
from common.services import state_change_record
from dossiers.models import Dossier, Nomination, ReviewComment
from dossiers.rules import manages_round
from dossiers.services.workflow import RETURN, dossier_transition

Appraisal = Nomination.Appraisal


def _locked_in_appraisal(dossier: Dossier, actor) -> Dossier:
    """The dossier read again under a row lock; refused unless the actor manages its round and
    it is in appraisal."""
    locked = (
        Dossier.objects.select_for_update()
        .select_related("round__council__unit")
        .get(pk=dossier.pk)
    )
    if not manages_round(actor, locked.round):
        raise PermissionDenied
    if locked.status != Dossier.Status.IN_APPRAISAL:
        raise ValidationError(
            _("The dossier is “%(status)s”: the appraisal can no longer be changed.")
            % {"status": locked.get_status_display()},
            code="wrong_state",
        )
    return locked


@transaction.atomic
def verdicts_record(*, dossier: Dossier, verdicts: dict[int, tuple[str, str]], actor) -> int:
    """Record the secretariat's verdict on nominations of ``dossier``.

    ``verdicts`` maps a nomination id to ``(Nomination.Appraisal value, reason)``; a
    not-eligible verdict needs a reason (the unit is told why, Law Art. 84). Each change is
    recorded as a ``StateChange`` of the nomination's ``appraisal`` field with the reason.
    Raises ``PermissionDenied`` unless the actor manages the round, ``ValidationError`` when the
    dossier is not in appraisal, a nomination is not the dossier's, a value is unknown or a
    reason is missing (nothing is saved then). Returns the number of nominations changed.
    """
    locked = _locked_in_appraisal(dossier, actor)
    nominations = {n.pk: n for n in locked.nominations.select_related("person", "collective")}
    problems = []
    for pk, (value, reason) in verdicts.items():
        nomination = nominations.get(pk)
        if nomination is None:
            problems.append(_("That nomination is not in this dossier."))
        elif value not in Appraisal.values:
            problems.append(_("Unknown verdict “%(value)s”.") % {"value": value})
        elif value == Appraisal.INELIGIBLE and not reason.strip():
            problems.append(
                _("Say why %(nominee)s is not eligible.") % {"nominee": nomination.nominee}
            )
    if problems:
        raise ValidationError(problems, code="invalid_verdict")
    changed = []
    for pk, (value, reason) in verdicts.items():
        nomination, reason = nominations[pk], reason.strip()
        if (nomination.appraisal, nomination.appraisal_reason) == (value, reason):
            continue
        state_change_record(
            obj=nomination,
            field="appraisal",
            from_state=nomination.appraisal,
            to_state=value,
            actor=actor,
            reason=reason,
        )
        nomination.appraisal, nomination.appraisal_reason = value, reason
        changed.append(nomination)
    Nomination.objects.bulk_update(changed, ["appraisal", "appraisal_reason"])
    return len(changed)


@transaction.atomic
def dossier_return(
    *, dossier: Dossier, reason: str, comments: list[tuple[int | None, str, str]], actor
) -> Dossier:
    """Return ``dossier`` to its unit for correction with an overall ``reason`` and comments.

    ``comments`` are ``(nomination id or None, DossierComponent value or "", text)``: a
    nomination, one of the checklist's documents (of a nominee when both are given) or the
    dossier as a whole; blank texts are skipped. The ``ReviewComment`` rows belong to the
    current ``dossier.version`` so the unit sees them beside what it sent. Then the dossier
    moves by ``dossier_transition(action=RETURN)`` — comments and transition in one
    transaction: a refused return leaves no comment behind. Raises ``PermissionDenied`` or
    ``ValidationError`` (wrong state, no reason, an item not of this dossier).
    """
    locked = _locked_in_appraisal(dossier, actor)
    if not reason.strip():
        raise ValidationError(_("Say why the dossier is returned."), code="reason_required")
    nomination_ids = set(locked.nominations.values_list("pk", flat=True))
    rows = []
    for nomination_id, component, text in comments:
        if not text.strip():
            continue
        if nomination_id is not None and nomination_id not in nomination_ids:
            raise ValidationError(_("That nomination is not in this dossier."), code="foreign")
        if component and component not in DossierComponent.values:
            raise ValidationError(_("Unknown document “%(value)s”.") % {"value": component})
        rows.append(
            ReviewComment(
                dossier=locked,
                version=locked.version,
                nomination_id=nomination_id,
                component=component or "",
                text=text.strip(),
                author=actor,
            )
        )
    ReviewComment.objects.bulk_create(rows)
    return dossier_transition(dossier=dossier, action=RETURN, actor=actor, reason=reason)
