"""URL patterns: see dossiers/urls/__init__.py."""

from django.urls import path

from dossiers.views import documents

urlpatterns = [
    path("<int:pk>/proposal-letter.pdf", documents.proposal_pdf, name="proposal_pdf"),
    path("<int:pk>/proposal-letter.docx", documents.proposal_docx, name="proposal_docx"),
    path("<int:pk>/nominees.pdf", documents.nominees_pdf, name="nominees_pdf"),
    path("<int:pk>/nominees.docx", documents.nominees_docx, name="nominees_docx"),
]
