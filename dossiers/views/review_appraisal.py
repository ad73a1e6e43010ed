"""Appraisal (thẩm định) of one dossier by the council's secretariat: the page with the
nominations, their findings, the checklist documents, what changed since the previous version
and the history; taking the dossier, the verdicts, the return for correction with comments per
item, and finishing the appraisal. A dossier the user may not see is a 404; seen but not his to
appraise (the unit's officer, a council member), a 403. A refused form comes back with what was
typed (status 200); a refused action, with the reason in a message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.feedback import attempt, show_errors
from common.page_cache import cached_page
from dossiers.checklist import dossier_checklist
from dossiers.forms.review import ReturnForm, TakeForm, VerdictForm, item_field
from dossiers.models import Dossier
from dossiers.selectors import (
    dossier_history,
    dossier_nominations,
    secretariat_members,
)
from dossiers.services.appraisal import dossier_return, verdicts_record
from dossiers.services.workflow import APPRAISE, TAKE, actions_for, dossier_transition
from dossiers.versions import latest_diff
from dossiers.views.objects import dossier_of


def dossier_to_review(request: HttpRequest, pk: int) -> Dossier:
    """The dossier ``pk`` if the user sees it (else 404) and may appraise it (else 403)."""
    return dossier_of(request, pk, "dossiers.review_dossier")


TEMPLATE = "dossiers/review/appraisal.html"


def _page(request: HttpRequest, dossier: Dossier, **refused_form) -> HttpResponse:
    """The page, not cached, with a refused form (``verdict_form`` or ``return_form``) as it
    was typed."""
    return render(request, TEMPLATE, _context(request, dossier, **refused_form))


def _context(
    request: HttpRequest,
    dossier: Dossier,
    *,
    verdict_form: VerdictForm | None = None,
    return_form: ReturnForm | None = None,
) -> dict:
    nominations = list(dossier_nominations(dossier=dossier))
    items = dossier_checklist(dossier, nominations=nominations)
    actions = actions_for(user=request.user, dossier=dossier)
    appraising = dossier.status == Dossier.Status.IN_APPRAISAL and APPRAISE in actions
    if appraising:
        verdict_form = verdict_form or VerdictForm(nominations=nominations)
        return_form = return_form or ReturnForm(nominations=nominations, items=items)
    take_form = None
    if TAKE in actions:
        take_form = TakeForm(
            members=secretariat_members(council=dossier.round.council),
            initial={"assignee": request.user.pk},
        )
    rows = [
        {
            "nomination": nomination,
            "verdict": verdict_form[f"verdict_{nomination.pk}"] if appraising else None,
            "reason": verdict_form[f"reason_{nomination.pk}"] if appraising else None,
            "comment": return_form[f"comment_n_{nomination.pk}"] if appraising else None,
        }
        for nomination in nominations
    ]
    documents = [
        {"item": item, "comment": return_form[item_field(item)] if appraising else None}
        for item in items
    ]
    comments = dossier.comments.select_related(
        "nomination__person", "nomination__collective", "nomination__household", "author"
    ).order_by("-version", "pk")
    return {
        "dossier": dossier,
        "round": dossier.round,
        "rows": rows,
        "documents": documents,
        "diff": latest_diff(dossier),
        "comments": comments,
        "history": dossier_history(dossier=dossier),
        "take_form": take_form,
        "verdict_form": verdict_form,
        "return_form": return_form,
        "appraising": appraising,
    }


@login_required
def appraisal(request: HttpRequest, pk: int) -> HttpResponse:
    """The appraisal page of a dossier, cached for the user until the data changes
    (common/page_cache.py)."""
    return cached_page(
        request, TEMPLATE, context=lambda: _context(request, dossier_to_review(request, pk))
    )


@login_required
@require_POST
def take(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a submitted dossier for appraisal and assign the specialist chosen."""
    dossier = dossier_to_review(request, pk)
    form = TakeForm(request.POST, members=secretariat_members(council=dossier.round.council))
    if form.is_valid():
        attempt(
            request,
            lambda: dossier_transition(
                dossier=dossier,
                action=TAKE,
                actor=request.user,
                assignee=form.cleaned_data["assignee"],
            ),
            _("The dossier is now in appraisal."),
        )
    else:
        show_errors(request, form)
    return redirect("dossiers:appraisal", pk=dossier.pk)


@login_required
@require_POST
def appraisal_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the verdicts on the dossier's nominations."""
    dossier = dossier_to_review(request, pk)
    form = VerdictForm(request.POST, nominations=list(dossier_nominations(dossier=dossier)))
    if form.is_valid():
        try:
            verdicts_record(dossier=dossier, verdicts=form.verdicts(), actor=request.user)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("The verdicts have been saved."))
            return redirect("dossiers:appraisal", pk=dossier.pk)
    else:
        messages.error(request, _("The verdicts were not saved; see the reasons below."))
    return _page(request, dossier, verdict_form=form)


@login_required
@require_POST
def return_dossier(request: HttpRequest, pk: int) -> HttpResponse:
    """Return the dossier to its unit for correction with the reason and item comments."""
    dossier = dossier_to_review(request, pk)
    form = ReturnForm(
        request.POST,
        nominations=list(dossier_nominations(dossier=dossier)),
        items=dossier_checklist(dossier),
    )
    if form.is_valid():
        try:
            dossier_return(
                dossier=dossier,
                reason=form.cleaned_data["reason"],
                comments=form.comments(),
                actor=request.user,
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("The dossier has been returned to the unit."))
            return redirect("dossiers:appraisal", pk=dossier.pk)
    else:
        messages.error(request, _("The dossier was not returned; see the reasons below."))
    return _page(request, dossier, return_form=form)


@login_required
@require_POST
def appraise(request: HttpRequest, pk: int) -> HttpResponse:
    """Finish the appraisal (every nomination has a verdict)."""
    dossier = dossier_to_review(request, pk)
    attempt(
        request,
        lambda: dossier_transition(dossier=dossier, action=APPRAISE, actor=request.user),
        _("The appraisal is finished."),
    )
    return redirect("dossiers:appraisal", pk=dossier.pk)
