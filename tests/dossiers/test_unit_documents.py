"""A dossier's documents: upload (a new version keeps the old one), a refused file changes
nothing, and who may download."""

import pytest
from django.urls import reverse

from dossiers.models import Attachment, Dossier
from tests.dossiers.conftest import advance, make_dossier
from tests.uploads import broken_pdf_bytes, pdf_bytes, uploaded

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world):
    """Ward A's draft with Nguyễn Thị Hoa for Advanced Worker, no document uploaded."""
    return make_dossier(world, complete=False)


@pytest.fixture
def officer(client, world):
    client.force_login(world.officer_a)
    return client


def upload(client, dossier, item: str, name: str, content: bytes):
    return client.post(
        reverse("dossiers:attachment_upload", args=[dossier.pk]),
        {"item": item, "file": uploaded(name, content)},
    )


def download_status(client, attachment_pk: int) -> int:
    """The status of a download, its file read to the end (which closes it)."""
    response = client.get(reverse("dossiers:attachment_download", args=[attachment_pk]))
    if response.streaming:
        b"".join(response.streaming_content)
    return response.status_code


def current(dossier, component: str, nomination=None) -> Attachment:
    return dossier.attachments.filter(component=component, nomination=nomination).first()


def test_upload_stores_the_document(officer, draft):
    response = upload(officer, draft, "proposal_letter", "To trinh.pdf", pdf_bytes())
    assert response.status_code == 302
    attachment = current(draft, "proposal_letter")
    assert (attachment.original_name, attachment.pages) == ("To trinh.pdf", 1)
    page = officer.get(reverse("dossiers:edit", args=[draft.pk])).content.decode()
    assert reverse("dossiers:attachment_download", args=[attachment.pk]) in page


def test_upload_for_a_nominee_uses_the_item_key(officer, draft):
    nomination = draft.nominations.get()
    key = f"achievement_report:{nomination.pk}"
    assert upload(officer, draft, key, "Bao cao.pdf", pdf_bytes()).status_code == 302
    assert current(draft, "achievement_report", nomination).original_name == "Bao cao.pdf"


def test_uploading_again_keeps_the_older_version(officer, draft):
    upload(officer, draft, "proposal_letter", "Ban dau.pdf", pdf_bytes(text="mot"))
    first = current(draft, "proposal_letter")
    upload(officer, draft, "proposal_letter", "Ban sua.pdf", pdf_bytes(text="hai"))
    assert draft.attachments.filter(component="proposal_letter").count() == 2
    assert current(draft, "proposal_letter").original_name == "Ban sua.pdf"
    text = officer.get(reverse("dossiers:detail", args=[draft.pk])).content.decode()
    assert "Ban sua.pdf" in text
    assert "Ban dau.pdf" in text
    assert reverse("dossiers:attachment_download", args=[first.pk]) in text
    assert download_status(officer, first.pk) == 200


def test_invalid_file_is_refused_and_changes_nothing(officer, draft):
    upload(officer, draft, "proposal_letter", "Ban dau.pdf", pdf_bytes())
    before = current(draft, "proposal_letter")
    updated_at = Dossier.objects.get(pk=draft.pk).updated_at
    response = upload(officer, draft, "proposal_letter", "Hong.pdf", broken_pdf_bytes())
    assert response.status_code == 200
    text = response.content.decode()
    assert 'class="text-danger small mt-1 upload-errors"' in text
    assert draft.attachments.count() == 1
    assert current(draft, "proposal_letter") == before
    assert Dossier.objects.get(pk=draft.pk).updated_at == updated_at


def test_file_of_a_refused_kind_is_refused(officer, draft):
    response = upload(officer, draft, "proposal_letter", "virus.exe", b"MZ\x90\x00not a document")
    assert response.status_code == 200
    assert "PDF" in response.content.decode()
    assert not draft.attachments.exists()


def test_document_not_on_the_checklist_is_refused(officer, draft):
    response = upload(officer, draft, "initiative_proof:999999", "x.pdf", pdf_bytes())
    assert response.status_code == 200
    assert not draft.attachments.exists()


def test_upload_without_a_file_is_refused(officer, draft):
    response = officer.post(
        reverse("dossiers:attachment_upload", args=[draft.pk]), {"item": "proposal_letter"}
    )
    assert response.status_code == 200
    assert not draft.attachments.exists()


def test_download_sends_the_file_under_its_name(officer, draft):
    content = pdf_bytes(text="Noi dung")
    upload(officer, draft, "proposal_letter", "Tờ trình.pdf", content)
    attachment = current(draft, "proposal_letter")
    response = officer.get(reverse("dossiers:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]


def test_download_of_another_units_document_is_not_found(client, world):
    dossier = make_dossier(world)
    attachment = dossier.attachments.first()
    client.force_login(world.officer_b)
    assert download_status(client, attachment.pk) == 404


def test_secretariat_downloads_only_once_submitted(client, world):
    dossier = make_dossier(world)
    attachment = dossier.attachments.first()
    client.force_login(world.secretariat)
    assert download_status(client, attachment.pk) == 404
    advance(world, dossier, Dossier.Status.SUBMITTED)
    assert download_status(client, attachment.pk) == 200


def test_download_needs_login(client, world):
    dossier = make_dossier(world)
    response = client.get(
        reverse("dossiers:attachment_download", args=[dossier.attachments.first().pk])
    )
    assert response.status_code == 302
    assert reverse("login") in response.url
