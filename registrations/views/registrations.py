"""The unit officer's registrations: the list of his windows, the form (with autosave, line
checks and the person search), the read-only page, submitting, and the reviewer's decision.
A registration outside the user's scope is a 404; an action he may not take, a 403."""

import json
from collections.abc import Mapping

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common.data_version import keeps_data_version
from common.feedback import attempt, show_errors
from common.numbers import whole_number
from organizations.models import Unit
from organizations.selectors import officer_unit_ids
from registrations import selectors
from registrations.forms import (
    EntryForm,
    EntryFormSet,
    ExtensionForm,
    ReviewForm,
    entry_initial,
    entry_kwargs,
    posted_people,
)
from registrations.lines import Line, entry_checks
from registrations.models import Registration, RegistrationWindow
from registrations.services import registrations as services
from registrations.services.flow import deadline_text
from registrations.services.windows import extension_grant

PREFIX = "entries"


def _registration(request: HttpRequest, pk: int) -> Registration:
    queryset = selectors.registrations_visible_to(request.user).select_related(
        "unit", "cluster__leader", "window__campaign__council__unit", "cluster_list"
    )
    return get_object_or_404(queryset, pk=pk)


def _registration_to_change(request: HttpRequest, pk: int) -> Registration | None:
    """The registration with its unit when the user may change it: one query, the permission
    checked on the row (whoever may change a registration may see it). None when he may only
    see it; ``Http404`` when he may not see it either."""
    found = Registration.objects.select_related("unit").filter(pk=pk)
    registration = found.order_by().first()  # not the model's ordering: it joins three tables
    if registration is not None and request.user.has_perm(
        "registrations.change_registration", registration
    ):
        return registration
    get_object_or_404(selectors.registrations_visible_to(request.user), pk=pk)
    return None


def _require(request: HttpRequest, perm: str, obj) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


@login_required
def registration_home(request: HttpRequest) -> HttpResponse:
    """The windows of the user's units with each registration's state, the cluster lists he
    leads, and the windows whose overview he may open."""
    units = Unit.objects.filter(pk__in=officer_unit_ids(request.user)).order_by("name")
    own = []
    for unit in units:
        registrations = selectors.unit_registrations(unit=unit)
        for window in selectors.windows_for_unit(unit=unit):
            own.append((unit, window, registrations.get(window.pk)))
    led = selectors.cluster_lists_to_lead(user=request.user)
    overseen = selectors.windows_overseen_by(request.user).select_related("campaign__council")
    return render(
        request,
        "registrations/home.html",
        {"own": own, "led": led, "overseen": overseen},
    )


@login_required
@require_POST
def registration_open(request: HttpRequest, window_pk: int, unit_pk: int) -> HttpResponse:
    """Start (or reopen) the unit's registration for the window and go to its form."""
    unit = get_object_or_404(Unit, pk=unit_pk)
    window = get_object_or_404(selectors.windows_for_unit(unit=unit), pk=window_pk)
    if not request.user.has_perm(
        "registrations.change_registration", Registration(unit=unit, window=window)
    ):
        raise PermissionDenied
    registration = services.registration_start(window=window, unit=unit)
    return redirect("registrations:edit", pk=registration.pk)


def _page_context(request: HttpRequest, registration: Registration) -> dict:
    user = request.user
    return {
        "registration": registration,
        "window": registration.window,
        "can_edit": registration.is_editable
        and user.has_perm("registrations.change_registration", registration),
        "can_review": registration.status == Registration.Status.SUBMITTED
        and user.has_perm("registrations.review_registration", registration),
        "can_extend": user.has_perm("registrations.grant_extension", registration),
        "history": selectors.registration_history(registration=registration),
        "today": timezone.localdate(),
    }


@login_required
def registration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The registration read-only: its lines with their findings, state, deadline, history,
    and the actions the user may take (review, extension)."""
    registration = _registration(request, pk)
    _require(request, "registrations.view_registration", registration)
    context = _page_context(request, registration)
    context["lines"] = services.registration_lines(registration)
    context["review_form"] = ReviewForm()
    context["extension_form"] = ExtensionForm()
    return render(request, "registrations/detail.html", context)


def _formset(registration: Registration, data=None) -> EntryFormSet:
    kwargs = entry_kwargs(unit=registration.unit)
    if data is not None:
        return EntryFormSet(data, prefix=PREFIX, form_kwargs=kwargs)
    entries = registration.entries.select_related("person", "title", "form")
    initial = [entry_initial(entry) for entry in entries]
    return EntryFormSet(initial=initial, prefix=PREFIX, form_kwargs=kwargs)


@login_required
def registration_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The form. POST "save" keeps a draft; POST "submit" saves and submits. A refused form
    or submission comes back with everything the user typed and the reasons."""
    registration = _registration(request, pk)
    _require(request, "registrations.view_registration", registration)
    if not registration.is_editable or not request.user.has_perm(
        "registrations.change_registration", registration
    ):
        return redirect("registrations:detail", pk=registration.pk)
    formset = _formset(registration, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if formset.is_valid():
            try:
                with transaction.atomic():
                    services.entries_replace(
                        registration=registration,
                        rows=formset.entries(),
                        version=request.POST.get("version"),
                        actor=request.user,
                    )
                    if "submit" in request.POST:
                        services.registration_submit(registration=registration, actor=request.user)
            except ValidationError as error:
                show_errors(request, error)
            else:
                if "submit" in request.POST:
                    messages.success(request, _("The registration has been submitted."))
                    return redirect("registrations:detail", pk=registration.pk)
                messages.success(request, _("The draft has been saved."))
                return redirect("registrations:edit", pk=registration.pk)
        else:
            messages.error(request, _("Some lines need correcting; nothing was saved."))
    context = _page_context(request, registration)
    lines = services.registration_lines(registration) if request.method == "GET" else []
    rows = []
    for index, form in enumerate(formset.forms):
        line = lines[index] if index < len(lines) else None
        rows.append(
            {
                "form": form,
                "findings": line.findings if line else None,
                "note": line.entry.review_note if line else "",
            }
        )
    registration.refresh_from_db(fields=["updated_at"])
    context.update(
        formset=formset,
        rows=rows,
        version=services.version_of(registration),
        options=list(formset.form_kwargs["options"].values()),
        collectives=list(formset.form_kwargs["collectives"].values()),
        saved_at=registration.updated_at,
    )
    return render(request, "registrations/edit.html", context)


def _posted_fields(request: HttpRequest) -> Mapping[str, str] | None:
    """The form's fields as the autosave posts them: a JSON object of names to values
    (registration-form.js), or a form post (an older copy of the script, the tests). None for
    a JSON body that is not such an object or holds more fields than a form post may
    (``DATA_UPLOAD_MAX_NUMBER_FIELDS``); a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` raises
    ``RequestDataTooBig`` (400), as for a form post. JSON costs the server a fraction of what
    parsing the same form post does."""
    if request.content_type != "application/json":
        return request.POST
    try:
        posted = json.loads(request.body)
    except ValueError:
        return None
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    if not isinstance(posted, dict) or (limit is not None and len(posted) > limit):
        return None
    return {name: value for name, value in posted.items() if isinstance(value, str)}


@keeps_data_version  # a draft's lines: no cached page shows them
@transaction.non_atomic_requests  # it only reads, but for entries_replace's own transaction
@require_POST
def registration_autosave(request: HttpRequest, pk: int) -> JsonResponse:
    """Save the posted form (``_posted_fields``) as a draft when every line is valid (JSON
    answer). An expired session answers 401 so the page keeps what was typed (it also keeps it
    in the browser); a body that is no form at all, 400."""
    if not request.user.is_authenticated:
        return JsonResponse({"saved": False, "reason": "login"}, status=401)
    registration = _registration_to_change(request, pk)
    if registration is None or not registration.is_editable:
        return JsonResponse({"saved": False, "reason": "locked"}, status=409)
    posted = _posted_fields(request)
    if posted is None:
        return JsonResponse({"saved": False, "reason": "invalid"}, status=400)
    formset = _formset(registration, posted)
    if not formset.is_valid():
        return JsonResponse({"saved": False, "reason": "invalid"})
    try:
        registration = services.entries_replace(
            registration=registration,
            rows=formset.entries(),
            version=posted.get("version"),
            actor=request.user,
        )
    except ValidationError as error:
        reason = "stale" if error.code == "stale" else "locked"
        return JsonResponse({"saved": False, "reason": reason}, status=409)
    saved_at = timezone.localtime(registration.updated_at)
    return JsonResponse(
        {
            "saved": True,
            "at": saved_at.strftime("%H:%M:%S"),
            "version": services.version_of(registration),
        }
    )


@login_required
@require_GET
def registration_check_line(request: HttpRequest, pk: int) -> HttpResponse:
    """The findings of one line of the form as typed (an HTML fragment for htmx): which row is
    named by ``row`` (its formset prefix)."""
    registration = _registration(request, pk)
    _require(request, "registrations.change_registration", registration)
    kwargs = entry_kwargs(unit=registration.unit)
    kwargs["people"] = posted_people(kwargs["people"], request.GET)
    form = EntryForm(request.GET, prefix=request.GET.get("row", ""), **kwargs)
    findings, waiting, unrecorded = [], True, False
    if form.is_valid() and not form.is_blank():
        entry = form.entry()
        nominee = entry.collective or entry.person
        waiting, unrecorded = False, nominee is None  # a new person has no record to check
        if nominee is not None:
            line = Line(
                nominee=nominee,
                award=entry.award,
                initiative_name=entry.initiative_name,
                model_name=entry.model_name,
            )
            findings = entry_checks(lines=[line], year=registration.year)[0].findings
    return render(
        request,
        "registrations/_findings.html",
        {"findings": findings, "waiting": waiting, "unrecorded": unrecorded},
    )


@login_required
@require_GET
def registration_people(request: HttpRequest, pk: int) -> HttpResponse:
    """People of the registration's unit whose name contains what the line's name field holds
    (``<row>-person_name``, or ``q``): an HTML fragment."""
    registration = _registration(request, pk)
    _require(request, "registrations.change_registration", registration)
    row = request.GET.get("row", "")
    text = request.GET.get(f"{row}-person_name") or request.GET.get("q", "")
    people = selectors.people_matching(unit=registration.unit, text=text)
    return render(
        request,
        "registrations/_people.html",
        {"people": people, "row": row},
    )


@login_required
@require_POST
def registration_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit the saved registration (from its read-only page)."""
    registration = _registration(request, pk)
    _require(request, "registrations.change_registration", registration)
    attempt(
        request,
        lambda: services.registration_submit(registration=registration, actor=request.user),
        _("The registration has been submitted."),
    )
    return redirect("registrations:detail", pk=registration.pk)


@login_required
@require_POST
def registration_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept the registration, or return it with a reason and notes on lines
    (``note-<line id>`` fields)."""
    registration = _registration(request, pk)
    _require(request, "registrations.review_registration", registration)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        show_errors(request, form)
    elif form.cleaned_data["decision"] == ReviewForm.ACCEPT:
        attempt(
            request,
            lambda: services.registration_accept(registration=registration, actor=request.user),
            _("The registration has been accepted."),
        )
    else:
        notes = {
            whole_number(key.removeprefix("note-")): value
            for key, value in request.POST.items()
            if key.startswith("note-") and whole_number(key.removeprefix("note-")) is not None
        }
        attempt(
            request,
            lambda: services.registration_return(
                registration=registration,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                notes=notes,
            ),
            _("The registration has been returned to the unit."),
        )
    return redirect("registrations:detail", pk=registration.pk)


@login_required
@require_POST
def unit_extension(request: HttpRequest, window_pk: int, unit_pk: int) -> HttpResponse:
    """Grant one unit a later last day (the secretariat), starting its registration if it had
    none; back to the overview."""
    window = get_object_or_404(
        selectors.windows_visible_to(request.user).select_related("campaign__council__unit"),
        pk=window_pk,
    )
    _require(request, "registrations.grant_extension", window)
    unit = get_object_or_404(window.campaign.participants, pk=unit_pk)
    extension_post(
        request,
        target=lambda: services.registration_start(window=window, unit=unit),
        success=_("%(unit)s may register until %(day)s."),
        unit=unit,
    )
    return redirect("registrations:overview", pk=window.pk)


def extension_post(
    request: HttpRequest, *, target, success: str | None = None, unit: Unit | None = None
) -> bool:
    """Grant the extension posted in an ``ExtensionForm`` to ``target`` (a registration or a
    cluster list, or a callable giving one once the form is valid); messages say the outcome.
    ``success`` may name ``%(unit)s`` and ``%(day)s``."""
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        show_errors(request, form)
        return False
    until, reason = form.cleaned_data["until"], form.cleaned_data["reason"]
    message = (success or _("The extension has been granted.")) % {
        "unit": unit,
        "day": deadline_text(until),
    }
    return attempt(
        request,
        lambda: extension_grant(
            target=target() if callable(target) else target,
            until=until,
            reason=reason,
            actor=request.user,
        ),
        message,
    )


def window_of(request: HttpRequest, pk: int) -> RegistrationWindow:
    """The window if the user may see it (404 otherwise)."""
    return get_object_or_404(
        selectors.windows_visible_to(request.user).select_related(
            "campaign__council__unit", "schedule_task__plan"
        ),
        pk=pk,
    )
