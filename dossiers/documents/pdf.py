"""The proposal letter and the nominee list as A4 PDFs in the Decree 30/2020 layout.

The HTML comes from ``templates/dossiers/pdf/proposal_letter.html`` (portrait) and
``nominee_list.html`` (landscape: six columns), both built on the shared Decree 30 header
(``templates/common/pdf/_decree30_header.html``, ``static/css/decree30.css``); the page and
body style is ``static/css/dossier-documents-pdf.css``. ``common.pdf.render_pdf`` sets them in
the shipped Liberation Serif files and loads nothing else (no network access).
"""

from common.decree30 import HEADER_CSS, header_context
from common.pdf import STATIC_DIR, render_pdf
from dossiers.documents.proposal import NomineeList, ProposalLetter

CSS_FILE = STATIC_DIR / "css" / "dossier-documents-pdf.css"
LETTER_TEMPLATE = "dossiers/pdf/proposal_letter.html"
LIST_TEMPLATE = "dossiers/pdf/nominee_list.html"


def _render(template: str, document) -> bytes:
    context = {"document": document, "header": document.header, **header_context()}
    return render_pdf(template=template, context=context, stylesheets=[HEADER_CSS, CSS_FILE])


def proposal_letter_pdf(letter: ProposalLetter) -> bytes:
    """The letter as PDF bytes (starting with ``%PDF``).

    Raises ``FileNotFoundError`` if a shipped font or a stylesheet is missing, ``OSError`` if
    one cannot be loaded, and whatever WeasyPrint raises on a rendering failure.
    """
    return _render(LETTER_TEMPLATE, letter)


def nominee_list_pdf(nominees: NomineeList) -> bytes:
    """The nominee list as PDF bytes (A4 landscape; the table header repeats on every page).
    Raises what ``proposal_letter_pdf`` raises."""
    return _render(LIST_TEMPLATE, nominees)
