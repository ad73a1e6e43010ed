"""read_document: .txt, .docx and .pdf, detected by content, with Vietnamese errors."""

import codecs
import io
import zipfile

import docx
import pytest
from pypdf import PdfWriter

from plans.parsing import PlanParseError, parse_plan_text, read_document
from tests.uploads import pdf_from_objects


def minimal_pdf(*lines: str) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (ASCII, Helvetica)."""
    ops = "BT /F1 12 Tf 72 760 Td " + " ".join(f"({line}) Tj 0 -16 Td" for line in lines) + " ET"
    content = ops.encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return pdf_from_objects(objects, version=b"1.4", binary_comment=False)


def blank_pdf(password: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if password:
        writer.encrypt(password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def error_of(path) -> str:
    with pytest.raises(PlanParseError) as caught:
        read_document(path)
    return str(caught.value)


# --- text -------------------------------------------------------------------------------


def test_txt_is_read_as_utf8_and_bom_is_dropped(tmp_path):
    path = write(tmp_path, "ke-hoach.txt", codecs.BOM_UTF8 + "KẾ HOẠCH\nNăm 2024".encode())
    assert read_document(path) == "KẾ HOẠCH\nNăm 2024"


def test_txt_in_utf16_with_bom_is_read(tmp_path):
    path = write(tmp_path, "ke-hoach.txt", "Kế hoạch".encode("utf-16"))
    assert read_document(path) == "Kế hoạch"


def test_txt_not_in_utf8_is_refused(tmp_path):
    path = write(tmp_path, "ke-hoach.txt", "Kế hoạch".encode()[:-1] + b"\xff\xfe\xfa")
    assert error_of(path).startswith("Tệp văn bản không dùng mã UTF-8")


@pytest.mark.parametrize("data", [b"", b"  \n\t\n"])
def test_empty_file_is_refused(tmp_path, data):
    assert error_of(write(tmp_path, "rong.txt", data)).startswith("Tệp rỗng")


def test_missing_file_is_refused(tmp_path):
    assert error_of(tmp_path / "khong-co.txt") == "Không mở được tệp."


def test_unsupported_extension_is_refused(tmp_path):
    message = error_of(write(tmp_path, "ke-hoach.rtf", b"{\\rtf1 Ke hoach}"))
    assert message.startswith("Định dạng tệp không được hỗ trợ")


def test_old_word_file_is_refused_with_a_hint(tmp_path):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64
    message = error_of(write(tmp_path, "ke-hoach.doc", data))
    assert message.startswith("Định dạng tệp không được hỗ trợ")
    assert ".docx" in message


# --- pdf --------------------------------------------------------------------------------


def test_pdf_text_layer_is_extracted(tmp_path):
    path = write(tmp_path, "ke-hoach.pdf", minimal_pdf("KE HOACH", "So: 12/KH-UBND"))
    text = read_document(path)
    assert "KE HOACH" in text
    assert "So: 12/KH-UBND" in text


def test_pdf_is_detected_by_content_not_by_name(tmp_path):
    path = write(tmp_path, "ke-hoach.txt", minimal_pdf("Ke hoach thi dua"))
    assert "Ke hoach thi dua" in read_document(path)


def test_pdf_without_text_layer_is_a_scan(tmp_path):
    message = error_of(write(tmp_path, "scan.pdf", blank_pdf()))
    assert message.startswith("Tệp PDF là ảnh quét, không có lớp văn bản")


def test_encrypted_pdf_is_refused(tmp_path):
    message = error_of(write(tmp_path, "mat-khau.pdf", blank_pdf(password="secret")))
    assert message.startswith("Tệp PDF được đặt mật khẩu")


@pytest.mark.parametrize("data", [b"%PDF-1.7\nnot really a pdf", b"plain text"])
def test_broken_pdf_is_refused(tmp_path, data):
    assert error_of(write(tmp_path, "hong.pdf", data)).startswith("Tệp PDF bị hỏng")


# --- docx -------------------------------------------------------------------------------


def make_docx(tmp_path, name: str = "ke-hoach.docx"):
    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.text = "UBND HUYỆN QUỐC OAI"
    left.add_paragraph("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG")
    left.add_paragraph("Số: 09/KH-HĐTĐKT")
    right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    right.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    right.add_paragraph("Quốc Oai, ngày 08 tháng 01 năm 2024")
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Công tác thi đua, khen thưởng năm 2024")
    document.add_paragraph("I. TIẾN ĐỘ")
    table = document.add_table(rows=4, cols=6)
    titles = ["TT", "Nội dung", "Chỉ đạo", "Thực hiện", "Phối hợp", "Thời gian"]
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        cell.text = title
    table.cell(1, 0).merge(table.cell(1, 5)).text = "Quý I"
    for cell, value in zip(
        table.rows[2].cells,
        ["1", "Ký giao ước", "Chủ tịch", "Văn phòng", "", "Trước ngày 20/02/2024"],
        strict=True,
    ):
        cell.text = value
    table.cell(3, 1).text = "Hội nghị\nsơ kết"
    document.add_paragraph("Nơi nhận:")
    document.add_paragraph("- Lưu: VT.")
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue())
    return path


def test_docx_paragraphs_and_tables_in_body_order(tmp_path):
    lines = read_document(make_docx(tmp_path)).split("\n")
    assert lines[:6] == [
        "UBND HUYỆN QUỐC OAI",
        "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        "Số: 09/KH-HĐTĐKT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Quốc Oai, ngày 08 tháng 01 năm 2024",
    ]
    assert lines[6:] == [
        "KẾ HOẠCH",
        "Công tác thi đua, khen thưởng năm 2024",
        "I. TIẾN ĐỘ",
        "TT\tNội dung\tChỉ đạo\tThực hiện\tPhối hợp\tThời gian",
        "Quý I",
        "1\tKý giao ước\tChủ tịch\tVăn phòng\t\tTrước ngày 20/02/2024",
        "\tHội nghị sơ kết\t\t\t\t",
        "Nơi nhận:",
        "- Lưu: VT.",
    ]


def test_docx_plan_parses_end_to_end(tmp_path):
    result = parse_plan_text(read_document(make_docx(tmp_path))).to_json()
    assert result["issuer"] == "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"
    assert result["parent_issuer"] == "UBND HUYỆN QUỐC OAI"
    assert result["number"] == "09/KH-HĐTĐKT"
    assert result["issue_date"] == "2024-01-08"
    assert [(r["quarter"], r["content"], r["due_date"]) for r in result["schedule"]] == [
        (1, "Ký giao ước", "2024-02-20"),
        (1, "Hội nghị sơ kết", "2024-03-31"),
    ]
    assert result["recipients"] == ["Lưu: VT"]


def test_docx_is_detected_by_content_not_by_name(tmp_path):
    path = make_docx(tmp_path, name="tai-len.bin")
    assert "KẾ HOẠCH" in read_document(path)


def test_broken_docx_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<not xml")
    message = error_of(write(tmp_path, "hong.docx", buffer.getvalue()))
    assert message.startswith("Tệp Word (.docx) bị hỏng")


def test_docx_name_with_other_content_is_broken(tmp_path):
    assert error_of(write(tmp_path, "hong.docx", b"not a zip")).startswith(
        "Tệp Word (.docx) bị hỏng"
    )


def test_zip_that_is_not_a_word_document_is_unsupported(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    message = error_of(write(tmp_path, "bang.xlsx", buffer.getvalue()))
    assert message.startswith("Định dạng tệp không được hỗ trợ")
