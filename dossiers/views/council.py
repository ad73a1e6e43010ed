"""Council sessions: the list of a round's sessions, a new session, the ballot page (counts,
thresholds, results), closing it, and the minutes as PDF.

The council's secretariat and admins act; council members read; everybody else is told
nothing exists (404), or, for a round he may see as a proposing unit, refused (403).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.feedback import attempt
from dossiers.documents import minutes
from dossiers.forms.council import SessionForm, VotesForm, members_text
from dossiers.models import CouncilSession
from dossiers.selectors import council as selectors
from dossiers.services import council as services
from dossiers.views.objects import generated_file, round_of


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    """A generated PDF shown in the browser."""
    return generated_file(content, filename=filename, content_type="application/pdf", inline=True)


def _session(request: HttpRequest, pk: int, *, manage: bool = False) -> CouncilSession:
    session = get_object_or_404(selectors.sessions_visible_to(request.user), pk=pk)
    if manage and not request.user.has_perm("dossiers.manage_round", session.round):
        raise PermissionDenied
    return session


@login_required
def session_list(request: HttpRequest, round_pk: int) -> HttpResponse:
    """The round's sessions and decisions."""
    round_ = round_of(request, round_pk, "dossiers.view_round")
    return render(
        request,
        "dossiers/council/session_list.html",
        {
            "round": round_,
            "sessions": selectors.round_sessions(round_=round_),
            "decisions": selectors.round_decisions(round_=round_),
            "can_manage": request.user.has_perm("dossiers.manage_round", round_),
        },
    )


@login_required
def session_create(request: HttpRequest, round_pk: int) -> HttpResponse:
    """A new session: members prefilled from the council's people, the appraised dossiers."""
    round_ = round_of(request, round_pk, "dossiers.manage_round")
    dossiers = selectors.appraised_dossiers(round_=round_)
    if request.method == "POST":
        form = SessionForm(request.POST, dossiers=dossiers)
        if form.is_valid():
            data = form.cleaned_data
            try:
                session = services.session_create(
                    round_=round_,
                    held_on=data["held_on"],
                    members=data["members"],
                    dossiers=data["dossiers"],
                    actor=request.user,
                    place=data["place"],
                    chair_name=data["chair_name"],
                    secretary_name=data["secretary_name"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The council session is open."))
                return redirect("dossiers:session_detail", pk=session.pk)
    else:
        people = selectors.council_people(council=round_.council)
        form = SessionForm(
            dossiers=dossiers,
            initial={
                "held_on": timezone.localdate(),
                "members": members_text(people),
                "dossiers": list(dossiers),
            },
        )
    return render(request, "dossiers/council/session_create.html", {"round": round_, "form": form})


def _detail(request: HttpRequest, session: CouncilSession, form: VotesForm | None = None):
    met, present, total = services.session_quorum(session=session)
    ballots = selectors.session_ballots(session=session, member_count=total)
    is_manager = request.user.has_perm("dossiers.manage_round", session.round)
    return render(
        request,
        "dossiers/council/session_detail.html",
        {
            "session": session,
            "members": session.members.all(),
            "quorum": {"met": met, "present": present, "total": total},
            "ballots": ballots,
            "form": form or VotesForm(ballots=ballots),
            "is_manager": is_manager,
            "can_manage": is_manager and session.closed_at is None,
        },
    )


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Attendance, quorum, per nomination the counts, the threshold and the result."""
    return _detail(request, _session(request, pk))


@login_required
@require_POST
def session_votes(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the counts; refused counts re-render the page with what was typed."""
    session = _session(request, pk, manage=True)
    _met, _present, total = services.session_quorum(session=session)
    form = VotesForm(
        request.POST, ballots=selectors.session_ballots(session=session, member_count=total)
    )
    if form.is_valid():
        try:
            services.votes_record(session=session, counts=form.counts(), actor=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The votes are recorded."))
            return redirect("dossiers:session_detail", pk=session.pk)
    return _detail(request, session, form)


@login_required
@require_POST
def session_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the results and close the session."""
    session = _session(request, pk, manage=True)
    attempt(
        request,
        lambda: services.session_close(session=session, actor=request.user),
        _("The session is closed and its results are recorded."),
    )
    return redirect("dossiers:session_detail", pk=session.pk)


@login_required
def session_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    """The minutes of the session (PDF)."""
    session = _session(request, pk)
    content = minutes.minutes_pdf(minutes.session_minutes(session=session))
    return pdf_response(content, f"bien-ban-hop-hoi-dong-{session.pk}.pdf")
