"""The plan's official PDF: ask for it, poll its state, download it."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from plans.services import plan_pdf_request
from plans.views.lookups import visible_plan


@require_POST
@login_required
def plan_pdf_render(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for a fresh PDF of the plan; it is rendered in the background."""
    plan = visible_plan(request, pk)
    plan_pdf_request(plan=plan)
    return redirect("plans:plan_detail", pk=plan.pk)


@login_required
def plan_pdf_status(request: HttpRequest, pk: int) -> JsonResponse:
    """The PDF's state for the page to poll: "rendering", "ready", "stale", "failed", "none"."""
    plan = visible_plan(request, pk)
    return JsonResponse({"state": plan.pdf_state})


@login_required
def plan_pdf_download(request: HttpRequest, pk: int) -> FileResponse:
    """The plan's PDF as an attachment, to users who may read the plan."""
    plan = visible_plan(request, pk)
    if not plan.pdf_file:
        raise Http404
    name = f"ke-hoach-{plan.number or plan.pk}-{plan.year}.pdf".replace("/", "-")
    response = FileResponse(plan.pdf_file.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
