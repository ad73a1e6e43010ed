"""The proposal letter and the nominee list as Word files (python-docx), Decree 30/2020 layout.

A4 with the Decree's margins (top and bottom 20 mm, left 30 mm, right 15 mm), Times New Roman:
body 14 pt, issuing bodies and national title 12 pt, motto 13 pt underlined, Nơi nhận 12/11 pt
(LAW.md §7). The header is a borderless two-column table (issuing bodies and the number on the
left, national title, motto and the date line on the right), as in the usual Word templates;
page numbers are centred at the top from page 2. The letter is portrait; the nominee list is
landscape, its table header repeated on every page.

The words are those of dossiers/documents/proposal.py, as in the PDF.
"""

import io

from dossiers.documents.proposal import Header, NomineeList, ProposalLetter, Signature

FONT = "Times New Roman"
BODY_PT = 14
# Width of each column of the nominee table, in percent (as in dossier-documents-pdf.css).
LIST_WIDTHS = (5, 20, 13, 17, 18, 27)


def _new_document(*, landscape: bool = False):
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = (
        (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    )
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:cs"):
        fonts.set(_qn(attribute), FONT)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.15
    _page_numbers(section)
    return document


def _qn(name: str) -> str:
    from docx.oxml.ns import qn

    return qn(name)


def _content_mm(document) -> float:
    from docx.shared import Length

    section = document.sections[0]
    return Length(section.page_width - section.left_margin - section.right_margin).mm


def _page_numbers(section) -> None:
    """The page number centred at the top, from page 2 (the first page's header is empty)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement

    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = OxmlElement("w:fldSimple")
    field.set(_qn("w:instr"), "PAGE")
    paragraph._p.append(field)


def _paragraph(
    container,
    text: str = "",
    *,
    align: str = "center",
    size: float | None = None,
    bold=False,
    italic=False,
    underline=False,
    indent=False,
    before: float = 0,
    after: float = 0,
):
    """A paragraph of ``text`` in ``container`` (the document or a table cell)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    paragraph = container.add_paragraph()
    paragraph.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1)
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic, run.underline = bold, italic, underline
        if size:
            run.font.size = Pt(size)
    return paragraph


def _rule(container, *, width_mm: float, line_mm: float) -> None:
    """A short centred horizontal line (a bottom border on an empty, narrow paragraph)."""
    from docx.oxml import OxmlElement
    from docx.shared import Mm, Pt

    paragraph = _paragraph(container, before=4)  # clear of the descenders above
    side = max((width_mm - line_mm) / 2, 0)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Mm(side)
    paragraph.paragraph_format.line_spacing = Pt(3)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (
        ("w:val", "single"),
        ("w:sz", "6"),
        ("w:space", "1"),
        ("w:color", "000000"),
    ):
        bottom.set(_qn(name), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _table(document, rows: int, widths_mm: list[float], *, style: str | None = None):
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm

    table = document.add_table(rows=rows, cols=len(widths_mm))
    if style:
        table.style = document.styles[style]
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    return table


def _emptied(cell):
    """``cell`` without its initial empty paragraph (``_paragraph`` adds the text)."""
    for paragraph in cell.paragraphs:
        paragraph._p.getparent().remove(paragraph._p)
    return cell


def _header(document, header: Header, *, left_share: float) -> None:
    """Issuing bodies | national title and motto, then number | place and date."""
    from common.decree30 import MOTTO, NATION

    width = _content_mm(document)
    widths = [width * left_share, width * (1 - left_share)]
    table = _table(document, 2, widths)
    left = _emptied(table.cell(0, 0))
    if header.parent_issuer:
        _paragraph(left, header.parent_issuer, size=12)
    _paragraph(left, header.issuer, size=12, bold=True)
    _rule(left, width_mm=widths[0], line_mm=widths[0] / 3)
    right = _emptied(table.cell(0, 1))
    _paragraph(right, NATION, size=12, bold=True)
    _paragraph(right, MOTTO, size=13, bold=True, underline=True)
    number = f"Số: {header.number}" if header.number else ""
    _paragraph(_emptied(table.cell(1, 0)), number, size=13, before=8)
    _paragraph(_emptied(table.cell(1, 1)), header.place_date, italic=True, before=8)


def _title(document, doc_type: str, summary: str, *, reference: str = "") -> None:
    _paragraph(document, doc_type, bold=True, before=18)
    _paragraph(document, summary, bold=True)
    if reference:
        _paragraph(document, reference, italic=True)
    width = _content_mm(document)
    _rule(document, width_mm=width, line_mm=width / 4)
    _paragraph(document)


def _closing(document, *, recipients: tuple[str, ...], signature: Signature) -> None:
    """Nơi nhận on the left, the signature block on the right (room left to sign)."""
    width = _content_mm(document)
    table = _table(document, 1, [width / 2, width / 2])
    left = _emptied(table.cell(0, 0))
    if recipients:
        _paragraph(left, "Nơi nhận:", align="left", size=12, bold=True, italic=True)
        for line in recipients:
            _paragraph(left, line, align="left", size=11)
    else:
        _paragraph(left)
    right = _emptied(table.cell(0, 1))
    for line in signature.titles:
        _paragraph(right, line, bold=True)
    for _line in range(4):
        _paragraph(right)
    _paragraph(right, signature.signer_name, bold=True)


def _bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def proposal_letter_docx(letter: ProposalLetter) -> bytes:
    """The letter as .docx bytes (A4 portrait)."""
    document = _new_document()
    _header(document, letter.header, left_share=0.4)
    _title(document, letter.doc_type, letter.summary)
    _paragraph(document, letter.addressee, after=12)
    for line in (*letter.bases, letter.request):
        _paragraph(document, line, align="justify", indent=True, after=6)
    last = len(letter.counts) - 1
    for index, count in enumerate(letter.counts):
        end = "." if index == last else ";"
        _paragraph(document, f"- {count.text}{end}", align="justify", indent=True, after=6)
    _paragraph(document, letter.total, align="justify", indent=True, after=6)
    _paragraph(document, letter.attached, italic=True, after=6)
    _paragraph(document, letter.closing, align="justify", indent=True, after=12)
    _closing(document, recipients=letter.recipients, signature=letter.signature)
    return _bytes(document)


def _nominee_table(document, nominees: NomineeList) -> None:
    from docx.oxml import OxmlElement

    width = _content_mm(document)
    widths = [width * share / 100 for share in LIST_WIDTHS]
    table = _table(document, 1 + len(nominees.rows), widths, style="Table Grid")
    rows = table.rows
    for cell, text in zip(rows[0].cells, nominees.columns, strict=True):
        _paragraph(_emptied(cell), text, size=12, bold=True)
    for row, line in zip(rows[1:], nominees.rows, strict=True):
        for column, (cell, text) in enumerate(zip(row.cells, line.cells, strict=True)):
            _paragraph(_emptied(cell), text, align="center" if column == 0 else "left", size=12)
    for index, row in enumerate(rows):
        # Rows are not split across pages; the first (the header) repeats on every page.
        properties = row._tr.get_or_add_trPr()
        for name in ("w:cantSplit", "w:tblHeader") if index == 0 else ("w:cantSplit",):
            element = OxmlElement(name)
            element.set(_qn("w:val"), "true")
            properties.append(element)


def nominee_list_docx(nominees: NomineeList) -> bytes:
    """The nominee list as .docx bytes (A4 landscape): one table row per nomination under
    a header row repeated on every page."""
    document = _new_document(landscape=True)
    _header(document, nominees.header, left_share=0.45)
    _title(document, nominees.title, nominees.summary, reference=nominees.reference)
    _nominee_table(document, nominees)
    _paragraph(document, nominees.total, align="left", before=8)
    _closing(document, recipients=(), signature=nominees.signature)
    return _bytes(document)
