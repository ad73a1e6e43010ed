"""The demo's review round, read from the Phú Lãm plan (phu-lam-2022 §C.1):

    "Gửi hồ sơ đề nghị tặng danh hiệu chiến sỹ thi đua thành phố (đợt 1), gửi hồ sơ trước ngày
    19/3/2022."

The ward's council receives the dossiers of its schools, health station and residential groups.
The round closed on 19/03/2022 and accepts late dossiers, flagged, so every role can still act
today. Its nominee list is public for 30 days from today. The dossiers are taken to their states
by the real services, so each one has its versions and its audit trail:

    Trường THCS Phú Lãm          draft, documents missing (canbo_phulam completes and submits)
    Tổ dân phố số 1              submitted (thuongtruc starts the appraisal)
    Trường Tiểu học Phú Lãm      in appraisal
    Trạm Y tế phường Phú Lãm     returned for correction with comments per item
    Tổ dân phố số 2              appraised (ready for a council session)
    Tổ dân phố số 5              decision issued after a council session
"""

import datetime
import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from awards.models import AwardGrant, DossierComponent, EmulationTitle, Initiative
from common.uploads import check_upload
from dossiers.checklist import dossier_checklist
from dossiers.models import Dossier, Nomination, Round
from dossiers.services.appraisal import dossier_return, verdicts_record
from dossiers.services.dossiers import (
    NominationInput,
    attachment_add,
    dossier_start,
    nomination_save,
)
from dossiers.services.rounds import round_save
from dossiers.services.workflow import APPRAISE, SUBMIT, TAKE, dossier_transition
from organizations.models import TWO_TIER_REFORM_DATE, Person, Unit
from plans.models import Deadline

ROUND_NAME = "Chiến sĩ thi đua thành phố – đợt 1 (năm 2022)"
TITLE = "emulation_fighter_provincial"
# (unit, nominee, position, gender, state, record): ``record`` gives the nominee the three
# Grassroots Fighter years and the provincial initiative the title needs (Law Art. 22).
DOSSIERS = [
    ("Trường THCS Phú Lãm", "Nguyễn Thị Thu Hà", "Giáo viên", "female", "draft", True),
    ("Tổ dân phố số 1 phường Phú Lãm", "Phạm Văn Hùng", "Tổ trưởng", "male", "submitted", True),
    ("Trường Tiểu học Phú Lãm", "Đỗ Thị Mai", "Hiệu trưởng", "female", "in_appraisal", True),
    ("Trạm Y tế phường Phú Lãm", "Lê Văn Tâm", "Trưởng trạm", "male", "returned", False),
    ("Tổ dân phố số 2 phường Phú Lãm", "Vũ Thị Lan", "Tổ trưởng", "female", "appraised", True),
    ("Tổ dân phố số 5 phường Phú Lãm", "Hoàng Văn Nam", "Tổ trưởng", "male", "issued", True),
]
COUNCIL_MEMBERS = [
    ("Nguyễn Thị Thịnh", "Chủ tịch UBND phường, Chủ tịch Hội đồng", True),
    ("Trần Quốc Việt", "Phó Chủ tịch UBND phường, Phó Chủ tịch Hội đồng", True),
    ("Phan Thanh Tùy", "Công chức Văn phòng, Ủy viên thường trực", True),
    ("Ngô Thị Hằng", "Chủ tịch Ủy ban MTTQ phường, Ủy viên", True),
    ("Bùi Văn Khoa", "Bí thư Đoàn phường, Ủy viên", True),
]


def _user(username: str):
    return get_user_model().objects.get(username=username)


def _unit(name: str) -> Unit:
    return Unit.objects.get(name=name, dissolved_on=TWO_TIER_REFORM_DATE)


def demo_pdf(name: str):
    """A one-page PDF upload that went through ``check_upload``, as a form leaves it."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    upload = SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")
    upload.checked = check_upload(upload)
    return upload


def _record(person: Person) -> None:
    """Grassroots Fighter 2020–2022 and an initiative recognised by the city in 2022."""
    fighter = EmulationTitle.objects.get(code="emulation_fighter_grassroots")
    for year in (2020, 2021, 2022):
        AwardGrant.objects.get_or_create(person=person, title=fighter, year=year)
    if not person.initiatives.exists():
        initiative = Initiative.objects.create(
            title=f"Sáng kiến của {person.full_name}",
            unit=person.unit,
            level=Initiative.Level.PROVINCIAL,
            year=2022,
            recognising_decision="Quyết định công nhận sáng kiến cấp Thành phố năm 2022",
        )
        initiative.authors.add(person)


@transaction.atomic
def load_demo_dossiers() -> Round:
    """Create (once) the Phú Lãm round and its dossiers in every state; returns the round."""
    existing = Round.objects.filter(name=ROUND_NAME).first()
    if existing is not None:
        return existing
    ward = _unit("Phường Phú Lãm")
    secretariat, officer = _user("thuongtruc"), _user("canbo_phulam")
    today = timezone.localdate()
    round_ = round_save(
        council=ward.council,
        actor=secretariat,
        titles=EmulationTitle.objects.filter(code=TITLE),
        name=ROUND_NAME,
        year=2022,
        opens_on=datetime.date(2022, 1, 10),
        plan_deadline=Deadline.objects.filter(
            plan__issuing_unit=ward, text__contains="chiến sỹ thi đua thành phố (đợt 1)"
        ).first(),
        late_policy=Round.LatePolicy.ACCEPT_FLAGGED,
        disclosure_starts_on=today,
        disclosure_ends_on=today + datetime.timedelta(days=30),
    )
    issued = []
    for unit_name, full_name, position, gender, state, record in DOSSIERS:
        unit = _unit(unit_name)
        person, _ = Person.objects.get_or_create(
            full_name=full_name, unit=unit, defaults={"position": position, "gender": gender}
        )
        if record:
            _record(person)
        dossier = dossier_start(round_=round_, unit=unit, actor=officer)
        nomination_save(
            dossier=dossier,
            data=NominationInput(
                nominee=person,
                award=EmulationTitle.objects.get(code=TITLE),
                summary=f"{position} {unit_name}; 3 năm liền Chiến sĩ thi đua cơ sở.",
            ),
            actor=officer,
        )
        _upload(dossier, officer, complete=state != "draft")
        if state == "draft":
            continue
        _advance(dossier, state, officer=officer, secretariat=secretariat)
        if state == "issued":
            issued.append(dossier)
    if issued:
        _council_and_decision(round_, issued, secretariat)
    return round_


def _upload(dossier: Dossier, officer, *, complete: bool) -> None:
    for item in dossier_checklist(dossier):
        if complete or item.component == DossierComponent.ACHIEVEMENT_REPORT:
            attachment_add(
                dossier=dossier,
                component=item.component,
                nomination=item.nomination,
                uploaded_file=demo_pdf(f"{item.label}.pdf"),
                actor=officer,
            )


def _advance(dossier: Dossier, state: str, *, officer, secretariat) -> None:
    dossier_transition(dossier=dossier, action=SUBMIT, actor=officer)
    if state == "submitted":
        return
    dossier_transition(dossier=dossier, action=TAKE, actor=secretariat)
    nomination = dossier.nominations.get()
    if state == "returned":
        dossier_return(
            dossier=dossier,
            reason="Hồ sơ chưa đủ căn cứ; đề nghị bổ sung và gửi lại.",
            comments=[
                (None, DossierComponent.MEETING_MINUTES, "Biên bản chưa ghi kết quả bỏ phiếu."),
                (nomination.pk, "", "Chưa có quyết định công nhận sáng kiến cấp Thành phố."),
            ],
            actor=secretariat,
        )
        return
    if state == "in_appraisal":
        return
    verdicts_record(
        dossier=dossier,
        verdicts={nomination.pk: (Nomination.Appraisal.ELIGIBLE, "")},
        actor=secretariat,
    )
    dossier_transition(dossier=dossier, action=APPRAISE, actor=secretariat)


def _council_and_decision(round_: Round, dossiers: list[Dossier], secretariat) -> None:
    from dossiers.services.council import session_close, session_create, votes_record
    from dossiers.services.decisions import decision_issue

    session = session_create(
        round_=round_,
        held_on=datetime.date(2022, 3, 25),
        members=COUNCIL_MEMBERS,
        dossiers=dossiers,
        actor=secretariat,
        place="Trụ sở UBND phường Phú Lãm",
        chair_name=COUNCIL_MEMBERS[0][0],
        secretary_name=COUNCIL_MEMBERS[2][0],
    )
    nominations = list(Nomination.objects.filter(dossier__in=dossiers))
    votes_record(
        session=session,
        counts={n.pk: {"yes": len(COUNCIL_MEMBERS)} for n in nominations},
        actor=secretariat,
    )
    session_close(session=session, actor=secretariat)
    decision_issue(
        round_=round_,
        nominations=nominations,
        number="1725/QĐ-UBND",
        date=datetime.date(2022, 4, 5),
        signer_name="Chu Ngọc Anh",
        authority="Chủ tịch UBND thành phố Hà Nội",
        actor=secretariat,
    )
