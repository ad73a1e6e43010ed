"""The demo's certificates (certificates/demo.py): a 2020 decision of Thị xã Sơn Tây with Giấy
khen grants whose certificates print and whose QR codes open the verification page."""

import pytest
from django.test import Client

from certificates.demo import NUMBER, load_demo_certificates
from certificates.models import Certificate
from certificates.services import certificates_pdf, print_plan
from tests.certificates.conftest import page_text, pdf_pages

pytestmark = pytest.mark.django_db


def test_the_demo_decision_prints_and_verifies(demo_world):
    demo = load_demo_certificates()
    again = load_demo_certificates()

    decision = demo.decision
    assert (decision.number, decision.issuing_unit.name) == (NUMBER, "Thị xã Sơn Tây")
    assert again.decision == decision
    assert again.urls == demo.urls
    assert decision.grants.filter(year=2020).count() == len(demo.urls) == 6
    assert Certificate.objects.filter(grant__decision=decision).count() == 6
    assert any(t.authority == "UBND thị xã Sơn Tây" for t in demo.templates)

    plan = print_plan(decision=decision)
    pages = pdf_pages(certificates_pdf(decision=decision))
    assert len(pages) == len(plan.printable) == 5
    first = page_text(pages[0])
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ XÃ SƠN TÂY" in first
    assert "Sơn Tây, ngày 15 tháng 01 năm 2021" in first

    client = Client()
    states = []
    for _name, url in demo.urls:
        path = url.split("://", 1)[1].split("/", 1)[1]
        response = client.get("/" + path)
        assert response.status_code == 200
        states.append('data-state="revoked"' in response.text)
    assert states.count(True) == 1
