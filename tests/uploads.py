"""Builders of small sample files for upload tests: each returns the file's bytes.

The files are made by the same libraries real users' software is judged against (pypdf, Pillow,
python-docx, openpyxl), so a test that accepts one accepts a real file of that kind.
"""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile


def pdf_from_objects(
    objects: list[bytes], *, version: bytes = b"1.7", binary_comment: bool = True
) -> bytes:
    """A PDF written by hand, so that every byte is the test's: ``objects`` (their bodies,
    numbered 1, 2, … in order; object 1 is the catalog), a cross-reference table and the
    trailer. ``binary_comment`` adds the second header line that marks the file as binary."""
    out = b"%PDF-" + version + b"\n" + (b"%\xe2\xe3\xcf\xd3\n" if binary_comment else b"")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def pdf_bytes(pages: int = 1, text: str = "Bao cao thanh tich") -> bytes:
    """A valid A4 PDF of ``pages`` pages, each showing ``text`` and its page number (Helvetica,
    so characters outside Latin-1 are written as "?")."""
    from pypdf import PdfWriter
    from pypdf.generic import ContentStream, DictionaryObject, NameObject

    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    writer = PdfWriter()
    for number in range(1, pages + 1):
        page = writer.add_blank_page(width=595, height=842)
        line = f"{text} - {number}".replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        content = ContentStream(None, writer)
        content.set_data(
            b"BT /F1 12 Tf 72 760 Td (" + line.encode("latin-1", "replace") + b") Tj ET"
        )
        page.replace_contents(content)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def encrypted_pdf_bytes() -> bytes:
    """A one-page PDF that needs the password "mat-khau" to open (RC4, so no extra library is
    needed)."""
    password = "mat-khau"
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer.encrypt(user_password=password, owner_password=password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def broken_pdf_bytes() -> bytes:
    """Bytes that start like a PDF (``%PDF-1.7``) but hold no readable document."""
    return b"%PDF-1.7\n" + b"\x00garbage, not a PDF object\n" * 64 + b"%%EOF\n"


def png_bytes(width: int = 4, height: int = 3) -> bytes:
    """A small RGB PNG image."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_bytes(width: int = 4, height: int = 3) -> bytes:
    """A small RGB JPEG image."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 30, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def docx_bytes(text: str = "Báo cáo thành tích") -> bytes:
    """A Word document (.docx) with one paragraph holding ``text``."""
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(rows: tuple[tuple, ...] = (("STT", "Họ và tên"), (1, "Nguyễn Văn A"))) -> bytes:
    """An Excel workbook (.xlsx) whose one sheet holds ``rows``."""
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes] | None = None) -> bytes:
    """A ZIP archive holding ``members`` (name → content); by default one text file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in (members or {"ghi-chu.txt": b"not an office document"}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def uploaded(
    name: str, data: bytes, content_type: str = "application/octet-stream"
) -> SimpleUploadedFile:
    """``data`` as Django hands an uploaded file to a form, named ``name``."""
    return SimpleUploadedFile(name, data, content_type=content_type)
