"""common.uploads: files judged by content, stored under server-made names, served as downloads."""

import hashlib
import io
import re
import zipfile

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import TemporaryUploadedFile
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.utils import timezone

from common.uploads import (
    KINDS,
    CheckedUpload,
    PrivateUploadTo,
    UploadField,
    attachment_response,
    check_upload,
)
from tests.uploads import (
    broken_pdf_bytes,
    docx_bytes,
    encrypted_pdf_bytes,
    jpeg_bytes,
    pdf_bytes,
    png_bytes,
    uploaded,
    xlsx_bytes,
    zip_bytes,
)

MB = 1024 * 1024
WORD = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def refusal(file, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_upload(file, **kwargs)
    return caught.value


def message_of(error: ValidationError) -> str:
    (message,) = error.messages
    return message


def with_content_types(data: bytes, change) -> bytes:
    """``data`` (an Office file) re-zipped with ``change`` applied to its [Content_Types].xml."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            content = source.read(name)
            archive.writestr(name, change(content) if name == "[Content_Types].xml" else content)
    return buffer.getvalue()


# --- check_upload: accepted kinds ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "kind", "content_type", "extension", "pages"),
    [
        ("Báo cáo.pdf", pdf_bytes(pages=3), "pdf", "application/pdf", ".pdf", 3),
        ("anh.jpg", jpeg_bytes(), "jpeg", "image/jpeg", ".jpg", None),
        ("anh.png", png_bytes(), "png", "image/png", ".png", None),
        ("to-trinh.docx", docx_bytes(), "docx", WORD, ".docx", None),
        ("danh-sach.xlsx", xlsx_bytes(), "xlsx", EXCEL, ".xlsx", None),
    ],
)
def test_check_upload_accepts_every_kind(name, data, kind, content_type, extension, pages):
    file = uploaded(name, data)

    assert check_upload(file) == CheckedUpload(
        kind=kind,
        content_type=content_type,
        extension=extension,
        size=len(data),
        pages=pages,
        sha256=hashlib.sha256(data).hexdigest(),
    )
    assert file.read() == data  # left at the start for whoever stores it


@pytest.mark.parametrize(
    ("name", "data", "kind", "pages"),
    [("to-trinh.docx", docx_bytes(), "docx", None), ("bao-cao.pdf", pdf_bytes(pages=2), "pdf", 2)],
)
def test_check_upload_reads_a_file_spooled_to_disk(name, data, kind, pages):
    file = TemporaryUploadedFile(name, "application/octet-stream", len(data), None)
    file.write(data)

    try:
        checked = check_upload(file)
        assert file.read() == data
    finally:
        file.close()
    assert (checked.kind, checked.size, checked.pages) == (kind, len(data), pages)


def test_check_upload_counts_the_pages_of_a_pdf():
    assert check_upload(uploaded("x.pdf", pdf_bytes(pages=7))).pages == 7


# --- check_upload: content, not name ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("bao-cao.pdf", png_bytes(), "png"),
        ("anh.png", pdf_bytes(), "pdf"),
        ("bang.docx", xlsx_bytes(), "xlsx"),
        ("van-ban.xlsx", docx_bytes(), "docx"),
        ("khong-ten", jpeg_bytes(), "jpeg"),
    ],
)
def test_check_upload_judges_a_renamed_file_by_its_content(name, data, kind):
    assert check_upload(uploaded(name, data, "application/pdf")).kind == kind


def test_check_upload_refuses_a_png_named_pdf_where_only_pdf_is_allowed():
    error = refusal(uploaded("bao-cao.pdf", png_bytes(), "application/pdf"), allowed=["pdf"])

    assert error.code == "unsupported_type"
    assert "PDF" in message_of(error)
    assert "PNG" not in message_of(error)


@pytest.mark.parametrize(
    "data",
    [
        b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200,  # a Windows program
        b"Just some text that calls itself a PDF",
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
    ],
)
def test_check_upload_refuses_other_files_named_pdf(data):
    file = uploaded("bao-cao.pdf", data, "application/pdf")

    assert refusal(file).code == "unsupported_type"
    assert file.read() == data


def test_unsupported_type_message_names_the_allowed_kinds():
    error = refusal(uploaded("x.docx", docx_bytes()), allowed=["pdf", "png"])

    assert "PDF, PNG" in message_of(error)


def test_check_upload_refuses_an_unknown_allowed_kind():
    with pytest.raises(ValueError, match="gif"):
        check_upload(uploaded("x.png", png_bytes()), allowed=["png", "gif"])


# --- check_upload: ZIP archives --------------------------------------------------------------


def test_check_upload_refuses_a_plain_zip():
    assert refusal(uploaded("ho-so.docx", zip_bytes())).code == "unsupported_type"


def test_check_upload_refuses_a_zip_holding_only_a_word_folder():
    data = zip_bytes({"word/document.xml": b"<w:document/>"})

    assert refusal(uploaded("ho-so.docx", data)).code == "unsupported_type"


def test_check_upload_refuses_a_macro_enabled_word_file():
    docm = with_content_types(
        docx_bytes(),
        lambda xml: xml.replace(
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            b"application/vnd.ms-word.document.macroEnabled.main+xml",
        ),
    )

    assert refusal(uploaded("to-trinh.docx", docm)).code == "unsupported_type"


def test_check_upload_refuses_an_office_file_whose_main_part_is_missing():
    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in source.namelist():
            if name != "word/document.xml":
                archive.writestr(name, source.read(name))

    assert refusal(uploaded("to-trinh.docx", buffer.getvalue())).code == "unsupported_type"


def test_check_upload_refuses_a_zip_whose_content_types_are_not_xml():
    data = with_content_types(docx_bytes(), lambda xml: xml[: len(xml) // 2])

    assert refusal(uploaded("to-trinh.docx", data)).code == "unsupported_type"


def test_check_upload_finds_the_office_kind_whatever_the_member_order():
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("docProps/thumbnail.jpeg", b"\xff" * 200_000)
        for name in reversed(source.namelist()):
            archive.writestr(name, source.read(name))

    assert check_upload(uploaded("bang.xlsx", buffer.getvalue())).kind == "xlsx"


def test_check_upload_explains_an_old_or_protected_office_file():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504

    error = refusal(uploaded("to-trinh.doc", ole))

    assert error.code == "unsupported_type"
    assert ".doc" in message_of(error)
    assert "Word (.docx) / Excel (.xlsx)" in message_of(error)


# --- check_upload: size ----------------------------------------------------------------------


def test_check_upload_refuses_an_empty_file():
    assert refusal(uploaded("trong.pdf", b"")).code == "empty"


def test_check_upload_refuses_a_file_over_max_bytes():
    data = png_bytes()

    error = refusal(uploaded("anh.png", data), max_bytes=len(data) - 1)

    assert error.code == "too_large"


def test_check_upload_accepts_a_file_of_exactly_max_bytes():
    data = png_bytes()

    assert check_upload(uploaded("anh.png", data), max_bytes=len(data)).size == len(data)


def test_check_upload_limit_is_20_mb_by_default():
    image = png_bytes()
    at_limit = image + b"\x00" * (20 * MB - len(image))

    assert check_upload(uploaded("anh.png", at_limit)).size == 20 * MB
    error = refusal(uploaded("anh.png", at_limit + b"\x00"))
    assert error.code == "too_large"
    # Vietnamese number format; the message names the file's size and the limit.
    assert "20,1 MB" in message_of(error)
    assert "20 MB" in message_of(error)


# --- check_upload: PDFs ----------------------------------------------------------------------


def test_check_upload_refuses_a_broken_pdf():
    file = uploaded("hong.pdf", broken_pdf_bytes())

    assert refusal(file).code == "broken_pdf"
    assert file.read() == broken_pdf_bytes()


def test_check_upload_refuses_a_truncated_pdf():
    data = pdf_bytes(pages=2)

    assert refusal(uploaded("dut.pdf", data[:200])).code == "broken_pdf"


def test_check_upload_refuses_an_encrypted_pdf():
    assert refusal(uploaded("mat-khau.pdf", encrypted_pdf_bytes())).code == "encrypted_pdf"


# --- UploadField -----------------------------------------------------------------------------


class DocumentForm(forms.Form):
    file = UploadField(allowed=["pdf", "jpeg"], max_bytes=2 * MB)


def test_upload_field_attaches_the_check_to_the_cleaned_file():
    data = pdf_bytes(pages=2)
    form = DocumentForm(files={"file": uploaded("Giao ước.pdf", data)})

    assert form.is_valid(), form.errors
    cleaned = form.cleaned_data["file"]
    assert cleaned.name == "Giao ước.pdf"
    assert (cleaned.checked.kind, cleaned.checked.pages, cleaned.checked.size) == (
        "pdf",
        2,
        len(data),
    )


def test_upload_field_shows_a_refusal_as_the_field_error():
    form = DocumentForm(files={"file": uploaded("anh.pdf", png_bytes())})

    assert not form.is_valid()
    assert form.has_error("file", code="unsupported_type")
    assert "PDF, JPEG" in form.errors["file"][0]


def test_upload_field_refuses_an_empty_file_with_its_own_code():
    form = DocumentForm(files={"file": uploaded("trong.pdf", b"")})

    assert form.has_error("file", code="empty")


def test_upload_field_offers_the_allowed_extensions_in_the_file_picker():
    html = str(DocumentForm()["file"])

    assert 'accept=".pdf,.jpg,.jpeg"' in html


def test_upload_field_is_required_by_default():
    form = DocumentForm(files={})

    assert form.has_error("file", code="required")


# --- PrivateUploadTo -------------------------------------------------------------------------


def stored_name_pattern(prefix: str, extension: str) -> re.Pattern:
    year = timezone.localdate().year
    return re.compile(rf"{prefix}/{year}/[0-9a-f]{{32}}{re.escape(extension)}")


@pytest.mark.parametrize(
    ("filename", "extension"),
    [
        ("../../etc/passwd.pdf", ".pdf"),
        ("Giao ước thi đua.pdf", ".pdf"),
        ("ẢNH CHỤP.JPEG", ".jpg"),
        ("bang.XLSX", ".xlsx"),
        ("chuong-trinh.exe", ""),
        ("trang.pdf.html", ""),
        ("khong-duoi", ""),
    ],
)
def test_private_upload_to_ignores_the_users_file_name(filename, extension):
    name = PrivateUploadTo("clusters")(None, filename)

    assert stored_name_pattern("clusters", extension).fullmatch(name), name


def test_private_upload_to_gives_every_file_a_new_name():
    upload_to = PrivateUploadTo("dossiers/evidence")

    assert upload_to(None, "a.pdf") != upload_to(None, "a.pdf")


def test_private_upload_to_keeps_a_hostile_name_inside_the_storage(tmp_path):
    storage = FileSystemStorage(location=tmp_path / "media")
    field = models.FileField(upload_to=PrivateUploadTo("clusters"), storage=storage)

    name = storage.save(field.generate_filename(None, "../../etc/passwd.pdf"), io.BytesIO(b"x"))

    assert stored_name_pattern("clusters", ".pdf").fullmatch(name)
    assert (tmp_path / "media" / name).read_bytes() == b"x"


def test_private_upload_to_serialises_for_migrations():
    assert PrivateUploadTo("clusters").deconstruct() == (
        "common.uploads.PrivateUploadTo",
        ("clusters",),
        {},
    )


@pytest.mark.parametrize("prefix", ["", "/", "../secret", "a/../../b", "a\\b"])
def test_private_upload_to_refuses_a_prefix_that_leaves_its_folder(prefix):
    with pytest.raises(ValueError, match="folder"):
        PrivateUploadTo(prefix)


# --- attachment_response ---------------------------------------------------------------------


@pytest.fixture
def stored(tmp_path):
    """Store bytes under a server-made name and return the model field's value for them."""
    storage = FileSystemStorage(location=tmp_path / "media")
    field = models.FileField(upload_to=PrivateUploadTo("clusters"), storage=storage)

    def store(data: bytes) -> FieldFile:
        name = storage.save(field.generate_filename(None, "x.pdf"), io.BytesIO(data))
        return FieldFile(None, field, name)

    store.field = field
    return store


def test_attachment_response_sends_the_file_as_a_download(stored):
    data = pdf_bytes()

    response = attachment_response(
        stored(data), download_name="Giao ước thi đua.pdf", content_type="application/pdf"
    )

    try:
        body = b"".join(response.streaming_content)
    finally:
        response.file_to_stream.close()
    assert body == data
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(data))
    assert (
        response["Content-Disposition"]
        == "attachment; filename*=utf-8''Giao%20%C6%B0%E1%BB%9Bc%20thi%20%C4%91ua.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_attachment_response_cleans_separators_and_control_characters_from_the_name(stored):
    response = attachment_response(
        stored(b"x"), download_name="../bao\r\ncao\x00.pdf", content_type="application/pdf"
    )
    response.file_to_stream.close()

    assert response["Content-Disposition"] == 'attachment; filename=".. bao cao .pdf"'


def test_attachment_response_is_404_when_the_stored_file_is_missing(stored):
    fieldfile = stored(b"x")
    fieldfile.storage.delete(fieldfile.name)

    with pytest.raises(Http404):
        attachment_response(fieldfile, download_name="x.pdf", content_type="application/pdf")


def test_attachment_response_is_404_when_no_file_was_stored(stored):
    with pytest.raises(Http404):
        attachment_response(
            FieldFile(None, stored.field, ""), download_name="x.pdf", content_type="application/pdf"
        )


def test_kinds_are_the_five_of_the_issue():
    assert {name: (kind.content_type, kind.extension) for name, kind in KINDS.items()} == {
        "pdf": ("application/pdf", ".pdf"),
        "jpeg": ("image/jpeg", ".jpg"),
        "png": ("image/png", ".png"),
        "docx": (WORD, ".docx"),
        "xlsx": (EXCEL, ".xlsx"),
    }
