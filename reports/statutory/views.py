"""The page of the statutory forms 0601–0605: choose a council and a year, see what each form
holds and how many of its cells must be filled in by hand, and ask for the workbooks (export
jobs, reports/jobs)."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from reports.statutory.forms import build_all
from reports.statutory.permissions import (
    MAX_YEAR,
    MIN_YEAR,
    clean_year,
    councils_for_statutory,
    default_year,
    statutory_council,
)


@login_required
def statutory_page(request: HttpRequest) -> HttpResponse:
    """``?council=<id>&year=<yyyy>``: the five forms of that council's area for that year.

    Without a council the user picks one (the only one is taken, and the page reloads with
    both parameters, which the download buttons pass on to the exporters). A council the user
    cannot see is a 404, one he sees but whose secretariat he is not of a 403; a user with no
    council at all gets a 403.
    """
    councils = councils_for_statutory(request.user)
    council_id = request.GET.get("council", "").strip()
    year_text = request.GET.get("year", "").strip()
    year_error = ""
    if council_id:
        council = statutory_council(user=request.user, council_id=council_id)
    else:
        choices = list(councils[:2])
        if not choices:
            raise PermissionDenied
        council = choices[0] if len(choices) == 1 else None
    try:
        year = clean_year(year_text) if year_text else None
    except ValidationError as error:
        year, year_error = None, error.messages[0]
    if council is not None and not year_error and (not council_id or year is None):
        query = urlencode({"council": council.pk, "year": year or default_year()})
        return redirect(f"{reverse('reports:statutory_page')}?{query}")
    forms = []
    if council is not None and year is not None:
        forms = [
            {"spec": spec, "form": form, "manual": form.manual_count}
            for spec, form in build_all(council=council, year=year)
        ]
    return render(
        request,
        "reports/statutory/page.html",
        {
            "councils": councils,
            "council": council,
            "year": year or year_text or default_year(),
            "year_error": year_error,
            "min_year": MIN_YEAR,
            "max_year": MAX_YEAR,
            "forms": forms,
        },
    )
