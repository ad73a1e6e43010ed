"""URL patterns: see dossiers/urls/__init__.py."""

from django.urls import path

from dossiers.views.documents import document_download

urlpatterns = [
    path(f"<int:pk>/{slug}.{fmt}", document_download, {"document": document, "fmt": fmt}, name=name)
    for slug, document, names in (
        ("proposal-letter", "proposal_letter", ("proposal_pdf", "proposal_docx")),
        ("nominees", "nominee_list", ("nominees_pdf", "nominees_docx")),
    )
    for fmt, name in zip(("pdf", "docx"), names, strict=True)
]
