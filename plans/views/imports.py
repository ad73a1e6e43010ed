"""Importing a plan document: upload, then review what was extracted and save."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from plans.forms import (
    DeadlineFormSet,
    PlanReviewForm,
    PlanUploadForm,
    ScheduleFormSet,
    reviewed_data,
)
from plans.importing import plan_import_create, plan_import_save
from plans.models import PlanImport
from plans.parsing import PlanParseError
from plans.services import PlanAlreadyExists
from plans.views.lookups import units_issuing_for


@login_required
def plan_upload(request: HttpRequest) -> HttpResponse:
    """Upload a plan document; what was extracted is shown for review before anything is
    saved as a plan."""
    units = units_issuing_for(request.user)
    if not units.exists():
        raise PermissionDenied
    form = PlanUploadForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            plan_import = plan_import_create(
                unit=form.cleaned_data["unit"],
                user=request.user,
                uploaded_file=form.cleaned_data["document"],
            )
        except PlanParseError as error:
            form.add_error("document", str(error))
        else:
            return redirect("plans:plan_review", pk=plan_import.pk)
    return render(request, "plans/plan_upload.html", {"form": form})


@login_required
def plan_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Side by side: the document's text and the extracted fields, schedule and deadlines,
    all editable; saving creates (or, once confirmed, replaces) the plan."""
    plan_import = get_object_or_404(
        PlanImport.objects.select_related("unit"), pk=pk, uploaded_by=request.user
    )
    extracted = plan_import.extracted
    if request.method == "POST":
        form = PlanReviewForm(request.POST)
        schedule = ScheduleFormSet(request.POST, prefix="schedule")
        deadlines = DeadlineFormSet(request.POST, prefix="deadlines")
    else:
        form = PlanReviewForm(initial=PlanReviewForm.initial_from(extracted))
        schedule = ScheduleFormSet(initial=extracted["schedule"], prefix="schedule")
        deadlines = DeadlineFormSet(initial=extracted["deadlines"], prefix="deadlines")
    if request.method == "POST" and all(f.is_valid() for f in (form, schedule, deadlines)):
        data = reviewed_data(
            form,
            schedule,
            deadlines,
            sections=extracted["sections"],
            implements=extracted["implements"],
        )
        try:
            saved = plan_import_save(
                plan_import=plan_import,
                data=data,
                user=request.user,
                replace=form.cleaned_data["replace"],
            )
        except PlanAlreadyExists as error:
            form.add_error(
                "replace",
                _("%(problem)s Tick the box to replace it.") % {"problem": error},
            )
        else:
            messages.success(request, _("The plan has been saved."))
            return redirect("plans:plan_detail", pk=saved.plan.pk)
    return render(
        request,
        "plans/plan_review.html",
        {
            "plan_import": plan_import,
            "form": form,
            "schedule": schedule,
            "deadlines": deadlines,
            "sections": extracted["sections"],
        },
    )
