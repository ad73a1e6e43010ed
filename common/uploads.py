"""User-uploaded documents: check them, store them under a server-made name, serve them safely.

A file is judged by its content, never by its name: PDF, JPEG and PNG by their signature bytes,
DOCX and XLSX (both ZIP archives) by the main document type that the archive's
``[Content_Types].xml`` declares. PDFs are opened with pypdf to count the pages; a damaged or
encrypted PDF is refused. The attacks of ``common.upload_content`` are refused too: a web page
under a document's name, a "zip bomb" dressed as an Office file, a PDF with JavaScript, automatic
actions or embedded files. The name the browser sent is kept only as ``upload_name`` cleans it.

The signatures are our own three-line table: the PyPI libraries (filetype 1.2, puremagic 1.30)
add nothing for PDF, JPEG and PNG and get Office files wrong — puremagic calls every ZIP,
XLSX included, a Word document; filetype calls a macro-enabled .docm or any ZIP with a
``word/`` folder a .docx and misses an .xlsx whose first member is large.

Use: a form declares ``UploadField(allowed=...)``; its cleaned file carries ``.checked``
(a ``CheckedUpload``); the model's ``FileField(upload_to=PrivateUploadTo("prefix"))`` stores it
under MEDIA_ROOT, which no URL serves; a permission-checked view returns
``attachment_response(...)``. ``LimitedUploadHandler`` (settings ``FILE_UPLOAD_HANDLERS``) stops
storing a file that is larger than any form accepts while the request is read.
"""

import hashlib
import math
import os
import uuid
import warnings
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from xml.etree import ElementTree

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from common.upload_content import (
    is_zip,
    markup_check,
    pdf_active_content_check,
    upload_name,
    zip_archive_check,
)

MEGABYTE = 1024 * 1024
MAX_UPLOAD_BYTES = 20 * MEGABYTE


@dataclass(frozen=True)
class UploadKind:
    """One accepted kind of file: ``label`` is shown to users in messages."""

    name: str
    content_type: str
    extension: str
    label: str


_OOXML = "application/vnd.openxmlformats-officedocument"
KINDS: Mapping[str, UploadKind] = MappingProxyType(
    {
        "pdf": UploadKind("pdf", "application/pdf", ".pdf", "PDF"),
        "jpeg": UploadKind("jpeg", "image/jpeg", ".jpg", "JPEG"),
        "png": UploadKind("png", "image/png", ".png", "PNG"),
        "docx": UploadKind("docx", f"{_OOXML}.wordprocessingml.document", ".docx", "Word (.docx)"),
        "xlsx": UploadKind("xlsx", f"{_OOXML}.spreadsheetml.sheet", ".xlsx", "Excel (.xlsx)"),
    }
)
# Leading bytes → kind. Office files are ZIPs, told apart by _office_kind.
_SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
)
_ZIP_SIGNATURE = b"PK\x03\x04"
_OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, password-protected Office
_HEAD_BYTES = 8
# Content type of the main part ([Content_Types].xml) → kind. Macro-enabled files, templates and
# other OOXML documents declare other types and are refused.
_OFFICE_MAIN_TYPES = {
    f"{_OOXML}.wordprocessingml.document.main+xml": "docx",
    f"{_OOXML}.spreadsheetml.sheet.main+xml": "xlsx",
}
_CONTENT_TYPES_PART = "[Content_Types].xml"
_CONTENT_TYPES_MAX_BYTES = 1 * MEGABYTE
_CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
# File extensions PrivateUploadTo keeps: the kinds' own, plus the other usual spelling of JPEG.
_STORED_EXTENSIONS = {kind.extension: kind.extension for kind in KINDS.values()} | {".jpeg": ".jpg"}


@dataclass(frozen=True)
class CheckedUpload:
    """What check_upload found: ``size`` in bytes, ``pages`` for PDFs only (else None),
    ``sha256`` as 64 lower-case hex digits, ``extension`` like ".pdf"."""

    kind: str
    content_type: str
    extension: str
    size: int
    pages: int | None
    sha256: str


def check_upload(
    file, *, allowed: Iterable[str] = tuple(KINDS), max_bytes: int = MAX_UPLOAD_BYTES
) -> CheckedUpload:
    """Judge ``file`` (a Django ``File`` or ``UploadedFile``) by its content.

    ``allowed`` names kinds of ``KINDS``; ``max_bytes`` is the largest size accepted. The file is
    read in chunks and left at position 0; one whose ``size`` says it is too large is not read.
    Raises ``ValidationError`` with code "empty", "too_large", "unsupported_type" (also for a web
    page, SVG or XML file, whatever its name), "archive_bomb" (``zip_archive_check``),
    "broken_pdf", "encrypted_pdf" or "pdf_active_content" (``pdf_active_content_check``) and a
    message for the user; ``ValueError`` if ``allowed`` names an unknown kind.
    """
    allowed = _known_kinds(allowed)
    try:
        declared = getattr(file, "size", None) or 0
        if declared > max_bytes:
            raise _too_large(size=declared, max_bytes=max_bytes)
        size, sha256, head = _measure(file, max_bytes=max_bytes)
        if size == 0:
            raise ValidationError(_("The file is empty."), code="empty")
        markup_check(file, kinds=_labels(allowed))
        if is_zip(head):
            zip_archive_check(file)
        kind = _kind_of(file, head=head)
        if kind is None or kind not in allowed:
            raise _unsupported(
                allowed=allowed,
                old_office=head.startswith(_OLE_SIGNATURE),
                found=kind,
                name=getattr(file, "name", "") or "",
            )
        pages = None
        if kind == "pdf":
            pages = _pdf_pages(file)
            pdf_active_content_check(file)
    finally:
        file.seek(0)
    found = KINDS[kind]
    return CheckedUpload(
        kind=kind,
        content_type=found.content_type,
        extension=found.extension,
        size=size,
        pages=pages,
        sha256=sha256,
    )


def _known_kinds(allowed: Iterable[str]) -> tuple[str, ...]:
    allowed = tuple(allowed)
    unknown = set(allowed) - set(KINDS)
    if unknown or not allowed:
        raise ValueError(f"allowed must name kinds of {sorted(KINDS)}, not {sorted(unknown)}")
    return allowed


def _measure(file, *, max_bytes: int) -> tuple[int, str, bytes]:
    """(size in bytes, SHA-256 hex digest, first bytes); stops reading once past max_bytes."""
    digest = hashlib.sha256()
    size = 0
    head = b""
    for chunk in file.chunks():
        size += len(chunk)
        if size > max_bytes:
            raise _too_large(size=max(size, file.size), max_bytes=max_bytes)
        if len(head) < _HEAD_BYTES:
            head += chunk[:_HEAD_BYTES]
        digest.update(chunk)
    return size, digest.hexdigest(), head


def _kind_of(file, *, head: bytes) -> str | None:
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head.startswith(_ZIP_SIGNATURE):
        return _office_kind(file)
    return None


def _office_kind(file) -> str | None:
    """ "docx" or "xlsx" for a ZIP whose [Content_Types].xml declares exactly one such main part
    and that holds that part; None for any other or unreadable ZIP."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            info = archive.getinfo(_CONTENT_TYPES_PART)
            if info.file_size > _CONTENT_TYPES_MAX_BYTES:
                return None
            with archive.open(info) as part:
                content_types = part.read(_CONTENT_TYPES_MAX_BYTES + 1)
            names = set(archive.namelist())
        # The standard library's parser resolves no external entities, and the bundled expat
        # (>= 2.4.1) stops entity-expansion bombs; the part read is capped above.
        root = ElementTree.fromstring(content_types)  # noqa: S314
    except Exception:  # no [Content_Types].xml, damaged, encrypted or not XML: not an Office file
        return None
    found = {
        (_OFFICE_MAIN_TYPES[element.get("ContentType")], element.get("PartName", "").lstrip("/"))
        for element in root.iter(f"{_CONTENT_TYPES_NS}Override")
        if element.get("ContentType") in _OFFICE_MAIN_TYPES
    }
    if len(found) != 1:
        return None
    ((kind, part_name),) = found
    return kind if part_name in names else None


def _pdf_pages(file) -> int:
    """The number of pages of a PDF; raises ValidationError if it is damaged or encrypted."""
    from pypdf import PdfReader

    file.seek(0)
    with warnings.catch_warnings():
        # pypdf warns about every small defect it repairs; a repaired file is accepted.
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(file)
            encrypted = reader.is_encrypted
            pages = None if encrypted else len(reader.pages)
        except Exception as error:  # pypdf raises many kinds of errors on damaged files
            raise _broken_pdf() from error
    if encrypted:
        raise ValidationError(
            _(
                "The PDF file is protected by a password or encryption: save a copy without "
                "protection and upload it again."
            ),
            code="encrypted_pdf",
        )
    if not pages:
        raise _broken_pdf()
    return pages


def _broken_pdf() -> ValidationError:
    return ValidationError(_("The PDF file is damaged and cannot be opened."), code="broken_pdf")


def _megabytes(size: int, *, rounding=math.ceil) -> str:
    """``size`` bytes in MB with at most one decimal, written the active language's way."""
    value = rounding(size * 10 / MEGABYTE) / 10
    return number_format(value, decimal_pos=0 if value == int(value) else 1)


def _too_large(*, size: int, max_bytes: int) -> ValidationError:
    return ValidationError(
        _("The file is %(size)s MB, larger than the %(limit)s MB allowed."),
        code="too_large",
        params={"size": _megabytes(size), "limit": _megabytes(max_bytes, rounding=math.floor)},
    )


def _labels(allowed: tuple[str, ...]) -> str:
    return ", ".join(KINDS[name].label for name in allowed)


def _unsupported(
    *, allowed: tuple[str, ...], old_office: bool, found: str | None, name: str
) -> ValidationError:
    office = [KINDS[kind].label for kind in allowed if kind in ("docx", "xlsx")]
    extension = os.path.splitext(name)[1].lower()
    named = next(
        (kind for kind in KINDS.values() if _STORED_EXTENSIONS.get(extension) == kind.extension),
        None,
    )
    if old_office and office:
        message = _(
            "This is an Office file in the old format (.doc, .xls) or protected by a password: "
            "save it as %(office)s without a password and upload it again."
        )
    elif named is not None and named.name != found:
        message = _(
            "The file's name ends in %(extension)s but its content is not %(label)s: it cannot "
            "be uploaded. Accepted types: %(kinds)s."
        )
    else:
        message = _("This type of file cannot be uploaded here. Accepted types: %(kinds)s.")
    return ValidationError(
        message,
        code="unsupported_type",
        params={
            "kinds": _labels(allowed),
            "office": " / ".join(office),
            "extension": extension,
            "label": named.label if named else "",
        },
    )


class UploadField(forms.FileField):
    """A file field that accepts only the ``allowed`` kinds up to ``max_bytes`` bytes.

    A newly uploaded file that passes gets ``.checked``, its ``CheckedUpload``, and its ``name``
    cleaned by ``upload_name``; a failing one shows check_upload's message as the field's error.
    """

    def __init__(
        self,
        *,
        allowed: Iterable[str] = tuple(KINDS),
        max_bytes: int = MAX_UPLOAD_BYTES,
        **kwargs,
    ):
        self.allowed = _known_kinds(allowed)
        self.max_bytes = max_bytes
        kwargs.setdefault("allow_empty_file", True)  # check_upload says "empty" itself
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        cleaned = super().clean(data, initial)
        if isinstance(cleaned, UploadedFile):
            cleaned.name = upload_name(cleaned.name)
            cleaned.checked = check_upload(cleaned, allowed=self.allowed, max_bytes=self.max_bytes)
        return cleaned

    def widget_attrs(self, widget):
        """Let the browser's file picker offer the allowed kinds first."""
        attrs = super().widget_attrs(widget)
        accept = [KINDS[name].extension for name in self.allowed]
        if "jpeg" in self.allowed:
            accept.append(".jpeg")
        if not widget.is_hidden:
            attrs.setdefault("accept", ",".join(accept))
        return attrs


class LimitedUploadHandler(TemporaryFileUploadHandler):
    """Django's upload handler for files too large to keep in memory, which stops writing a
    file to disk once it passes ``settings.UPLOAD_HARD_LIMIT_BYTES`` (default: the largest
    size any form accepts, ``MAX_UPLOAD_BYTES``). The rest of the request is still read (so the
    browser gets the page with the reason, not a broken connection) but dropped. The file the
    form receives keeps the size that was sent, so every upload form refuses it as too large
    without reading it; its content is cut at the limit.

    Use: ``FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler",
    "common.uploads.LimitedUploadHandler"]``.
    """

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.limit = getattr(settings, "UPLOAD_HARD_LIMIT_BYTES", MAX_UPLOAD_BYTES)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        kept = max(0, min(len(raw_data), self.limit + 1 - self.received))
        self.received += len(raw_data)
        if kept:
            self.file.write(raw_data[:kept])

    def file_complete(self, file_size):
        self.file.seek(0)
        self.file.size = file_size
        self.file.truncated = file_size > self.limit
        return self.file


@deconstructible
class PrivateUploadTo:
    """``upload_to`` for a model FileField: ``"<prefix>/<year>/<32 hex digits><ext>"``.

    ``ext`` is the lower-cased extension of the uploaded name when it is one of the kinds'
    (".jpeg" stored as ".jpg"), otherwise nothing; nothing else of the user's name is used.
    """

    def __init__(self, prefix: str):
        self.prefix = prefix.strip("/")
        if not self.prefix or ".." in self.prefix.split("/") or "\\" in self.prefix:
            raise ValueError(f"Not a plain folder name: {prefix!r}")

    def __call__(self, instance, filename: str) -> str:
        extension = _STORED_EXTENSIONS.get(os.path.splitext(filename)[1].lower(), "")
        year = timezone.localdate().year
        return f"{self.prefix}/{year}/{uuid.uuid4().hex}{extension}"


def attachment_response(fieldfile, *, download_name: str, content_type: str) -> FileResponse:
    """Stream the stored file of ``fieldfile`` (a model FileField's value) as a download.

    The browser saves it as ``download_name`` (path separators and control characters removed;
    non-ASCII names are sent as RFC 6266 ``filename*=utf-8''…``) and must not guess another type
    than ``content_type`` or keep a copy in a shared cache. Raises ``Http404`` if no file is
    stored. Check the user's permission before calling.
    """
    if not fieldfile:
        raise Http404("No file is stored.")
    try:
        handle = fieldfile.storage.open(fieldfile.name, "rb")
    except (FileNotFoundError, IsADirectoryError) as error:
        raise Http404("The stored file is missing.") from error
    response = FileResponse(
        handle, as_attachment=True, filename=_safe_name(download_name), content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _safe_name(name: str) -> str:
    cleaned = "".join(" " if char in "/\\" or not char.isprintable() else char for char in name)
    return " ".join(cleaned.split()) or "download"


def document_response(document) -> FileResponse:
    """``attachment_response`` for a ``common.models.StoredDocument``: its stored file, under the
    name the user uploaded it with, as the content type it was recognised as."""
    return attachment_response(
        document.file, download_name=document.original_name, content_type=document.content_type
    )
