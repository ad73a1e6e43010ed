"""The admin of certificate templates: the positions for pre-printed blanks are edited as JSON
and checked before they are saved."""

import json

import pytest
from django.urls import reverse

from certificates.models import CertificateTemplate
from certificates.positions import default_positions
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="quantri", is_superuser=True, is_staff=True))
    return client


def _data(template: CertificateTemplate, positions) -> dict:
    return {
        "name": template.name,
        "active": "on",
        "title": "",
        "form": template.form_id or "",
        "authority": "UBND thị xã Sơn Tây",
        "heading": template.heading,
        "issuer_line": "",
        "verb": "TẶNG",
        "signer_title": "CHỦ TỊCH",
        "positions": json.dumps(positions),
    }


def test_the_templates_are_listed_and_open(admin_client):
    template = CertificateTemplate.objects.create(name="Giấy khen phôi A")

    listing = admin_client.get(reverse("admin:certificates_certificatetemplate_changelist"))
    change = admin_client.get(
        reverse("admin:certificates_certificatetemplate_change", args=[template.pk])
    )

    assert listing.status_code == 200
    assert "Giấy khen phôi A" in listing.text
    assert change.status_code == 200
    assert "&quot;recipient&quot;" in change.text  # the positions, as indented JSON


def test_positions_are_saved_completed_with_the_defaults(admin_client):
    template = CertificateTemplate.objects.create(name="Giấy khen phôi B")
    url = reverse("admin:certificates_certificatetemplate_change", args=[template.pk])

    response = admin_client.post(url, _data(template, {"recipient": {"y": 88.5}}))

    assert response.status_code == 302
    template.refresh_from_db()
    assert template.authority == "UBND thị xã Sơn Tây"
    assert template.positions["recipient"]["y"] == 88.5
    assert template.positions["reason"] == default_positions()["reason"]


def test_positions_off_the_sheet_are_refused_with_a_message(admin_client):
    template = CertificateTemplate.objects.create(name="Giấy khen phôi C")
    url = reverse("admin:certificates_certificatetemplate_change", args=[template.pk])

    response = admin_client.post(url, _data(template, {"qr": {"y": 200}}))

    assert response.status_code == 200
    assert "qr.y" in response.text
    template.refresh_from_db()
    assert template.positions["qr"] == default_positions()["qr"]
