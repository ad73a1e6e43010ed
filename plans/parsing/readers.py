"""Read the text of an uploaded plan: .txt, .docx or .pdf.

The type is detected from the content (PDF signature ``%PDF-``; a ZIP archive holding
``word/document.xml`` is a .docx), the file name only deciding for plain text. Word
tables come out in document order: tables of three or more columns as one line per row
with tab-separated cells (merged cells once), one- or two-column layout tables (the
Decree 30 header and footer) cell by cell, one line per paragraph.
"""

import codecs
import io
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

from plans.parsing.model import PlanParseError

MSG_UNSUPPORTED = "Định dạng tệp không được hỗ trợ. Hãy dùng tệp .docx, .pdf hoặc .txt (mã UTF-8)."
MSG_OLD_WORD = (
    "Định dạng tệp không được hỗ trợ: đây là tệp Word cũ (.doc). "
    "Hãy lưu lại thành .docx rồi tải lên."
)
MSG_EMPTY = "Tệp rỗng, không có nội dung văn bản."
MSG_SCANNED = (
    "Tệp PDF là ảnh quét, không có lớp văn bản. Hãy dùng bản .docx, hoặc PDF đã nhận dạng "
    "ký tự (OCR)."
)
MSG_ENCRYPTED = "Tệp PDF được đặt mật khẩu nên không đọc được. Hãy gỡ mật khẩu rồi tải lên lại."
MSG_BROKEN_PDF = "Tệp PDF bị hỏng, không đọc được."
MSG_BROKEN_DOCX = "Tệp Word (.docx) bị hỏng, không đọc được."
MSG_ENCODING = "Tệp văn bản không dùng mã UTF-8. Hãy lưu lại với mã UTF-8 rồi tải lên."
MSG_UNREADABLE = "Không mở được tệp."

_TEXT_SUFFIXES = frozenset({".txt", ".text"})
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LAYOUT_COLUMNS = 2


def _decode_text(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanParseError(MSG_ENCODING) from exc


def _read_pdf(data: bytes) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not _decrypts(reader):
                raise PlanParseError(MSG_ENCRYPTED)
            pages = [page.extract_text() or "" for page in reader.pages]
        except PlanParseError:
            raise
        except Exception as exc:
            raise PlanParseError(MSG_BROKEN_PDF) from exc
    if not pages:
        raise PlanParseError(MSG_BROKEN_PDF)
    text = "\n".join(pages)
    if not text.strip():
        raise PlanParseError(MSG_SCANNED)
    return text


def _decrypts(reader) -> bool:
    try:
        return bool(reader.decrypt(""))
    except Exception:
        return False


def _block_lines(element, parent) -> Iterator[str]:
    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            yield from Paragraph(child, parent).text.split("\n")
        elif child.tag == qn("w:tbl"):
            yield from _table_lines(Table(child, parent))
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                yield from _block_lines(content, parent)


def _table_lines(table) -> Iterator[str]:
    rows = []
    for row in table.rows:
        cells: list = []
        for cell in row.cells:
            if not any(cell._tc is seen._tc for seen in cells):
                cells.append(cell)
        rows.append(cells)
    if max((len(cells) for cells in rows), default=0) <= _LAYOUT_COLUMNS:
        for cells in rows:
            for cell in cells:
                yield from _block_lines(cell._tc, cell)
        return
    for cells in rows:
        yield "\t".join(" ".join(cell.text.replace("\t", " ").split()) for cell in cells)


def _read_docx(data: bytes) -> str:
    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_block_lines(document.element.body, document))
    except Exception as exc:
        raise PlanParseError(MSG_BROKEN_DOCX) from exc
    return "\n".join(lines)


def _zip_is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _extract(data: bytes, suffix: str) -> str:
    if b"%PDF-" in data[:1024]:
        return _read_pdf(data)
    if data.startswith(b"PK\x03\x04"):
        if _zip_is_docx(data):
            return _read_docx(data)
        if suffix == ".docx":
            raise PlanParseError(MSG_BROKEN_DOCX)
        raise PlanParseError(MSG_UNSUPPORTED)
    if data.startswith(_OLE_SIGNATURE):
        raise PlanParseError(MSG_OLD_WORD)
    if suffix == ".pdf":
        raise PlanParseError(MSG_BROKEN_PDF)
    if suffix == ".docx":
        raise PlanParseError(MSG_BROKEN_DOCX)
    if suffix in _TEXT_SUFFIXES:
        text = _decode_text(data)
        if "\x00" not in text:
            return text
    raise PlanParseError(MSG_UNSUPPORTED)


def read_document(path: Path) -> str:
    """Text of the plan file at ``path`` (.txt in UTF-8, .docx or .pdf).

    Raises PlanParseError (Vietnamese message) for an unreadable, empty, unsupported,
    broken, encrypted or scanned (no text layer) file.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PlanParseError(MSG_UNREADABLE) from exc
    if not data.strip():
        raise PlanParseError(MSG_EMPTY)
    text = _extract(data, path.suffix.lower())
    if not text.strip():
        raise PlanParseError(MSG_EMPTY)
    return text
