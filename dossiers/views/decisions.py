"""Award decisions: issuing one from a round's approved nominations, its page and PDF, and
revoking one of its grants (Law Art. 93).

The council's secretariat and admins act; council members read; other users get 404 (or 403
for a round they may see as a proposing unit).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from dossiers.documents.decision import decision_document, decision_pdf
from dossiers.forms.council import DecisionForm, RevokeForm
from dossiers.selectors import council as selectors
from dossiers.services import decisions as services
from dossiers.views.council import pdf_response, round_of


@login_required
def decision_create(request: HttpRequest, round_pk: int) -> HttpResponse:
    """A decision for the round's approved nominations that have none yet."""
    round_ = round_of(request, round_pk, "dossiers.manage_round")
    nominations = selectors.nominations_to_decide(round_=round_)
    if request.method == "POST":
        form = DecisionForm(request.POST, nominations=nominations)
        if form.is_valid():
            data = form.cleaned_data
            try:
                decision = services.decision_issue(
                    round_=round_,
                    nominations=data["nominations"],
                    number=data["number"],
                    date=data["date"],
                    signer_name=data["signer_name"],
                    authority=data["authority"],
                    actor=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The award decision is issued."))
                return redirect("dossiers:decision_detail", pk=decision.pk)
    else:
        form = DecisionForm(
            nominations=nominations,
            initial={
                "nominations": list(nominations),
                "date": timezone.localdate(),
                "authority": round_.council.name,
            },
        )
    return render(request, "dossiers/council/decision_create.html", {"round": round_, "form": form})


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision and its grants, revoked ones marked."""
    decision = get_object_or_404(selectors.decisions_visible_to(request.user), pk=pk)
    return render(
        request,
        "dossiers/council/decision_detail.html",
        {
            "decision": decision,
            "grants": selectors.decision_grants(decision=decision),
            "can_manage": services.manages_decision(request.user, decision),
        },
    )


@login_required
def decision_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The decision and its list (PDF, Decree 30 layout)."""
    decision = get_object_or_404(selectors.decisions_visible_to(request.user), pk=pk)
    content = decision_pdf(decision_document(decision=decision))
    return pdf_response(content, f"quyet-dinh-khen-thuong-{decision.pk}.pdf")


@login_required
def grant_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoke a grant: ground, what was found, the day. The grant stays, marked."""
    grant = get_object_or_404(selectors.grants_visible_to(request.user), pk=pk)
    if not services.manages_decision(request.user, grant.decision):
        raise PermissionDenied
    if request.method == "POST":
        form = RevokeForm(request.POST)
        if form.is_valid():
            try:
                services.grant_revoke(
                    grant=grant,
                    ground=form.cleaned_data["ground"],
                    detail=form.cleaned_data["detail"],
                    on=form.cleaned_data["on"],
                    actor=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The award is revoked."))
                return redirect("dossiers:decision_detail", pk=grant.decision_id)
    else:
        form = RevokeForm(initial={"on": timezone.localdate()})
    return render(request, "dossiers/council/grant_revoke.html", {"grant": grant, "form": form})
