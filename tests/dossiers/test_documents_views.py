"""Downloading a dossier's proposal letter and nominee list: who may, and what arrives."""

import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from tests.dossiers.conftest import advance, make_dossier

pytestmark = pytest.mark.django_db

URL_NAMES = ("proposal_pdf", "proposal_docx", "nominees_pdf", "nominees_docx")
LINES = [
    ("person", 0, "advanced_worker"),
    ("person", 1, "emulation_fighter_grassroots"),
    ("person", 2, "advanced_worker"),
]


@pytest.fixture
def dossier(world):
    lines = [*LINES, ("collective", world.tree.group_a, "advanced_collective")]
    return make_dossier(world, lines=lines)


def _urls(dossier) -> list[str]:
    return [reverse(f"dossiers:{name}", args=[dossier.pk]) for name in URL_NAMES]


def test_unit_officer_downloads_the_letter_and_list_with_ascii_names(client, world, dossier):
    client.force_login(world.officer_a)
    year = world.round.year
    expected = [
        ("application/pdf", f"to-trinh-phuong-an-binh-{year}.pdf"),
        (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            f"to-trinh-phuong-an-binh-{year}.docx",
        ),
        ("application/pdf", f"danh-sach-de-nghi-khen-thuong-phuong-an-binh-{year}.pdf"),
        (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            f"danh-sach-de-nghi-khen-thuong-phuong-an-binh-{year}.docx",
        ),
    ]
    for url, (content_type, name) in zip(_urls(dossier), expected, strict=True):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["Content-Disposition"] == f'attachment; filename="{name}"'
        assert response["Cache-Control"] == "private, no-store"


def test_proposal_pdf_download_is_the_letter(client, world, dossier):
    client.force_login(world.officer_a)
    response = client.get(reverse("dossiers:proposal_pdf", args=[dossier.pk]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert response.content.startswith(b"%PDF")
    assert "TỜ TRÌNH" in text
    assert "PHƯỜNG AN BÌNH" in text


def test_nominees_docx_download_lists_every_nominee(client, world, dossier):
    client.force_login(world.officer_a)
    response = client.get(reverse("dossiers:nominees_docx", args=[dossier.pk]))
    table = Document(io.BytesIO(response.content)).tables[1]
    names = [row.cells[1].text for row in table.rows[1:]]
    assert names == ["Nguyễn Thị Hoa", "Trần Văn Bình", "Lê Thị Cúc", "Tổ dân phố số 1"]


def test_documents_of_another_units_dossier_are_not_found(client, world, dossier):
    client.force_login(world.officer_b)
    assert [client.get(url).status_code for url in _urls(dossier)] == [404] * 4


def test_documents_need_a_login(client, dossier):
    for url in _urls(dossier):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_secretariat_gets_the_documents_once_the_dossier_is_submitted(client, world, dossier):
    client.force_login(world.secretariat)
    assert [client.get(url).status_code for url in _urls(dossier)] == [404] * 4
    advance(world, dossier, "submitted")
    assert [client.get(url).status_code for url in _urls(dossier)] == [200] * 4


def test_council_member_reads_the_letter_of_a_submitted_dossier(client, world, dossier):
    advance(world, dossier, "submitted")
    client.force_login(world.member)
    assert client.get(reverse("dossiers:proposal_pdf", args=[dossier.pk])).status_code == 200


def test_documents_of_a_missing_dossier_are_not_found(client, world):
    client.force_login(world.officer_a)
    assert client.get(reverse("dossiers:proposal_docx", args=[999999])).status_code == 404


def test_documents_refuse_a_post(client, world, dossier):
    client.force_login(world.officer_a)
    assert client.post(reverse("dossiers:nominees_pdf", args=[dossier.pk])).status_code == 405
