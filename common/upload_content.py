"""What an uploaded file holds beyond its kind: the attacks ``common.uploads.check_upload`` and
the importers refuse before anything reads the file further.

- ``markup_check``: a web page, SVG or XML file (an HTML file renamed ``.pdf``), whatever the
  name says.
- ``zip_archive_check``: a "zip bomb" dressed as an Office file. The ZIP's own directory is read
  first, from its end record, so that an archive with absurdly many members is refused before
  ``zipfile`` builds a list of them; then the members' declared sizes (the total and each one's
  compression ratio) and archives nested inside, none of them unpacked (an Office file's
  embedded workbook is looked into, one level deep).
- ``pdf_active_content_check``: a PDF with JavaScript, an action that starts by itself (opening
  a program, a web page, submitting a form) or files embedded in it. Every object the PDF's
  cross-reference table lists is looked at with pypdf (names written with ``#xx`` escapes
  included), and the raw bytes are scanned for the long action names, for objects pypdf does
  not reach.
- ``upload_name``: the name the user's browser sent, as it may be shown and kept: no folders,
  no control characters.

Each check raises ``ValidationError`` with a message for the user and leaves the file at
position 0. Limits are module constants: legitimate Word and Excel files stay far below them
(a 50,000-row workbook is 9 members, 20 MB unpacked, compressed 17 to 1).
"""

import io
import os
import re
import struct
import unicodedata
import warnings
import zipfile

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

MEGABYTE = 1024 * 1024
# ZIP archives ("zip bombs")
MAX_ZIP_MEMBERS = 10_000
MAX_ZIP_DIRECTORY_BYTES = 2 * MEGABYTE
MAX_UNPACKED_BYTES = 1024 * MEGABYTE
MAX_COMPRESSION_RATIO = 100  # for members of at least RATIO_CHECKED_FROM bytes unpacked
RATIO_CHECKED_FROM = 1 * MEGABYTE
MAX_NESTED_BYTES = 20 * MEGABYTE
_NESTED_FOLDER = "/embeddings/"  # where Word and Excel keep an embedded Office file
# The first bytes of compressed archives, long enough not to turn up by chance at the start of
# an image or of the scrambled fonts Word embeds.
_ARCHIVE_SIGNATURES = (
    b"PK\x03\x04",  # zip, and every Office file
    b"\x1f\x8b\x08",  # gzip
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    *(b"BZh%d1AY&SY" % level for level in range(1, 10)),  # bzip2
    b"\xfd7zXZ\x00",
)
_ARCHIVE_SUFFIXES = (".zip", ".gz", ".tgz", ".7z", ".rar", ".bz2", ".xz", ".tar", ".jar", ".cab")
_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
_DIRECTORY_ENTRY_MIN_BYTES = 46
_ZIP64_LOCATOR = b"PK\x06\x07"
_ZIP64_EOCD = b"PK\x06\x06"
# Markup: what a web page, an SVG image or any XML file starts with (after blanks and a BOM).
_SNIFF_BYTES = 1024
_MARKUP_TAGS = (
    b"<!doctype",
    b"<html",
    b"<head",
    b"<body",
    b"<script",
    b"<svg",
    b"<?xml",
    b"<iframe",
    b"<object",
    b"<embed",
    b"<meta",
    b"<a ",
    b"<img",
    b"<div",
    b"<!--",
)
# PDF: names that carry code or files, and the kinds of action that do something outside the
# document. An automatic action (/OpenAction) may only go to a page of the document.
_PDF_SCRIPT_KEYS = frozenset({"/JS", "/JavaScript", "/XFA", "/RichMediaContent"})
_PDF_FILE_KEYS = frozenset({"/EmbeddedFiles", "/EF"})
_PDF_SCRIPT_ACTIONS = frozenset({"/JavaScript", "/Rendition", "/RichMediaExecute"})
_PDF_OUTSIDE_ACTIONS = frozenset({"/Launch", "/SubmitForm", "/ImportData"})
_PDF_FILE_ACTIONS = frozenset({"/GoToE"})
_PDF_FILE_TYPES = frozenset({"/EmbeddedFile", "/FileAttachment"})
_PDF_SCRIPT_TYPES = frozenset({"/RichMedia"})
_PDF_SAFE_OPEN_ACTIONS = frozenset({"/GoTo", "/Named"})
_PDF_MAX_OBJECTS = 100_000  # a 2,000-page report has 6,000; checking 100,000 takes ~7 s
_PDF_MAX_DEPTH = 64
# Raw scan: long names only (a short one like /JS turns up by chance in compressed data).
_PDF_RAW_NAMES = re.compile(
    rb"/(JavaScript|Launch|EmbeddedFiles?|RichMedia\w*|SubmitForm|ImportData)(?=[\s/<>\[\]()%])"
)
_PDF_RAW_OVERLAP = 32
_SCRIPT, _FILES, _ACTIONS, _COMPLEX = "script", "files", "actions", "complex"


# --- names -----------------------------------------------------------------------------------


def upload_name(name: str | None, *, default: str = "document") -> str:
    """The file name a browser sent, as it may be kept and shown: the last part of a path (``/``
    and ``\\`` both separate folders, a Windows drive is dropped), without control or format
    characters (``\\x00``, right-to-left override…), spaces collapsed, at most 255 characters
    with the extension kept; ``default`` when nothing is left (``..``, blanks)."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"^[A-Za-z]:", "", name)
    name = " ".join("".join(_name_character(char) for char in name).split())
    if name.strip(".") == "":
        return default
    if len(name) > 255:
        stem, extension = os.path.splitext(name)
        extension = extension[:16]
        name = stem[: 255 - len(extension)] + extension
    return name


def _name_character(char: str) -> str:
    if unicodedata.category(char).startswith("Z"):  # spaces, line and paragraph separators
        return " "
    return char if char.isprintable() else ""


# --- markup ----------------------------------------------------------------------------------


def looks_like_markup(head: bytes) -> bool:
    """Whether ``head`` (a file's first bytes) is the start of a web page, an SVG image or an
    XML file: after a byte order mark and blanks, one of the usual opening tags."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16-le" if head[:1] == b"\xff" else "utf-16-be"
        head = head[2:].decode(encoding, "ignore").encode("ascii", "ignore")
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    return head.startswith(b"<") and any(tag in head for tag in _MARKUP_TAGS)


def markup_check(file, *, kinds: str) -> None:
    """Refuse a web page, SVG or XML file (code "unsupported_type"), whatever its name;
    ``kinds`` lists the accepted kinds for the message."""
    if looks_like_markup(_head(file, _SNIFF_BYTES)):
        raise ValidationError(
            _(
                "This file is a web page or a script (HTML, SVG or XML), not a document, "
                "whatever its name says: it cannot be uploaded. Accepted types: %(kinds)s."
            ),
            code="unsupported_type",
            params={"kinds": kinds},
        )


def _head(file, size: int) -> bytes:
    file.seek(0)
    try:
        return file.read(size) or b""
    finally:
        file.seek(0)


# --- ZIP archives ----------------------------------------------------------------------------


def is_zip(head: bytes) -> bool:
    """Whether ``head`` starts like a ZIP archive (and so like every Office file)."""
    return head.startswith(b"PK\x03\x04")


def zip_archive_check(file, *, max_unpacked: int = MAX_UNPACKED_BYTES) -> None:
    """Refuse a ZIP archive (``file``: a seekable binary file) that would unpack to more than
    ``max_unpacked`` bytes, holds more than ``MAX_ZIP_MEMBERS`` members, a member compressed
    more than ``MAX_COMPRESSION_RATIO`` to 1, or another archive (except an Office file in an
    ``embeddings`` folder, itself checked against the same limits, one level deep). Nothing is
    unpacked but the first bytes of each member. Code "archive_bomb". A file that is not a readable
    ZIP passes: the caller judges its kind."""
    try:
        _zip_check(file, max_unpacked=max_unpacked, nested=False)
    finally:
        file.seek(0)


def _zip_check(file, *, max_unpacked: int, nested: bool) -> None:
    try:
        _zip_members_check(file, max_unpacked=max_unpacked, nested=nested)
    except ValidationError:
        raise
    except Exception:  # damaged, encrypted, unknown compression: not ours to judge
        return


def _zip_members_check(file, *, max_unpacked: int, nested: bool) -> None:
    directory = _zip_directory(file)
    if directory is None:
        return
    members, directory_size = directory
    if members > MAX_ZIP_MEMBERS:
        raise _too_many_members(members)
    if directory_size > MAX_ZIP_DIRECTORY_BYTES:  # an end record that lies about the count
        raise _too_many_members(directory_size // _DIRECTORY_ENTRY_MIN_BYTES)
    file.seek(0)
    with zipfile.ZipFile(file) as archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise _too_many_members(len(infos))
        unpacked = sum(info.file_size for info in infos)
        if unpacked > max_unpacked:
            raise _bomb(unpacked)
        for info in infos:
            _member_check(archive, info, max_unpacked=max_unpacked, nested=nested)


def _member_check(archive, info, *, max_unpacked: int, nested: bool) -> None:
    compressed = max(info.compress_size, 1)
    if info.file_size >= RATIO_CHECKED_FROM and info.file_size > MAX_COMPRESSION_RATIO * compressed:
        raise _bomb(info.file_size)
    name = info.filename.lower()
    if info.is_dir() or info.file_size < 2:
        return
    if name.endswith(_ARCHIVE_SUFFIXES):
        raise _nested_archive(info.filename)
    with archive.open(info) as member:
        start = member.read(10)
    if not start.startswith(_ARCHIVE_SIGNATURES):
        return
    if nested or _NESTED_FOLDER not in f"/{name}" or not is_zip(start):
        raise _nested_archive(info.filename)
    if info.file_size > MAX_NESTED_BYTES:
        raise _bomb(info.file_size)
    with archive.open(info) as member:
        inner = io.BytesIO(member.read(MAX_NESTED_BYTES + 1))
    _zip_members_check(inner, max_unpacked=max_unpacked, nested=True)


def _zip_directory(file) -> tuple[int, int] | None:
    """(members, size of the central directory in bytes) as the archive's end record says,
    or None when there is no end record."""
    file.seek(0, os.SEEK_END)
    size = file.tell()
    tail_size = min(size, _EOCD_SIZE + 0xFFFF + 20)
    file.seek(size - tail_size)
    tail = file.read(tail_size)
    at = tail.rfind(_EOCD)
    if at < 0 or len(tail) - at < _EOCD_SIZE:
        return None
    fields = struct.unpack("<4s4H2LH", tail[at : at + _EOCD_SIZE])
    members, directory_size, directory_at = fields[4], fields[5], fields[6]
    if members != 0xFFFF and 0xFFFFFFFF not in (directory_size, directory_at):
        return members, directory_size
    locator = tail[at - 20 : at] if at >= 20 else b""
    if not locator.startswith(_ZIP64_LOCATOR):
        return members, directory_size
    record_at = struct.unpack("<4sLQL", locator)[2]
    file.seek(record_at)
    record = file.read(56)
    if len(record) < 56 or not record.startswith(_ZIP64_EOCD):
        return members, directory_size
    fields64 = struct.unpack("<4sQ2H2L4Q", record)
    return fields64[7], fields64[8]


def _megabytes(size: int) -> str:
    value = round(size / MEGABYTE)
    return number_format(value, decimal_pos=0, force_grouping=True)


def _bomb(unpacked: int) -> ValidationError:
    return ValidationError(
        _(
            "The file would unpack to %(size)s MB or more, far more than a real document: it "
            "looks like a “zip bomb” and cannot be uploaded. Save it again from Word or Excel "
            "and upload the new copy."
        ),
        code="archive_bomb",
        params={"size": _megabytes(unpacked)},
    )


def _too_many_members(count: int) -> ValidationError:
    return ValidationError(
        _(
            "The file is made of %(count)s parts, far more than a real Word or Excel document: "
            "it cannot be uploaded. Save it again from Word or Excel and upload the new copy."
        ),
        code="archive_bomb",
        params={"count": number_format(count, force_grouping=True)},
    )


def _nested_archive(name: str) -> ValidationError:
    return ValidationError(
        _(
            "The file holds another compressed archive (%(name)s): archives inside a document "
            "are not accepted."
        ),
        code="archive_bomb",
        params={"name": upload_name(name, default="?")[:80]},
    )


# --- PDF -------------------------------------------------------------------------------------


def pdf_active_content_check(file) -> None:
    """Refuse a PDF holding JavaScript, an automatic or outside action (/Launch, /SubmitForm,
    /ImportData, /AA, an /OpenAction that does more than go to a page) or embedded files, and
    one of more than ``_PDF_MAX_OBJECTS`` objects, too costly to check (code
    "pdf_active_content"). A PDF pypdf cannot read, or encrypted with a password, passes: the
    caller judges it (``check_upload`` refuses both)."""
    found = _pdf_raw_scan(file)
    if found is None:
        found = _pdf_objects_scan(file)
    if found is not None:
        raise _active_content(found)


def _pdf_raw_scan(file) -> str | None:
    file.seek(0)
    tail = b""
    try:
        for chunk in iter(lambda: file.read(MEGABYTE), b""):
            data = tail + chunk
            match = _PDF_RAW_NAMES.search(data)
            if match:
                name = match.group(1).decode()
                if name == "JavaScript" or name.startswith("RichMedia"):
                    return _SCRIPT
                return _FILES if name.startswith("EmbeddedFile") else _ACTIONS
            tail = data[-_PDF_RAW_OVERLAP:]
    finally:
        file.seek(0)
    return None


def _pdf_objects_scan(file) -> str | None:
    from pypdf import PdfReader
    from pypdf.generic import IndirectObject

    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(file)
            if reader.is_encrypted and not _decrypts(reader):
                return None
            numbers = {(n, g) for g, table in reader.xref.items() for n in table}
            numbers |= {(n, 0) for n in reader.xref_objStm}
            if len(numbers) > _PDF_MAX_OBJECTS:
                return _COMPLEX
            found = _pdf_value_scan(reader.trailer, reader=reader)
            for number, generation in sorted(numbers):
                if found is not None:
                    break
                try:
                    value = reader.get_object(IndirectObject(number, generation, reader))
                except Exception:  # noqa: S112 - a damaged object: a viewer skips it too
                    continue
                found = _pdf_value_scan(value, reader=reader)
            return found
    except Exception:  # pypdf raises many kinds of errors on damaged files
        return None
    finally:
        file.seek(0)


def _decrypts(reader) -> bool:
    try:
        return bool(reader.decrypt(""))
    except Exception:
        return False


def _pdf_value_scan(value, *, reader, depth: int = 0) -> str | None:
    """What ``value`` (a pypdf object; indirect references are not followed, each object is
    scanned on its own) holds of ``_SCRIPT``, ``_FILES`` or ``_ACTIONS``, or None."""
    from pypdf.generic import ArrayObject, DictionaryObject, StreamObject

    if depth > _PDF_MAX_DEPTH:
        return _COMPLEX
    if isinstance(value, StreamObject | DictionaryObject):
        found = _pdf_dictionary_scan(value, reader=reader)
        if found is not None:
            return found
        children = value.values()
    elif isinstance(value, ArrayObject):
        children = value
    else:
        return None
    for child in children:
        found = _pdf_value_scan(child, reader=reader, depth=depth + 1)
        if found is not None:
            return found
    return None


def _pdf_dictionary_scan(dictionary, *, reader) -> str | None:
    keys = {str(key) for key in dictionary}
    if keys & _PDF_SCRIPT_KEYS:
        return _SCRIPT
    if keys & _PDF_FILE_KEYS:
        return _FILES
    if "/AA" in keys:
        return _ACTIONS
    action = str(dictionary.get("/S", ""))
    kind = str(dictionary.get("/Type", "")), str(dictionary.get("/Subtype", ""))
    if action in _PDF_SCRIPT_ACTIONS or set(kind) & _PDF_SCRIPT_TYPES:
        return _SCRIPT
    if action in _PDF_FILE_ACTIONS or set(kind) & _PDF_FILE_TYPES:
        return _FILES
    if action in _PDF_OUTSIDE_ACTIONS:
        return _ACTIONS
    if "/OpenAction" in keys:
        return _pdf_open_action_scan(dictionary["/OpenAction"])
    return None


def _pdf_open_action_scan(value) -> str | None:
    """An automatic action may go to a page (a destination array, /GoTo, /Named) and nothing
    else."""
    from pypdf.generic import DictionaryObject

    try:
        action = value.get_object()
    except Exception:
        return _ACTIONS
    if not isinstance(action, DictionaryObject):
        return None
    kind = str(action.get("/S", ""))
    if kind in _PDF_SAFE_OPEN_ACTIONS:
        return None
    if kind in _PDF_SCRIPT_ACTIONS or {str(key) for key in action} & _PDF_SCRIPT_KEYS:
        return _SCRIPT
    return _FILES if kind in _PDF_FILE_ACTIONS else _ACTIONS


def _active_content(found: str) -> ValidationError:
    messages = {
        _SCRIPT: _(
            "The PDF file contains JavaScript, which could run when it is opened: such files "
            "are not accepted. Print it to a new PDF (“Microsoft Print to PDF” or “Save as "
            "PDF”) and upload that copy."
        ),
        _FILES: _(
            "The PDF file carries other files inside it (attachments): such files are not "
            "accepted. Remove the attachments, or print it to a new PDF, and upload that copy."
        ),
        _ACTIONS: _(
            "The PDF file contains actions that run by themselves (starting a program, opening "
            "a web page, sending a form): such files are not accepted. Print it to a new PDF "
            "(“Microsoft Print to PDF” or “Save as PDF”) and upload that copy."
        ),
        _COMPLEX: _(
            "The PDF file is made of far more objects than a real document and cannot be "
            "checked: it is not accepted. Print it to a new PDF (“Microsoft Print to PDF” or "
            "“Save as PDF”) and upload that copy."
        ),
    }
    return ValidationError(messages[found], code="pdf_active_content")
