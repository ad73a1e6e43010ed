"""Fixtures for dossiers: a round of the district council open today, people of ward A, and
builders that take a dossier to any state through the real services.

world (tree.council's round "Khen thưởng năm <this year> – đợt 1", open from 30 days ago to 20
days ahead, accepting Advanced Worker, Grassroots Fighter, Advanced Collective and Giấy khen)
    officer_a      officer of ward A (proposes)
    officer_b      officer of ward B
    secretariat    the district council's secretariat (appraises); ``specialist`` a second one
    member         a council member (reads)
    people         three people of ward A
"""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from awards.models import AwardForm, EmulationTitle
from common.uploads import check_upload
from dossiers.checklist import dossier_checklist
from dossiers.models import Dossier, Nomination, Round
from dossiers.services.dossiers import (
    NominationInput,
    attachment_add,
    dossier_start,
    nomination_save,
)
from dossiers.services.rounds import round_save
from dossiers.services.workflow import APPRAISE, SUBMIT, TAKE, dossier_transition
from organizations.models import Membership, Person
from tests.factories import MembershipFactory, PersonFactory, UserFactory
from tests.uploads import pdf_bytes, uploaded

ROUND_AWARDS = ("advanced_worker", "emulation_fighter_grassroots", "advanced_collective")
ROUND_FORMS = ("certificate_of_merit",)


@pytest.fixture(autouse=True)
def _catalog(award_catalog) -> None:
    """Every dossiers test runs with the national award catalog (tests/conftest.py)."""


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded files go to a fresh directory per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class World:
    tree: object
    round: Round
    officer_a: object
    officer_b: object
    secretariat: object
    specialist: object
    member: object
    people: list[Person]


def checked_pdf(name: str = "Tờ trình.pdf", text: str = "Bao cao"):
    """An upload that went through ``check_upload``, as a form's UploadField leaves it."""
    file = uploaded(name, pdf_bytes(text=text))
    file.checked = check_upload(file)
    return file


@pytest.fixture
def world(award_catalog, tree, officer_a, secretariat) -> World:
    """A dossier round of the district council over the catalog's titles and forms, with the
    users around it. Depends on ``award_catalog`` itself, so that tests importing it elsewhere
    (tests/notifications) find the catalog even after a transactional test emptied it."""
    today = timezone.localdate()
    round_ = round_save(
        council=tree.council,
        actor=secretariat,
        titles=EmulationTitle.objects.filter(code__in=ROUND_AWARDS),
        forms=AwardForm.objects.filter(code__in=ROUND_FORMS),
        name=f"Khen thưởng năm {today.year} – đợt 1",
        year=today.year,
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=20),
    )
    officer_b = MembershipFactory(
        user=UserFactory(username="canbo_b"), unit=tree.ward_b, role=Membership.Role.UNIT_OFFICER
    ).user
    specialist = MembershipFactory(
        user=UserFactory(username="chuyenvien", first_name="Lan", last_name="Trần Thị"),
        unit=tree.district,
        role=Membership.Role.SECRETARIAT,
    ).user
    member = MembershipFactory(
        user=UserFactory(username="hoidong"),
        unit=tree.district,
        role=Membership.Role.COUNCIL_MEMBER,
    ).user
    people = [
        PersonFactory(full_name=name, unit=tree.ward_a, gender=gender)
        for name, gender in (
            ("Nguyễn Thị Hoa", Person.Gender.FEMALE),
            ("Trần Văn Bình", Person.Gender.MALE),
            ("Lê Thị Cúc", Person.Gender.FEMALE),
        )
    ]
    return World(tree, round_, officer_a, officer_b, secretariat, specialist, member, people)


def award(code: str):
    """The title or form with ``code``."""
    return EmulationTitle.objects.filter(code=code).first() or AwardForm.objects.get(code=code)


def make_dossier(world: World, *, lines=(("person", 0, "advanced_worker"),), complete=True):
    """Ward A's dossier in the world's round with ``lines`` (``("person", index, code)`` or
    ``("collective", unit, code)``), every checklist document uploaded when ``complete``."""
    dossier = dossier_start(round_=world.round, unit=world.tree.ward_a, actor=world.officer_a)
    for kind, which, code in lines:
        nominee = world.people[which] if kind == "person" else which
        nomination_save(
            dossier=dossier,
            data=NominationInput(nominee=nominee, award=award(code), summary="Hoàn thành tốt"),
            actor=world.officer_a,
        )
    if complete:
        upload_missing(dossier, world.officer_a)
    return dossier


def upload_missing(dossier: Dossier, actor) -> None:
    """Upload a PDF for every missing checklist item."""
    for item in dossier_checklist(dossier):
        if item.is_missing:
            attachment_add(
                dossier=dossier,
                component=item.component,
                nomination=item.nomination,
                uploaded_file=checked_pdf(f"{item.component}.pdf"),
                actor=actor,
            )


def advance(world: World, dossier: Dossier, to: str) -> Dossier:
    """Take ``dossier`` (a complete draft) through the real transitions to state ``to``:
    submitted, in_appraisal or appraised (every nomination eligible)."""
    dossier_transition(dossier=dossier, action=SUBMIT, actor=world.officer_a)
    if to == Dossier.Status.SUBMITTED:
        return dossier
    dossier_transition(dossier=dossier, action=TAKE, actor=world.secretariat)
    if to == Dossier.Status.IN_APPRAISAL:
        return dossier
    dossier.nominations.update(appraisal=Nomination.Appraisal.ELIGIBLE)
    dossier_transition(dossier=dossier, action=APPRAISE, actor=world.secretariat)
    return dossier
