"""Review rounds on the secretariat's side: the list, creating and changing a round (its
closing day from a date, the plan's deadline or working days before the ceremony), and the
round's page with its dossiers counted by state. Council members read; the secretariat and
admins manage. A round outside the user's councils is a 404; an action he may not take, a 403.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dossiers.forms.review import RoundForm
from dossiers.models import Dossier, Round
from dossiers.selectors import (
    councils_managed_by,
    councils_overseen_by,
    dossiers_visible_to,
    status_counts,
)
from dossiers.services.rounds import round_save
from dossiers.views.objects import round_of

# Which form field a refusal of ``round_save`` is about (its ValidationError code).
ERROR_FIELDS = {"empty": "titles", "plan": "plan_deadline", "order": "opens_on"}


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    """Rounds of the councils the user manages or sits on, newest year first, with the number
    of dossiers sent; "create" for those who manage a council."""
    councils = councils_overseen_by(request.user)
    if not councils.exists():
        raise PermissionDenied
    rounds = (
        Round.objects.filter(council__in=councils)
        .select_related("council")
        .annotate(sent=Count("dossiers", filter=~Q(dossiers__status=Dossier.Status.DRAFT)))
    )
    can_create = councils_managed_by(request.user).exists()
    return render(
        request, "dossiers/review/round_list.html", {"rounds": rounds, "can_create": can_create}
    )


def _save(request: HttpRequest, form: RoundForm, *, council, instance=None) -> Round | None:
    """Save the valid form through ``round_save``; on refusal put the reasons on the form."""
    try:
        return round_save(
            council=council, actor=request.user, instance=instance, **form.round_kwargs()
        )
    except ValidationError as error:
        form.add_error(ERROR_FIELDS.get(error.code or ""), error)
        return None


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    """Create a round of one of the councils the user manages."""
    councils = councils_managed_by(request.user).select_related("unit").order_by("name")
    if not councils.exists():
        raise PermissionDenied
    form = RoundForm(request.POST or None, councils=councils)
    if request.method == "POST" and form.is_valid():
        round_ = _save(request, form, council=form.cleaned_data["council"])
        if round_ is not None:
            messages.success(request, _("The review round has been created."))
            return redirect("dossiers:round_detail", pk=round_.pk)
    return render(request, "dossiers/review/round_form.html", {"form": form, "round": None})


@login_required
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a round (its council stays)."""
    round_ = round_of(request, pk, "dossiers.manage_round")
    councils = councils_managed_by(request.user).filter(pk=round_.council_id)
    form = RoundForm(request.POST or None, councils=councils, instance=round_)
    valid = request.method == "POST" and form.is_valid()
    if valid and _save(request, form, council=round_.council, instance=round_) is not None:
        messages.success(request, _("The review round has been saved."))
        return redirect("dossiers:round_detail", pk=round_.pk)
    return render(request, "dossiers/review/round_form.html", {"form": form, "round": round_})


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The round: what it accepts, its days, its dossiers counted by state (each a link to the
    queue), and the public page's address when it has a disclosure window."""
    round_ = round_of(request, pk)
    counts = status_counts(dossiers=dossiers_visible_to(request.user).filter(round=round_))
    states = [
        (value, label, counts.get(value, 0))
        for value, label in Dossier.Status.choices
        if value != Dossier.Status.DRAFT
    ]
    public_url = ""
    if round_.disclosure_starts_on:
        public_url = request.build_absolute_uri(
            reverse("dossiers:public", args=[round_.public_token])
        )
    context = {
        "round": round_,
        "titles": list(round_.titles.all()),
        "forms": list(round_.forms.all()),
        "states": states,
        "total": sum(count for _value, _label, count in states),
        "can_manage": request.user.has_perm("dossiers.manage_round", round_),
        "public_url": public_url,
        "disclosed_today": round_.is_disclosed_on(timezone.localdate()),
    }
    return render(request, "dossiers/review/round_detail.html", context)
