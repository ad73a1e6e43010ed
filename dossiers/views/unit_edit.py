"""The unit officer's pages that change a dossier: start it, its nominations, its documents,
submit and withdraw. Only a draft or a returned dossier is edited, by an officer of its unit
(403 otherwise; 404 when the user may not see it). A refused form comes back with what was
typed and the reasons; a refused upload leaves the dossier as it was."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from common.feedback import attempt, show_errors
from dossiers.checklist import dossier_checklist
from dossiers.forms.unit import ActionForm, AttachmentForm, NominationForm, nomination_initial
from dossiers.models import Dossier, Nomination
from dossiers.selectors import dossier_nominations, rounds_open_to
from dossiers.selectors.unit import checklist_rows, nominee_choices, nominees_visible_to
from dossiers.services.dossiers import (
    attachment_add,
    dossier_start,
    nomination_remove,
    nomination_save,
)
from dossiers.services.submission import submission_check
from dossiers.services.workflow import SUBMIT, WITHDRAW, dossier_transition
from dossiers.views.objects import dossier_of
from organizations.models import Unit
from organizations.rules import is_unit_officer_of

DONE = {
    SUBMIT: gettext_lazy("The dossier has been submitted."),
    WITHDRAW: gettext_lazy("The dossier has been withdrawn."),
}


def editable_dossier(request: HttpRequest, pk: int) -> Dossier:
    """The dossier ``pk`` when the user may change it now: 404 if he may not see it, 403 if he
    is not its unit's officer or it is no longer a draft or returned."""
    dossier = dossier_of(request, pk)
    if not (dossier.is_editable and request.user.has_perm("dossiers.change_dossier", dossier)):
        raise PermissionDenied
    return dossier


def nomination_form(request: HttpRequest, dossier: Dossier, **kwargs) -> NominationForm:
    """The nomination form of ``dossier`` (bound to the POST when there is one)."""
    data = request.POST if request.method == "POST" else None
    return NominationForm(
        data,
        offered=nominee_choices(dossier=dossier),
        accepted=nominees_visible_to(request.user),
        **kwargs,
    )


def _edit_page(request, dossier: Dossier, *, form=None, upload=None, status=200) -> HttpResponse:
    return render(
        request,
        "dossiers/unit/edit.html",
        {
            "dossier": dossier,
            "round": dossier.round,
            "nominations": list(dossier_nominations(dossier=dossier)),
            "form": form or nomination_form(request, dossier),
            "checklist": checklist_rows(dossier=dossier),
            "upload": upload,
            "check": submission_check(dossier=dossier, today=timezone.localdate()),
            "action_form": ActionForm(),
        },
        status=status,
    )


@login_required
@require_POST
def dossier_start_view(request: HttpRequest, round_pk: int, unit_pk: int) -> HttpResponse:
    """Start (or reopen) the unit's dossier in a round open to the officer today."""
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=unit_pk)
    if not is_unit_officer_of(request.user, unit):
        raise Http404
    rounds = rounds_open_to(request.user, today=timezone.localdate()).select_related(
        "council__unit"
    )
    round_ = get_object_or_404(rounds, pk=round_pk)
    try:
        dossier = dossier_start(round_=round_, unit=unit, actor=request.user)
    except ValidationError as error:
        show_errors(request, error)
        return redirect("dossiers:home")
    return redirect("dossiers:edit" if dossier.is_editable else "dossiers:detail", pk=dossier.pk)


@login_required
def dossier_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The dossier's nominations (POST adds one), its checklist with an upload per document,
    and what still stops the submission."""
    dossier = editable_dossier(request, pk)
    form = nomination_form(request, dossier)
    if request.method == "POST" and form.is_valid():
        try:
            nomination = nomination_save(
                dossier=dossier, data=form.nomination_input(), actor=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("%(nominee)s has been added.") % {"nominee": nomination.nominee}
            )
            return redirect("dossiers:edit", pk=dossier.pk)
    return _edit_page(request, dossier, form=form)


def _nomination(dossier: Dossier, nomination_pk: int) -> Nomination:
    return get_object_or_404(dossier_nominations(dossier=dossier), pk=nomination_pk)


@login_required
def nomination_edit(request: HttpRequest, pk: int, nomination_pk: int) -> HttpResponse:
    """Change one nomination; a refusal comes back with what was typed and why."""
    dossier = editable_dossier(request, pk)
    nomination = _nomination(dossier, nomination_pk)
    form = nomination_form(request, dossier, initial=nomination_initial(nomination))
    if request.method == "POST" and form.is_valid():
        try:
            nomination_save(
                dossier=dossier,
                data=form.nomination_input(),
                actor=request.user,
                nomination=nomination,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The nomination has been saved."))
            return redirect("dossiers:edit", pk=dossier.pk)
    return render(
        request,
        "dossiers/unit/nomination_edit.html",
        {"dossier": dossier, "round": dossier.round, "nomination": nomination, "form": form},
    )


@login_required
@require_POST
def nomination_delete(request: HttpRequest, pk: int, nomination_pk: int) -> HttpResponse:
    """Remove one nomination (and its documents) from the dossier."""
    dossier = editable_dossier(request, pk)
    nomination = _nomination(dossier, nomination_pk)
    nominee = nomination.nominee
    attempt(
        request,
        lambda: nomination_remove(nomination=nomination, actor=request.user),
        _("%(nominee)s has been removed from the dossier.") % {"nominee": nominee},
    )
    return redirect("dossiers:edit", pk=dossier.pk)


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Store a new version of one checklist document (the older ones are kept). A refused file
    leaves the dossier as it was; the page comes back with the reason."""
    dossier = editable_dossier(request, pk)
    form = AttachmentForm(request.POST, request.FILES, items=dossier_checklist(dossier))
    if form.is_valid():
        item = form.checklist_item()
        try:
            attachment_add(
                dossier=dossier,
                component=item.component,
                nomination=item.nomination,
                uploaded_file=form.cleaned_data["file"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("%(document)s has been uploaded.") % {"document": item.label}
            )
            return redirect(reverse("dossiers:edit", args=[dossier.pk]) + "#checklist")
    messages.error(request, _("The file was not stored; the dossier is unchanged."))
    return _edit_page(request, dossier, upload=form)


@login_required
@require_POST
def dossier_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Submit or withdraw the dossier (with an optional reason); every refusal is shown on the
    dossier's page."""
    if action not in DONE:
        raise Http404
    dossier = dossier_of(request, pk)
    form = ActionForm(request.POST)
    if not form.is_valid():
        show_errors(request, form)
    else:
        attempt(
            request,
            lambda: dossier_transition(
                dossier=dossier,
                action=action,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            ),
            str(DONE[action]),
        )
    return redirect("dossiers:detail", pk=dossier.pk)
