"""The award lookup: find a person or a unit the user may see, show its award history by year,
check it against an award's conditions, and export that history to Excel or PDF. A person or
unit outside the user's scope is a 404."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from awards.eligibility import check_eligibility, is_eligible
from awards.forms import EligibilityCheckForm
from awards.history import (
    MAX_RESULTS,
    AwardHistory,
    lookup_people,
    lookup_units,
    person_history,
    unit_history,
)
from awards.history_export import history_pdf, history_xlsx
from awards.imports.lookups import can_import_history
from awards.models import RecipientKind
from awards.selectors import awards_for_recipient
from common.text import search_key
from organizations.models import Person, Unit
from organizations.selectors import people_visible_to, units_visible_to

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class LookupForm(forms.Form):
    """Search a person (by name, optionally birth year) or a unit (by name)."""

    PERSON, UNIT = "person", "unit"

    kind = forms.ChoiceField(
        label=_("Look up"),
        choices=[(PERSON, _("An individual")), (UNIT, _("A unit or collective"))],
        initial=PERSON,
        widget=forms.RadioSelect,
    )
    q = forms.CharField(label=_("Name"), max_length=100)
    birth_year = forms.IntegerField(
        label=_("Birth year"), required=False, min_value=1900, max_value=2100
    )


@login_required
def lookup(request: HttpRequest) -> HttpResponse:
    """The search form and, once submitted, the matching people or units (at most 50)."""
    form = LookupForm(request.GET or None)
    people = units = None
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"] == LookupForm.UNIT:
            units = list(lookup_units(user=request.user, name=data["q"])[:MAX_RESULTS])
        else:
            people = list(
                lookup_people(user=request.user, name=data["q"], birth_year=data["birth_year"])[
                    :MAX_RESULTS
                ]
            )
    return render(
        request,
        "awards/lookup.html",
        {
            "form": form,
            "people": people,
            "units": units,
            "max_results": MAX_RESULTS,
            "can_import": can_import_history(request.user),
        },
    )


def _visible_person(request: HttpRequest, pk: int) -> Person:
    return get_object_or_404(people_visible_to(request.user).select_related("unit"), pk=pk)


def _visible_unit(request: HttpRequest, pk: int) -> Unit:
    return get_object_or_404(units_visible_to(request.user).select_related("parent"), pk=pk)


def _eligibility(request: HttpRequest, nominee: Person | Unit, recipient: str) -> dict:
    """The eligibility form for the awards conferrable on ``recipient`` and, once submitted
    (``?award=<code>&year=<year>``), the engine's findings for ``nominee``."""
    titles, forms_ = awards_for_recipient(kind=recipient)
    submitted = "award" in request.GET or "year" in request.GET
    form = EligibilityCheckForm(
        request.GET if submitted else None,
        initial={"year": timezone.localdate().year},
        titles=titles,
        forms=forms_,
    )
    panel = {"form": form, "findings": None}
    if form.is_valid():
        code, year = form.cleaned_data["award"], form.cleaned_data["year"]
        try:
            findings = check_eligibility(nominee=nominee, award=code, year=year)
        except LookupError:  # removed from the catalog since the page was shown
            form.add_error("award", form.fields["award"].error_messages["invalid_choice"])
        else:
            award = next(entry for entry in [*titles, *forms_] if entry.code == code)
            panel.update(findings=findings, eligible=is_eligible(findings), award=award, year=year)
    return panel


def _history_page(
    request: HttpRequest, history: AwardHistory, kind: str, recipient: str
) -> HttpResponse:
    context = {
        "history": history,
        "subject_kind": kind,
        "eligibility": _eligibility(request, history.subject, recipient),
    }
    return render(request, "awards/lookup_history.html", context)


@login_required
def lookup_person(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's award history by year, newest first, with the eligibility check."""
    history = person_history(person=_visible_person(request, pk))
    return _history_page(request, history, "person", RecipientKind.INDIVIDUAL)


@login_required
def lookup_unit(request: HttpRequest, pk: int) -> HttpResponse:
    """A unit's award history as a collective, by year, newest first, with the eligibility
    check for collective awards."""
    history = unit_history(unit=_visible_unit(request, pk))
    return _history_page(request, history, "unit", RecipientKind.COLLECTIVE)


def _filename(history: AwardHistory, suffix: str) -> str:
    return f"lich-su-khen-thuong-{slugify(search_key(str(history.subject)))}.{suffix}"


def _download(history: AwardHistory, suffix: str) -> HttpResponse:
    if suffix == "xlsx":
        response = HttpResponse(history_xlsx(history), content_type=XLSX_TYPE)
    else:
        content = history_pdf(history, generated_on=timezone.localdate())
        response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(history, suffix)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def lookup_person_export(request: HttpRequest, pk: int, suffix: str) -> HttpResponse:
    """The person's history as an Excel workbook (``xlsx``) or a PDF (``pdf``)."""
    return _download(person_history(person=_visible_person(request, pk)), suffix)


@login_required
def lookup_unit_export(request: HttpRequest, pk: int, suffix: str) -> HttpResponse:
    """The unit's history as an Excel workbook (``xlsx``) or a PDF (``pdf``)."""
    return _download(unit_history(unit=_visible_unit(request, pk)), suffix)
