"""Fixtures of the certificates tests: a decision of the test district's council with Giấy
khen grants (two people, a collective, a household and one revoked person), and helpers that
read a PDF back."""

import datetime
import io
from dataclasses import dataclass

import pytest
from pypdf import PdfReader

from awards.models import AwardDecision, AwardForm, AwardGrant, Household
from organizations.models import Membership, Person
from tests.factories import MembershipFactory, UserFactory

NUMBER = "25/QĐ-UBND"
DATE = datetime.date(2021, 1, 20)
AUTHORITY = "Chủ tịch UBND thị xã Thử"
SIGNER = "Phạm Văn Ký"
# The gold of the frame's lines (static/certificates/frame.svg, #b8902e) as a PDF colour.
FRAME_GOLD = "0.721569 0.564706 0.180392"
MM_PER_PX = 25.4 / 96  # WeasyPrint draws in CSS pixels


@dataclass
class Printing:
    decision: AwardDecision
    lan: AwardGrant
    binh: AwardGrant
    collective: AwardGrant
    household: AwardGrant
    revoked: AwardGrant
    secretariat: object
    member: object


@pytest.fixture(autouse=True)
def _catalog(award_catalog) -> None:
    """Every test here needs the award catalog (the Giấy khen form)."""


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "https://tdkt.example.vn"


def merit_form() -> AwardForm:
    return AwardForm.objects.get(code="certificate_of_merit")


def make_decision(tree, *, number: str = NUMBER, authority: str = AUTHORITY) -> AwardDecision:
    return AwardDecision.objects.create(
        number=number,
        date=DATE,
        authority=authority,
        signer_name=SIGNER,
        issuing_unit=tree.district,
    )


def grant(decision, *, revoked_on=None, **fields) -> AwardGrant:
    """A 2020 grant of ``decision`` to the recipient in ``fields`` (a Giấy khen unless
    ``fields`` names a title or form)."""
    award = {} if "title" in fields or "form" in fields else {"form": merit_form()}
    return AwardGrant.objects.create(
        decision=decision,
        year=2020,
        revoked=revoked_on is not None,
        revoked_on=revoked_on,
        revoked_reason="Gian dối: thử" if revoked_on else "",
        **award,
        **fields,
    )


@pytest.fixture
def printing(tree, secretariat) -> Printing:
    decision = make_decision(tree)
    lan = Person.objects.create(
        full_name="Nguyễn Thị Lan",
        gender=Person.Gender.FEMALE,
        birth_year=1982,
        position="Công chức Văn phòng – Thống kê",
        unit=tree.ward_a,
    )
    binh = Person.objects.create(
        full_name="Trần Văn Bình", gender=Person.Gender.MALE, birth_year=1979, unit=tree.ward_b
    )
    gone = Person.objects.create(full_name="Lê Văn Thu Hồi", unit=tree.ward_a)
    home = Household.objects.create(name="Đỗ Văn Hộ", unit=tree.group_a)
    member = MembershipFactory(
        user=UserFactory(username="thanhvien"),
        unit=tree.district,
        role=Membership.Role.COUNCIL_MEMBER,
    ).user
    return Printing(
        decision=decision,
        lan=grant(decision, person=lan),
        binh=grant(decision, person=binh),
        collective=grant(decision, unit=tree.ward_b),
        household=grant(decision, household=home),
        revoked=grant(decision, person=gone, revoked_on=datetime.date(2021, 6, 1)),
        secretariat=secretariat,
        member=member,
    )


def pdf_pages(content: bytes) -> list:
    return list(PdfReader(io.BytesIO(content)).pages)


def page_text(page) -> str:
    return " ".join(page.extract_text().split())


def text_boxes(page) -> dict[str, tuple[float, float]]:
    """Each text run of ``page`` → (x, baseline y) in millimetres from the top-left corner."""
    boxes = {}

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip() and text.strip() not in boxes:
            boxes[text.strip()] = (tm[4] * MM_PER_PX, tm[5] * MM_PER_PX)

    page.extract_text(visitor_text=visit)
    return boxes


def drawing_ops(page) -> str:
    return page.get_contents().get_data().decode("latin-1")
