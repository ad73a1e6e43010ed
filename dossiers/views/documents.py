"""Generated documents of a dossier: the proposal letter and the nominee list, as PDF and as
Word, for the unit to print and sign (and for the council, which may ask for the files).

The dossier must be among those the user sees (``dossiers_visible_to``: 404 otherwise, so a
draft stays the unit's own) and the user needs ``dossiers.view_dossier`` on it (403). The file
is rendered on request: a dossier has at most a few hundred nominations.
"""

import importlib

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from common.text import search_key
from dossiers.documents.proposal import nominee_list, proposal_letter
from dossiers.models import Dossier
from dossiers.views.objects import dossier_of, generated_file

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# document → (file name stem, content builder, renderer name per format in
# dossiers/documents/<format>.py; imported on use, weasyprint and python-docx are heavy).
DOCUMENTS = {
    "proposal_letter": ("to-trinh", proposal_letter, "proposal_letter"),
    "nominee_list": ("danh-sach-de-nghi-khen-thuong", nominee_list, "nominee_list"),
}


def download_name(dossier: Dossier, stem: str, fmt: str) -> str:
    """An ASCII file name: "to-trinh-phuong-an-binh-2025.pdf"."""
    unit = slugify(search_key(dossier.unit.name)) or f"don-vi-{dossier.unit_id}"
    return f"{stem}-{unit}-{dossier.round.year}.{fmt}"


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int, document: str, fmt: str) -> HttpResponse:
    """``document`` (a key of ``DOCUMENTS``) of dossier ``pk`` rendered as ``fmt`` ("pdf":
    A4, the list in landscape; "docx": Word) and sent as an attachment."""
    dossier = dossier_of(request, pk)
    stem, build, renderer = DOCUMENTS[document]
    render = getattr(importlib.import_module(f"dossiers.documents.{fmt}"), f"{renderer}_{fmt}")
    return generated_file(
        render(build(dossier=dossier)),
        filename=download_name(dossier, stem, fmt),
        content_type=CONTENT_TYPES[fmt],
    )
