"""Upload attacks against every upload page, as the user allowed to upload there: a PDF with
JavaScript (or an action that runs by itself, or an attachment), a web page named like a
document, a file over the limit, a "zip bomb" dressed as a workbook or a Word file, and a path
in the file name.

Each refused file is refused with the message of its problem (the one the page's form gives,
in Vietnamese), nothing is stored (no row of any table changes, no file appears under
MEDIA_ROOT) and, where the page comes back, what else the user typed is still there. A path
in the name is not an attack on a server that never uses the name: the file is stored under a
server-made name inside MEDIA_ROOT, and the name kept for display is the last part, without
control characters.
"""

import html
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from common.upload_content import (
    MAX_COMPRESSION_RATIO,
    pdf_active_content_check,
    upload_name,
    zip_archive_check,
)
from common.uploads import MAX_UPLOAD_BYTES, check_upload
from tests.security import fuzz_world as world_module
from tests.security.fuzz_world import (
    HTML_PAGE,
    MB,
    NOTE,
    PAGES,
    PDF_ATTACKS,
    SVG_IMAGE,
    FuzzWorld,
    UploadPage,
    changed_tables,
    docx_bomb,
    fingerprint,
    office_with,
    oversize,
    stored_files,
    xlsx_bomb,
    xlsx_many_members,
    xlsx_nested_archive,
)
from tests.uploads import docx_bytes, pdf_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db
fuzz_world = world_module.fuzz_world  # the module-scoped fixture

HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "common.uploads.LimitedUploadHandler",
]


@pytest.fixture(autouse=True)
def _uploads(settings, tmp_path):
    """A fresh MEDIA_ROOT per test, and the upload handler that stops storing a file over the
    limit while the request is read."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_HANDLERS = HANDLERS
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "upload-tmp")
    (tmp_path / "upload-tmp").mkdir()


# --- the attacks -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Attack:
    """A file to upload (``file(page)``: its name and bytes, disguised as what the page takes)
    and the error codes that name its problem."""

    id: str
    file: Callable[[UploadPage], tuple[str, bytes]]
    codes: frozenset


def _good_name(page: UploadPage, stem: str) -> str:
    return f"{stem}{page.extension}"


ATTACKS = [
    Attack(
        "pdf-with-javascript",
        lambda page: (_good_name(page, "to-trinh"), PDF_ATTACKS["open-action-javascript"][0]),
        # A workbook import says the file is not a workbook.
        frozenset({"pdf_active_content", "unreadable"}),
    ),
    Attack(
        "html-named-like-a-document",
        lambda page: (_good_name(page, "bao-cao"), HTML_PAGE),
        frozenset({"unsupported_type"}),
    ),
    Attack(
        "oversize",
        lambda page: (
            _good_name(page, "bao-cao"),
            oversize(pdf_bytes() if page.extension == ".pdf" else xlsx_bytes(), 21 * MB),
        ),
        frozenset({"too_large", "size"}),
    ),
    Attack(
        "zip-bomb",
        # Disguised as a workbook; as a Word file where plans are imported (no .xlsx there).
        lambda page: (
            ("ke-hoach.docx", docx_bomb())
            if page.id == "plan-import"
            else ("bang.xlsx", xlsx_bomb())
        ),
        # A workbook import says the file is too large once unpacked.
        frozenset({"archive_bomb", "unreadable"}),
    ),
]
ATTACK_IDS = [attack.id for attack in ATTACKS]
PAGE_IDS = [page.id for page in PAGES]


def _form_errors(page: UploadPage, world: FuzzWorld, name: str, data: bytes):
    """The errors the page's form gives for the file, in Vietnamese: ``[(code, message)]``."""
    with translation.override("vi"):
        form = page.form(world, page.other(world), {page.field: SimpleUploadedFile(name, data)})
        assert not form.is_valid()
        return [
            (error.code, " ".join(error.messages)) for error in form.errors.as_data()[page.field]
        ]


def _post(client, page: UploadPage, world: FuzzWorld, name: str, data: bytes):
    client.force_login(world.user(page.user))
    upload = SimpleUploadedFile(name, data, content_type="application/octet-stream")
    return client.post(page.url(world), {**page.other(world), page.field: upload}, follow=True)


def _text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("attack", ATTACKS, ids=ATTACK_IDS)
@pytest.mark.parametrize("page", PAGES, ids=PAGE_IDS)
def test_an_attack_is_refused_with_its_reason_and_nothing_is_stored(
    fuzz_world, client, settings, page, attack
):
    name, data = attack.file(page)
    errors = _form_errors(page, fuzz_world, name, data)
    assert {code for code, _message in errors} & attack.codes, errors
    before = fingerprint()

    response = _post(client, page, fuzz_world, name, data)

    assert response.status_code == 200
    shown = _text(response)
    for _code, message in errors:
        assert message in shown
    assert changed_tables(before) == set()
    assert stored_files(settings.MEDIA_ROOT) == set()
    assert stored_files(settings.FILE_UPLOAD_TEMP_DIR) == set()
    if page.context_key:
        form = response.context[page.context_key]
        for key, value in page.other(fuzz_world).items():
            assert str(form[key].value()) == value
    if page.kept:
        assert page.kept in shown


# --- what each check finds -------------------------------------------------------------------


def _refusal(check, data: bytes, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check(SimpleUploadedFile("x", data), **kwargs)
    return caught.value


@pytest.mark.parametrize(("attack", "found"), [(k, v[1]) for k, v in PDF_ATTACKS.items()])
def test_every_pdf_with_active_content_is_refused_naming_what_it_holds(attack, found):
    data = PDF_ATTACKS[attack][0]
    words = {"script": "JavaScript", "files": "attachments", "actions": "run by themselves"}

    with translation.override("en"):
        error = _refusal(check_upload, data)

    assert error.code == "pdf_active_content"
    assert words[found] in error.messages[0]


@pytest.mark.parametrize(
    "data",
    [
        pdf_bytes(pages=3),
        PDF_ATTACKS["open-action-javascript"][0].replace(
            b"/OpenAction << /S /JavaScript /JS (app.alert\\('xin chao'\\);) >>",
            b"/OpenAction [3 0 R /Fit]",
        ),
    ],
    ids=["plain", "opens-at-a-page"],
)
def test_a_pdf_without_active_content_is_accepted(data):
    assert check_upload(SimpleUploadedFile("bao-cao.pdf", data)).pages >= 1


def test_the_pdf_check_leaves_a_damaged_file_to_the_caller():
    pdf_active_content_check(SimpleUploadedFile("x.pdf", b"%PDF-1.7\n\x00garbage"))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bao-cao.pdf", HTML_PAGE),
        ("anh.png", SVG_IMAGE),
        ("bao-cao.pdf", b"\xef\xbb\xbf  \n<html><body>x</body></html>"),
        ("bao-cao.pdf", "<!DOCTYPE html><p>Xin chào</p>".encode("utf-16")),
    ],
    ids=["html", "svg", "bom-and-blanks", "utf-16"],
)
def test_a_web_page_is_refused_as_such_whatever_its_name(name, data):
    with translation.override("en"):
        error = _refusal(check_upload, data)

    assert error.code == "unsupported_type"
    assert "web page" in error.messages[0]


def test_a_png_named_pdf_is_refused_saying_it_is_not_a_pdf():
    from tests.uploads import png_bytes

    with translation.override("en"), pytest.raises(ValidationError) as caught:
        check_upload(SimpleUploadedFile("bao-cao.pdf", png_bytes()), allowed=["pdf"])

    assert "ends in .pdf but its content is not PDF" in caught.value.messages[0]


@pytest.mark.parametrize(
    ("build", "words"),
    [
        (xlsx_bomb, "unpack to 1,200 MB"),
        (lambda: docx_bomb(), "unpack to 1,201 MB"),
        (lambda: xlsx_many_members(20_000), "20,009 parts"),
        (xlsx_nested_archive, "another compressed archive (image1.png)"),
        (
            lambda: office_with(docx_bytes(), {"word/embeddings/a.xlsx": xlsx_bomb(50)}),
            "unpack to 50 MB",
        ),
    ],
    ids=["xlsx-bomb", "docx-bomb", "many-members", "nested-archive", "bomb-inside-an-embedding"],
)
def test_a_zip_bomb_is_refused_before_it_is_unpacked(build, words):
    with translation.override("en"):
        error = _refusal(zip_archive_check, build())

    assert error.code == "archive_bomb"
    assert words in error.messages[0]


def test_a_zip_whose_members_add_up_past_the_limit_is_refused():
    data = office_with(
        xlsx_bytes(), {f"xl/media/image{n}.png": secrets.token_bytes(MB) for n in range(3)}
    )

    assert _refusal(zip_archive_check, data, max_unpacked=2 * MB).code == "archive_bomb"
    zip_archive_check(SimpleUploadedFile("x.xlsx", data))  # under the default limit


def test_an_office_file_with_an_embedded_workbook_is_accepted():
    data = office_with(
        docx_bytes(), {"word/embeddings/Microsoft_Excel_Worksheet.xlsx": xlsx_bytes()}
    )

    assert check_upload(SimpleUploadedFile("bao-cao.docx", data)).kind == "docx"


def test_a_large_real_workbook_passes_the_bomb_check():
    from openpyxl import Workbook

    book = Workbook()
    for number in range(20_000):
        book.active.append([number, "Nguyễn Văn A", "Phường Phú Lãm", "Lao động tiên tiến", 2024])
    upload = TemporaryUploadedFile("danh-sach.xlsx", "application/octet-stream", 0, None)
    book.save(upload)
    upload.size = upload.tell()

    assert check_upload(upload).kind == "xlsx"
    assert MAX_COMPRESSION_RATIO > 20
    upload.close()


# --- size ------------------------------------------------------------------------------------


def _multipart(fields: dict[str, str], *, field: str, name: str, data: bytes) -> tuple[bytes, str]:
    """A multipart/form-data body as a browser (or a script) writes it, the file name as is."""
    boundary = f"----tdkt{secrets.token_hex(8)}"
    body = b""
    for key, value in fields.items():
        body += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'.encode()
            + value.encode()
            + b"\r\n"
        )
    body += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="'.encode()
        + name.encode()
        + b'"\r\nContent-Type: application/pdf\r\n\r\n'
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def test_an_oversize_file_is_not_kept_past_the_limit_while_the_request_is_read(settings):
    data = oversize(pdf_bytes(), MAX_UPLOAD_BYTES + 5 * MB)
    body, content_type = _multipart({"note": NOTE}, field="file", name="to.pdf", data=data)
    request = RequestFactory().generic("POST", "/", body, content_type=content_type)

    upload = request.FILES["file"]

    assert request.POST["note"] == NOTE
    assert upload.size == len(data)
    assert upload.truncated
    on_disk = Path(upload.temporary_file_path()).stat().st_size
    assert on_disk == MAX_UPLOAD_BYTES + 1
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        check_upload(upload)
    assert caught.value.code == "too_large"
    assert caught.value.messages[0] == "The file is 25 MB, larger than the 20 MB allowed."
    upload.close()


def test_a_file_at_the_limit_is_kept_whole(settings):
    data = oversize(pdf_bytes(), MAX_UPLOAD_BYTES)
    body, content_type = _multipart({}, field="file", name="to.pdf", data=data)
    request = RequestFactory().generic("POST", "/", body, content_type=content_type)

    upload = request.FILES["file"]

    assert (upload.size, upload.truncated) == (len(data), False)
    assert upload.read() == data
    upload.close()


# --- names -----------------------------------------------------------------------------------

HOSTILE_NAMES = [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("..\\..\\Windows\\win.ini.pdf", "win.ini.pdf"),
    ("C:\\Users\\canbo\\Tờ trình.pdf", "Tờ trình.pdf"),
    ("/var/www/media/x.pdf", "x.pdf"),
    ("bao\x1bcao\x07.pdf", "baocao.pdf"),
    ("\u202efdp.exe.pdf", "fdp.exe.pdf"),
]


@pytest.mark.parametrize(("raw", "clean"), [*HOSTILE_NAMES, ("a\x00b.pdf", "ab.pdf")])
def test_upload_name_keeps_the_last_part_without_control_characters(raw, clean):
    assert upload_name(raw) == clean


@pytest.mark.parametrize("raw", ["..", "../..", "\x00", "   ", "C:"])
def test_upload_name_of_nothing_is_the_default(raw):
    assert upload_name(raw) == "document"


def test_upload_name_keeps_the_extension_of_a_long_name():
    name = upload_name("Đ" * 400 + ".pdf")

    assert (len(name), name[-4:]) == (255, ".pdf")


DOCUMENT_PAGES = [page for page in PAGES if page.field == "file"]


def _stored_document(page: UploadPage):
    from campaigns.models import CampaignDocument, ClusterDocument
    from dossiers.models import Attachment
    from reminders.models import DoneProof

    model = {
        "campaign-document": CampaignDocument,
        "cluster-document": ClusterDocument,
        "dossier-attachment": Attachment,
        "deadline-proof": DoneProof,
    }[page.id]
    return model.objects.order_by("-pk").first()


@pytest.mark.parametrize(("raw", "clean"), HOSTILE_NAMES)
@pytest.mark.parametrize("page", DOCUMENT_PAGES, ids=[page.id for page in DOCUMENT_PAGES])
def test_a_path_in_the_file_name_stays_out_of_storage_and_display(
    fuzz_world, client, settings, tmp_path, page, raw, clean
):
    client.force_login(fuzz_world.user(page.user))
    body, content_type = _multipart(
        page.other(fuzz_world), field="file", name=raw, data=pdf_bytes()
    )

    response = client.post(page.url(fuzz_world), body, content_type=content_type, follow=True)

    assert response.status_code == 200
    document = _stored_document(page)
    assert document.original_name == clean
    media = Path(settings.MEDIA_ROOT).resolve()
    stored = Path(document.file.path).resolve()
    assert stored.is_relative_to(media)
    assert stored.name != clean
    assert stored.suffix == ".pdf"
    assert {path.name for path in tmp_path.rglob("*") if path.is_file()} == {stored.name}
    assert stored_files(settings.FILE_UPLOAD_TEMP_DIR) == set()


def test_a_path_in_the_name_of_a_plan_document_is_dropped(fuzz_world, client, settings):
    from plans.models import PlanImport

    client.force_login(fuzz_world.user("thuongtruc"))
    text = (Path(settings.SAMPLE_PLANS_DIR) / "son-tay-2020.txt").read_bytes()
    body, content_type = _multipart(
        {"unit": str(fuzz_world.son_tay.pk)},
        field="document",
        name="..\\..\\tai-lieu\\ke\x1b-hoach.txt",
        data=text,
    )

    response = client.post(reverse("plans:plan_upload"), body, content_type=content_type)

    assert response.status_code == 302
    plan_import = PlanImport.objects.order_by("-pk").first()
    assert plan_import.original_name == "ke-hoach.txt"
    assert Path(plan_import.source_file.path).resolve().is_relative_to(Path(settings.MEDIA_ROOT))


def test_a_path_in_the_name_of_a_workbook_is_dropped_from_the_preview(fuzz_world, client):
    from tests.awards.test_history_import import grant, workbook

    client.force_login(fuzz_world.user("thuongtruc"))
    data = workbook(client, grants=[grant(unit="Phường Xuân Khanh")])
    body, content_type = _multipart(
        {}, field="workbook", name="../../khen\x07-thuong.xlsx", data=data
    )

    response = client.post(reverse("awards:import"), body, content_type=content_type, follow=True)

    assert response.status_code == 200
    assert response.context["file_name"] == "khen-thuong.xlsx"
    assert "../" not in _text(response)
