"""Generated documents of a dossier: the proposal letter and the nominee list, as PDF and as
Word, for the unit to print and sign (and for the council, which may ask for the files).

The dossier must be among those the user sees (``dossiers_visible_to``: 404 otherwise, so a
draft stays the unit's own) and the user needs ``dossiers.view_dossier`` on it (403). The file
is rendered on request: a dossier has at most a few hundred nominations.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from common.text import search_key
from dossiers.documents.proposal import nominee_list, proposal_letter
from dossiers.models import Dossier
from dossiers.selectors import dossiers_visible_to

LETTER, NOMINEES = "to-trinh", "danh-sach-de-nghi-khen-thuong"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _visible_dossier(request: HttpRequest, pk: int) -> Dossier:
    dossier = get_object_or_404(
        dossiers_visible_to(request.user).select_related("round__council__unit", "unit"), pk=pk
    )
    if not request.user.has_perm("dossiers.view_dossier", dossier):
        raise PermissionDenied
    return dossier


def download_name(dossier: Dossier, stem: str, fmt: str) -> str:
    """An ASCII file name: "to-trinh-phuong-an-binh-2025.pdf"."""
    unit = slugify(search_key(dossier.unit.name)) or f"don-vi-{dossier.unit_id}"
    return f"{stem}-{unit}-{dossier.round.year}.{fmt}"


def _download(content: bytes, *, dossier: Dossier, stem: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    name = download_name(dossier, stem, fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def proposal_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The proposal letter as an A4 PDF."""
    from dossiers.documents.pdf import proposal_letter_pdf

    dossier = _visible_dossier(request, pk)
    content = proposal_letter_pdf(proposal_letter(dossier=dossier))
    return _download(content, dossier=dossier, stem=LETTER, fmt="pdf")


@login_required
@require_GET
def proposal_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The proposal letter as a Word file."""
    from dossiers.documents.docx import proposal_letter_docx

    dossier = _visible_dossier(request, pk)
    content = proposal_letter_docx(proposal_letter(dossier=dossier))
    return _download(content, dossier=dossier, stem=LETTER, fmt="docx")


@login_required
@require_GET
def nominees_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The nominee list as an A4 landscape PDF."""
    from dossiers.documents.pdf import nominee_list_pdf

    dossier = _visible_dossier(request, pk)
    content = nominee_list_pdf(nominee_list(dossier=dossier))
    return _download(content, dossier=dossier, stem=NOMINEES, fmt="pdf")


@login_required
@require_GET
def nominees_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The nominee list as a Word file (landscape)."""
    from dossiers.documents.docx import nominee_list_docx

    dossier = _visible_dossier(request, pk)
    content = nominee_list_docx(nominee_list(dossier=dossier))
    return _download(content, dossier=dossier, stem=NOMINEES, fmt="docx")
