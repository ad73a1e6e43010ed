"""Scoring pages of a cluster: the matrix, the scale, the assignments, closing, a member's score
sheet and the vote on the leading unit (suy tôn). Thin: objects come from ``lookups``, changes
go through ``campaigns.services.scoring``; a refusal is shown without losing what was typed."""

from collections import Counter
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from campaigns import selectors
from campaigns.forms import AcclamationForm, AssignForm, ScoringCriterionFormSet, SheetForm
from campaigns.models import Cluster, ClusterResult, Score, ScoringCriterion
from campaigns.scoring import SheetPoints
from campaigns.services import scoring as services
from campaigns.views.lookups import fillable_sheet, visible_cluster
from common.feedback import show_errors
from common.numbers import whole_number

VIEW, LEAD = "campaigns.view_cluster", "campaigns.lead_cluster"


# --- Helpers -------------------------------------------------------------------------------------


def _tied_ranks(ranks) -> set[int]:
    """The ranks shared by more than one member."""
    return {rank for rank, count in Counter(ranks).items() if count > 1}


def _frozen_results(cluster: Cluster) -> list[tuple[ClusterResult, bool]]:
    """The results frozen at closing, in rank order, each with whether its rank is shared."""
    results = list(ClusterResult.objects.filter(cluster=cluster).select_related("unit"))
    tied = _tied_ranks(r.rank for r in results)
    return [(result, result.rank in tied) for result in results]


def _matrix_lines(cluster: Cluster) -> list[dict]:
    """The scoring matrix for the template: per member (rank order) its standing, whether its
    rank is shared, its self-assessment sheet and each peer's sheet with its total (None while
    not submitted)."""
    matrix = selectors.scoring_matrix(cluster=cluster)
    tied = _tied_ranks(row.standing.rank for row in matrix if row.standing.rank)
    return [
        {
            "unit": row.unit,
            "standing": row.standing,
            "tied": row.standing.rank in tied,
            "self_sheet": next((s for s, _total in row.sheets if s.is_self), None),
            "peers": [(sheet, total) for sheet, total in row.sheets if not sheet.is_self],
        }
        for row in matrix
    ]


def _closed_refusal(request: HttpRequest, cluster: Cluster) -> HttpResponse:
    messages.error(request, _("Scoring is closed: nothing can be changed any more."))
    return redirect("campaigns:scoring_overview", pk=cluster.pk)


# --- Pages ------------------------------------------------------------------------------------


@require_GET
@login_required
def scoring_overview(request: HttpRequest, pk: int) -> HttpResponse:
    """The matrix of self- and cross-assessments with final scores, flagged differences and
    ranks; the leader's actions while open; the frozen results and history once closed; and
    the sheets the user's units have to fill."""
    cluster = visible_cluster(request, pk, perm=VIEW)
    results = [] if cluster.scoring_is_open else _frozen_results(cluster)
    return render(
        request,
        "campaigns/scoring/overview.html",
        {
            "cluster": cluster,
            "lines": _matrix_lines(cluster),
            "criteria": list(cluster.criteria.all()),
            "is_leader": request.user.has_perm(LEAD, cluster),
            "my_sheets": selectors.sheets_to_fill(cluster=cluster, user=request.user),
            "results": results,
            "any_tied": any(tied for _result, tied in results),
            "acclamation": selectors.acclamation_of(cluster=cluster),
            "history": selectors.cluster_history(cluster=cluster),
        },
    )


@login_required
def scoring_scale(request: HttpRequest, pk: int) -> HttpResponse:
    """The leader sets the scoring scale (criteria, bonus and penalty lines with their maximum
    points) while no sheet has been submitted."""
    cluster = visible_cluster(request, pk, perm=LEAD)
    if not cluster.scoring_is_open:
        return _closed_refusal(request, cluster)
    criteria = list(cluster.criteria.all())
    locked = cluster.sheets.filter(submitted_at__isnull=False).exists()
    if request.method == "POST" and not locked:
        formset = ScoringCriterionFormSet(request.POST, prefix="criteria")
    else:
        initial = [{"name": c.name, "kind": c.kind, "max_points": c.max_points} for c in criteria]
        formset = ScoringCriterionFormSet(initial=initial, prefix="criteria")
    if request.method == "POST" and not locked and formset.is_valid():
        rows = [
            {key: row.cleaned_data[key] for key in ("name", "kind", "max_points")}
            for row in formset.forms
            if row.cleaned_data and not row.cleaned_data.get("DELETE")
        ]
        try:
            services.criteria_replace(cluster=cluster, rows=rows, actor=request.user)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("The scoring scale has been saved."))
            return redirect("campaigns:scoring_overview", pk=cluster.pk)
    return render(
        request,
        "campaigns/scoring/scale.html",
        {
            "cluster": cluster,
            "criteria": criteria,
            "formset": formset,
            "locked": locked,
            "drafts_scored": not locked and Score.objects.filter(sheet__cluster=cluster).exists(),
        },
    )


@login_required
def scoring_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Who scores whom: round robin with 1–3 peers, or ticked by hand per assessor."""
    cluster = visible_cluster(request, pk, perm=LEAD)
    if not cluster.scoring_is_open:
        return _closed_refusal(request, cluster)
    members = list(cluster.members.order_by("name"))
    form = AssignForm(request.POST if "round_robin" in request.POST else None)
    pairs = None
    if "round_robin" in request.POST and form.is_valid():
        pairs = services.round_robin_pairs(
            [m.pk for m in members], peers=form.cleaned_data["peers"]
        )
    elif "manual" in request.POST:
        pairs = _ticked_pairs(request)
    if pairs is not None:
        try:
            services.sheets_assign(cluster=cluster, pairs=pairs, actor=request.user)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("The assessments have been assigned."))
            return redirect("campaigns:scoring_assign", pk=cluster.pk)
    sheets = list(cluster.sheets.select_related("assessor", "assessed"))
    assigned = {(s.assessor_id, s.assessed_id): s for s in sheets if not s.is_self}
    return render(
        request,
        "campaigns/scoring/assign.html",
        {
            "cluster": cluster,
            "form": form,
            "grid": [
                (
                    assessor,
                    [(m, assigned.get((assessor.pk, m.pk))) for m in members if m != assessor],
                )
                for assessor in members
            ],
            "has_sheets": bool(sheets),
        },
    )


def _ticked_pairs(request: HttpRequest) -> list[tuple[int, int]]:
    """The ticked ``pair`` boxes ("<assessor id>-<assessed id>"); malformed values dropped."""
    pairs = []
    for value in request.POST.getlist("pair"):
        assessor, _dash, assessed = (whole_number(part) for part in value.partition("-"))
        if assessor is not None and assessed is not None:
            pairs.append((assessor, assessed))
    return pairs


@require_POST
@login_required
def scoring_close(request: HttpRequest, pk: int) -> HttpResponse:
    """The leader closes scoring: final scores and ranks are frozen."""
    cluster = visible_cluster(request, pk, perm=LEAD)
    if not request.POST.get("confirm"):
        messages.error(request, _("Tick the box to confirm that scoring is to be closed."))
    else:
        try:
            services.scoring_close(cluster=cluster, actor=request.user)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, _("Scoring has been closed; the results are final."))
    return redirect("campaigns:scoring_overview", pk=cluster.pk)


@login_required
def sheet_fill(request: HttpRequest, pk: int) -> HttpResponse:
    """A member fills its sheet: points and evidence per criterion, saved as a draft or
    submitted; submitted sheets and sheets of closed clusters are read-only."""
    sheet = fillable_sheet(request, pk)
    cluster = sheet.cluster
    criteria = list(cluster.criteria.all())
    saved = {score.criterion_id: score for score in sheet.scores.all()}
    editable = cluster.scoring_is_open and sheet.submitted_at is None
    if request.method == "POST" and not editable:
        messages.error(request, _("This score sheet can no longer change."))
        return redirect("campaigns:sheet_fill", pk=sheet.pk)
    submit = "submit" in request.POST
    initial = {}
    for criterion_id, score in saved.items():
        initial |= {
            f"points_{criterion_id}": score.points,
            f"evidence_{criterion_id}": score.evidence,
        }
    form = SheetForm(request.POST or None, initial=initial, criteria=criteria, submit=submit)
    if request.method == "POST" and form.is_valid():
        try:
            services.sheet_save(
                sheet=sheet, scores=form.scores(), actor=request.user, submit=submit
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if submit:
                messages.success(request, _("The score sheet has been submitted."))
                return redirect("campaigns:scoring_overview", pk=cluster.pk)
            messages.success(request, _("The draft has been saved."))
            return redirect("campaigns:sheet_fill", pk=sheet.pk)
    lines = [(c, saved.get(c.pk)) for c in criteria]
    return render(
        request,
        "campaigns/scoring/sheet.html",
        {
            "sheet": sheet,
            "cluster": cluster,
            "form": form,
            "editable": editable,
            "lines": lines,
            "total": _sheet_total(sheet, lines),
        },
    )


def _sheet_total(sheet, lines) -> Decimal | None:
    """The saved sheet's total by the scoring formula (``SheetPoints.total``), None if empty."""
    scored = [(criterion, score) for criterion, score in lines if score is not None]
    if not scored:
        return None
    by_kind = {kind: Decimal(0) for kind in ScoringCriterion.Kind.values}
    for criterion, score in scored:
        by_kind[criterion.kind] += score.points
    return SheetPoints(
        assessor_id=sheet.assessor_id, assessed_id=sheet.assessed_id, **by_kind
    ).total


@login_required
def acclamation(request: HttpRequest, pk: int) -> HttpResponse:
    """The vote on the leading unit at the annual review, once scoring is closed: the leader
    records it; afterwards everyone who sees the cluster reads the result."""
    cluster = visible_cluster(request, pk, perm=VIEW)
    is_leader = request.user.has_perm(LEAD, cluster)
    if request.method == "POST" and not is_leader:
        raise PermissionDenied
    recorded = selectors.acclamation_of(cluster=cluster)
    context = {"cluster": cluster, "acclamation": recorded, "is_leader": is_leader}
    if recorded is not None:
        if request.method == "POST":
            messages.error(request, _("The vote of this cluster has already been recorded."))
            return redirect("campaigns:acclamation", pk=cluster.pk)
        return render(
            request, "campaigns/scoring/acclamation.html", context | _result(recorded, cluster)
        )
    context["results"] = _frozen_results(cluster)
    if cluster.scoring_is_open or not is_leader:
        if request.method == "POST":
            messages.error(request, _("Close scoring before the vote on the leading unit."))
            return redirect("campaigns:acclamation", pk=cluster.pk)
        return render(request, "campaigns/scoring/acclamation.html", context)
    members = list(cluster.members.order_by("name"))
    form = AcclamationForm(
        request.POST or None,
        members=members,
        initial={"held_on": timezone.localdate(), "present": [m.pk for m in members]},
    )
    if request.method == "POST" and form.is_valid():
        by_pk = {m.pk: m for m in members}
        try:
            services.acclamation_record(
                cluster=cluster,
                held_on=form.cleaned_data["held_on"],
                present=[by_pk[pk] for pk in form.cleaned_data["present"]],
                ballots=form.ballots(),
                actor=request.user,
                minutes=form.cleaned_data["minutes"].strip(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The vote has been recorded."))
            return redirect("campaigns:acclamation", pk=cluster.pk)
    return render(request, "campaigns/scoring/acclamation.html", context | {"form": form})


def _result(recorded, cluster: Cluster) -> dict:
    """The recorded vote for the template: votes per unit (most first), attendance."""
    ballots = list(recorded.ballots.select_related("choice"))
    present = list(recorded.present.order_by("name"))
    absent = list(cluster.members.exclude(pk__in=[u.pk for u in present]).order_by("name"))
    votes = Counter(ballot.choice for ballot in ballots)
    return {
        "tally": sorted(votes.items(), key=lambda item: (-item[1], item[0].name)),
        "ballot_count": len(ballots),
        "present": present,
        "absent": absent,
        "member_count": len(present) + len(absent),
    }
