"""The shared world of the security tests: two councils side by side under one province, each
with every kind of object a URL of the project can take, and a user of every role.

    province
    ├── district A (council A)  ← the users whose access is tested
    │   ├── w1  leader of A's cluster 1          (its officer: the "cluster leader" role)
    │   ├── w2  member of cluster 1              (its officer: the "unit officer" role)
    │   ├── w3  leader of cluster 2              (another unit, in another cluster)
    │   └── w4  member of cluster 2
    └── district B (council B)  ← the same tree, every name starting with ``MARK_B``

Both sides are built by ``build_side`` through the apps' own services, so every object is in
a state a real user meets: an issued plan (with its PDF) and a pending plan import, a launched
campaign with a document, clusters with documents, a scale and score sheets, a registration
window with accepted registrations, consolidated cluster lists and their rendered exports, a
review round with dossiers (w1's and w3's submitted, w2's returned for correction, w4's taken
through a closed council session to an award decision with grants and certificates),
deadlines with units marked done and proofs, notifications, mail and reminders, a finished
export job, pending Excel imports and calendar keys.

Every text of side B contains ``MARK_B``. On side A, what belongs to w3 alone (its people,
its registration's and dossier's contents, its documents, cluster 2's documents, its proof)
contains ``MARK_C``: a unit officer of w2 or the leader of cluster 1 must never see it; what
belongs to w1 alone (not to its cluster) contains ``MARK_D``: the officer of w2, a member of
the same cluster, must not see it either. Unit, council and cluster names of side A carry no
mark: they are public within the council.

``side.objects[key]`` gives the object a URL keyword stands for (``OBJECT_KEYS``; w2's where
it belongs to a unit); ``side.private[key]`` the w3-owned one (``PRIVATE_KEYS``),
``side.peer[key]`` the w1-owned one (``PEER_KEYS``). ``fingerprint`` reads what a side stores
(``private_fingerprint`` what w3 owns, ``unit_fingerprint`` what one ward owns), to prove
that a refused request changed nothing.

The security tests build the world once per module (the fixture ``security_world``, made
available to tests/security by its conftest.py); other test folders may import it, or
``build_world``, from here.
"""

import datetime
import secrets
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from awards.models import AwardForm, AwardGrant, EmulationTitle
from campaigns.models import (
    Campaign,
    CampaignDocument,
    Cluster,
    ClusterDocument,
    Score,
    ScoreSheet,
)
from campaigns.services.campaigns import campaign_create, campaign_document_add, campaign_launch
from campaigns.services.clusters import cluster_create, cluster_document_add
from campaigns.services.scoring import (
    criteria_replace,
    round_robin_pairs,
    sheet_save,
    sheets_assign,
)
from certificates.models import Certificate
from certificates.services import certificates_ensure
from common.imports.storage import pending_import_store
from common.uploads import check_upload
from dossiers.checklist import dossier_checklist
from dossiers.models import Attachment, CouncilSession, Dossier, Nomination, Round
from dossiers.services.appraisal import dossier_return
from dossiers.services.council import session_close, session_create, votes_record
from dossiers.services.decisions import decision_issue
from dossiers.services.dossiers import (
    NominationInput,
    attachment_add,
    dossier_start,
    nomination_save,
)
from dossiers.services.rounds import round_save
from dossiers.services.workflow import APPRAISE, SUBMIT, TAKE, dossier_transition
from notifications.models import Delivery, Notification, OutgoingMail, Preference
from notifications.services import calendar_token_renew
from organizations.models import Council, Membership, Person, Unit
from organizations.services import membership_grant
from plans.models import Deadline as PlanDeadline
from plans.models import Plan, PlanImport, PlanSection, ScheduleTask
from plans.parsing import parse_plan_text
from registrations.models import (
    ClusterList,
    ExportFile,
    Registration,
    RegistrationEntry,
    RegistrationWindow,
)
from registrations.services.cluster_lists import cluster_list_consolidate, cluster_list_of
from registrations.services.registrations import (
    EntryInput,
    entries_replace,
    registration_accept,
    registration_start,
    registration_submit,
)
from registrations.services.windows import window_open
from reminders.models import Deadline, DeadlineUnit, DoneProof, OverdueDigest, ReminderDispatch
from reminders.services.deadlines import deadline_create, target_mark_done
from reminders.sources import deadlines_sync
from reports.models import ExportJob
from tests.uploads import pdf_bytes, uploaded, xlsx_bytes

MARK_B = "BÍ MẬT-B"
MARK_C = "BÍ MẬT-C"
MARK_D = "BÍ MẬT-D"
SAMPLE_PLAN = Path(__file__).resolve().parents[2] / "plans" / "samples" / "son-tay-2020.txt"

# The roles whose access is tested, all on side A; ``None`` is the anonymous visitor.
ROLES = (
    "anonymous",
    "no_membership",
    "unit_officer",
    "cluster_leader",
    "secretariat",
    "council_member",
    "admin",
)
# Roles that act for one unit: they are also refused what another unit of their own council
# owns (w3, in the other cluster).
UNIT_ROLES = ("unit_officer", "cluster_leader")

# What each key of ``Side.objects`` is: the model, for the fingerprint and the reader.
OBJECT_KEYS = (
    "council",
    "unit",
    "person",
    "plan",
    "plan_import",
    "campaign",
    "campaign_document",
    "cluster",
    "cluster_document",
    "sheet",
    "window",
    "registration",
    "cluster_list",
    "registration_export",
    "round",
    "dossier",
    "nomination",
    "attachment",
    "session",
    "decision",
    "grant",
    "deadline",
    "target",
    "proof",
    "job",
    "history_token",
    "registration_token",
)
# The keys of the objects that belong to one unit (w3 on side A): those a unit officer of
# another unit of the same council must not reach.
PRIVATE_KEYS = (
    "unit",
    "person",
    "cluster",
    "cluster_document",
    "sheet",
    "registration",
    "cluster_list",
    "registration_export",
    "dossier",
    "nomination",
    "attachment",
    "target",
    "proof",
    "registration_token",
)
# The keys of the objects that belong to one unit of a cluster and not to the cluster (w1 on
# side A): those the officer of another member (w2) must not reach.
PEER_KEYS = (
    "unit",
    "person",
    "registration",
    "dossier",
    "nomination",
    "attachment",
    "target",
    "proof",
    "registration_token",
)


@dataclass
class Side:
    """One council's side of the world: its units, users by role, the objects a URL keyword
    stands for (``objects``), the w3-owned ones (``private``) and what it stores
    (``unit_ids``, ``user_ids``)."""

    label: str
    district: Unit
    council: Council
    wards: dict[str, Unit]
    users: dict[str, object]
    objects: dict[str, object] = field(default_factory=dict)
    private: dict[str, object] = field(default_factory=dict)
    peer: dict[str, object] = field(default_factory=dict)

    @property
    def unit_ids(self) -> list[int]:
        return [self.district.pk, *(unit.pk for unit in self.wards.values())]

    @property
    def user_ids(self) -> list[int]:
        """The side's users with a role (the outsider without membership is nobody's)."""
        return [user.pk for key, user in self.users.items() if key != "no_membership"]


@dataclass
class World:
    """Both sides, and the users of side A by role (``None`` for the anonymous visitor)."""

    a: Side
    b: Side
    province: Unit
    media_root: Path

    def user(self, role: str):
        """The user of ``role`` on side A (``None`` for "anonymous")."""
        if role == "anonymous":
            return None
        return self.a.users[role]


def checked(name: str, text: str = "Bao cao"):
    """A one-page PDF upload named ``name`` that went through ``check_upload``, as a form's
    UploadField leaves it."""
    file = uploaded(name, pdf_bytes(text=text), "application/pdf")
    file.checked = check_upload(file)
    return file


def _award(code: str):
    return EmulationTitle.objects.filter(code=code).first() or AwardForm.objects.get(code=code)


def _user(username: str, name: str, *, staff: bool = False):
    last, _sep, first = name.rpartition(" ")
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@example.com",
        password=secrets.token_urlsafe(12),
        first_name=first,
        last_name=last,
        is_staff=staff,
    )
    return user


def _units(*, province: Unit, label: str, prefix: str) -> tuple[Unit, Council, dict[str, Unit]]:
    district = Unit.objects.create(
        name=f"{prefix} Thị xã {label}", kind=Unit.Kind.DISTRICT, parent=province
    )
    council = Council.objects.create(
        unit=district, name=f"{prefix} Hội đồng Thi đua – Khen thưởng thị xã {label}"
    )
    wards = {
        key: Unit.objects.create(
            name=f"{prefix} Phường {label} {number}", kind=Unit.Kind.WARD, parent=district
        )
        for number, key in enumerate(("w1", "w2", "w3", "w4"), start=1)
    }
    return district, council, wards


def _users(*, side_key: str, prefix: str, district: Unit, wards: dict[str, Unit]) -> dict:
    role = Membership.Role
    specs = {
        "cluster_leader": (wards["w1"], role.UNIT_OFFICER, False),
        "unit_officer": (wards["w2"], role.UNIT_OFFICER, False),
        "w3_officer": (wards["w3"], role.UNIT_OFFICER, False),
        "w4_officer": (wards["w4"], role.UNIT_OFFICER, False),
        "secretariat": (district, role.SECRETARIAT, False),
        "council_member": (district, role.COUNCIL_MEMBER, False),
        "admin": (district, role.ADMIN, True),
    }
    users = {}
    for key, (unit, membership_role, staff) in specs.items():
        user = _user(f"{side_key}_{key}", f"{prefix} Người dùng {key}", staff=staff)
        membership_grant(user=user, unit=unit, role=membership_role)
        users[key] = user
    users["no_membership"] = _user(f"{side_key}_no_membership", f"{prefix} Người ngoài")
    return users


def _plan(*, side: Side, prefix: str, today: datetime.date) -> Plan:
    district, wards = side.district, side.wards
    plan = Plan.objects.create(
        issuing_unit=district,
        issuer="HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG",
        parent_issuer=f"UBND {district.name}",
        number=f"{side.label}/KH-HĐTĐKT",
        place=f"{prefix} {side.label}",
        issue_date=today - datetime.timedelta(days=40),
        year=today.year,
        title=f"{prefix} Kế hoạch công tác thi đua, khen thưởng năm {today.year}",
        status=Plan.Status.ISSUED,
        signer_name=f"{prefix} Người ký",
        signer_title="CHỦ TỊCH",
        source_text=f"{prefix} nội dung kế hoạch",
    )
    PlanSection.objects.create(
        plan=plan, order=1, heading=f"{prefix} I. MỤC ĐÍCH, YÊU CẦU", level=1, text=prefix
    )
    task = ScheduleTask.objects.create(
        plan=plan,
        order=1,
        quarter=3,
        content=f"{prefix} Gửi báo cáo sơ kết công tác thi đua",
        executing=f"{prefix} các phường",
        due_date=today + datetime.timedelta(days=60),
        due_text="Trước ngày",
    )
    task.executing_units.set([wards["w1"], wards["w2"], wards["w3"]])
    PlanDeadline.objects.create(
        plan=plan, due_date=task.due_date, text=f"{prefix} Gửi báo cáo sơ kết", schedule_task=task
    )
    plan.pdf_file.save("ke-hoach.pdf", ContentFile(pdf_bytes(text=prefix)), save=True)
    Plan.objects.filter(pk=plan.pk).update(pdf_rendered_at=timezone.now())
    plan.refresh_from_db()
    return plan


def _plan_import(*, side: Side, prefix: str) -> PlanImport:
    text = SAMPLE_PLAN.read_text(encoding="utf-8")
    plan_import = PlanImport(
        unit=side.district,
        original_name=f"{prefix} kế hoạch.txt",
        source_text=f"{prefix}\n{text}",
        extracted=parse_plan_text(text).to_json(),
        uploaded_by=side.users["secretariat"],
    )
    plan_import.source_file.save(
        f"{uuid.uuid4().hex}.txt", ContentFile(text.encode("utf-8")), save=False
    )
    plan_import.save()
    return plan_import


def _clusters(*, side: Side, prefix: str, private: str, plan: Plan, year: int):
    wards, users, secretariat = side.wards, side.users, side.users["secretariat"]
    scale = [
        {"name": f"{prefix} Thực hiện nhiệm vụ", "kind": "base", "max_points": Decimal(60)},
        {"name": f"{prefix} Công tác thi đua", "kind": "base", "max_points": Decimal(40)},
    ]
    first = cluster_create(
        council=side.council,
        actor=secretariat,
        members=[wards["w1"], wards["w2"]],
        year=year,
        number=1,
        name=f"Cụm thi đua số 1 {side.label}",
        plan=plan,
        leader=wards["w1"],
        deputy=wards["w2"],
    )
    second = cluster_create(
        council=side.council,
        actor=secretariat,
        members=[wards["w3"], wards["w4"]],
        year=year,
        number=2,
        name=f"Cụm thi đua số 2 {side.label}",
        plan=plan,
        leader=wards["w3"],
    )
    if prefix:  # side B: every name is marked
        for cluster in (first, second):
            cluster.name = f"{prefix} {cluster.name}"
            cluster.save(update_fields=["name"])
    documents, sheets = {}, {}
    for cluster, leader, mark in (
        (first, users["cluster_leader"], prefix),
        (second, users["w3_officer"], private),
    ):
        criteria = criteria_replace(cluster=cluster, rows=scale, actor=leader)
        members = sorted(cluster.members.values_list("pk", flat=True))
        sheets_assign(cluster=cluster, pairs=round_robin_pairs(members), actor=secretariat)
        documents[cluster.pk] = cluster_document_add(
            cluster=cluster,
            kind=ClusterDocument.Kind.PLEDGE,
            uploaded_file=checked(f"{mark} giao ước.pdf"),
            actor=leader,
        )
        sheet = ScoreSheet.objects.get(
            cluster=cluster, assessor=cluster.leader, assessed=cluster.leader
        )
        sheet_save(
            sheet=sheet,
            scores={criteria[0].pk: (Decimal(50), f"{mark} minh chứng")},
            actor=leader,
            submit=False,
        )
        sheets[cluster.pk] = sheet
    return first, second, documents, sheets


def _registrations(*, side: Side, marks: dict[str, str], campaign: Campaign, today):
    wards, users = side.wards, side.users
    window = window_open(
        campaign=campaign,
        actor=users["secretariat"],
        closes_on=today + datetime.timedelta(days=20),
        opens_on=today - datetime.timedelta(days=10),
    )
    registrations = {}
    for key, officer in (
        ("w1", users["cluster_leader"]),
        ("w2", users["unit_officer"]),
        ("w3", users["w3_officer"]),
    ):
        unit, mark = wards[key], marks[key]
        person = Person.objects.create(
            full_name=f"{mark} Trần Văn Đăng Ký {key}", unit=unit, birth_year=1980
        )
        registration = registration_start(window=window, unit=unit)
        entries_replace(
            registration=registration,
            rows=[
                EntryInput(
                    kind="collective",
                    collective=unit,
                    award=_award("advanced_collective"),
                    model_name=f"{mark} mô hình",
                ),
                EntryInput(
                    kind="individual",
                    person=person,
                    award=_award("advanced_worker"),
                    initiative_name=f"{mark} sáng kiến",
                ),
            ],
        )
        registrations[key] = registration_submit(
            registration=registration, actor=officer, today=today
        )
    registration_accept(registration=registrations["w1"], actor=users["cluster_leader"])
    registration_accept(registration=registrations["w2"], actor=users["cluster_leader"])
    registration_accept(registration=registrations["w3"], actor=users["w3_officer"])
    return window, registrations


def _cluster_lists(*, side: Side, window, clusters, today):
    lists, exports = {}, {}
    for cluster, leader in clusters:
        cluster_list = cluster_list_of(window=window, cluster=cluster)
        cluster_list_consolidate(cluster_list=cluster_list, actor=leader)
        lists[cluster.pk] = cluster_list
        exports[cluster.pk] = _rendered(
            ExportFile(
                window=window, cluster_list=cluster_list, subject=ExportFile.Subject.CLUSTER_LIST
            )
        )
    _rendered(ExportFile(window=window, subject=ExportFile.Subject.OVERVIEW))
    return lists, exports


def _rendered(export: ExportFile) -> ExportFile:
    """``export`` as the worker leaves it: an Excel file rendered just now."""
    export.format = ExportFile.Format.XLSX
    export.requested_at = export.rendered_at = timezone.now()
    export.file.save("danh-sach.xlsx", ContentFile(xlsx_bytes()), save=True)
    return export


def _dossier(*, round_, unit, officer, person, mark: str) -> Dossier:
    dossier = dossier_start(round_=round_, unit=unit, actor=officer)
    nomination_save(
        dossier=dossier,
        data=NominationInput(
            nominee=person, award=_award("advanced_worker"), summary=f"{mark} thành tích"
        ),
        actor=officer,
    )
    for item in dossier_checklist(dossier):
        if item.is_missing:
            attachment_add(
                dossier=dossier,
                component=item.component,
                nomination=item.nomination,
                uploaded_file=checked(f"{mark} {item.component}.pdf"),
                actor=officer,
            )
    dossier_transition(dossier=dossier, action=SUBMIT, actor=officer)
    return dossier


def _dossiers(*, side: Side, prefix: str, marks: dict[str, str], today):
    """The round; w4's dossier taken through a council session to an award decision (grants,
    certificates); w2's returned for correction (editable again); w1's and w3's submitted."""
    wards, users = side.wards, side.users
    secretariat = users["secretariat"]
    round_ = round_save(
        council=side.council,
        actor=secretariat,
        titles=EmulationTitle.objects.filter(code__in=("advanced_worker",)),
        forms=AwardForm.objects.filter(code__in=("certificate_of_merit",)),
        name=f"{prefix} Khen thưởng năm {today.year} – đợt 1 {side.label}",
        year=today.year,
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=20),
        disclosure_starts_on=today - datetime.timedelta(days=1),
        disclosure_ends_on=today + datetime.timedelta(days=30),
    )
    officers = {"w1": "cluster_leader", "w2": "unit_officer", "w3": "w3_officer"}
    officers["w4"] = "w4_officer"
    dossiers = {}
    for key, officer in officers.items():
        mark = marks.get(key, prefix)
        nominee = Person.objects.create(
            full_name=f"{mark} Nguyễn Thị Đề Nghị {key}",
            unit=wards[key],
            gender=Person.Gender.FEMALE,
            birth_year=1985,
        )
        dossiers[key] = _dossier(
            round_=round_, unit=wards[key], officer=users[officer], person=nominee, mark=mark
        )
    for key in ("w2", "w4"):
        dossier_transition(dossier=dossiers[key], action=TAKE, actor=secretariat)
    dossier_return(
        dossier=dossiers["w2"],
        reason=f"{prefix} Bổ sung biên bản",
        comments=[(None, "", f"{prefix} Thiếu chữ ký")],
        actor=secretariat,
    )
    issued = dossiers["w4"]
    issued.nominations.update(appraisal=Nomination.Appraisal.ELIGIBLE)
    dossier_transition(dossier=issued, action=APPRAISE, actor=secretariat)
    members = [(f"{prefix} Thành viên {n}", "Ủy viên", True) for n in range(1, 6)]
    session = session_create(
        round_=round_,
        held_on=today,
        members=members,
        dossiers=[issued],
        actor=secretariat,
        place=f"{prefix} Phòng họp",
        chair_name=members[0][0],
        secretary_name=members[1][0],
    )
    nominations = list(Nomination.objects.filter(dossier=issued))
    votes_record(
        session=session,
        counts={n.pk: {"yes": len(members)} for n in nominations},
        actor=secretariat,
    )
    session_close(session=session, actor=secretariat)
    for nomination in nominations:
        nomination.refresh_from_db()
    decision = decision_issue(
        round_=round_,
        nominations=nominations,
        number=f"{side.label}-1/QĐ-UBND",
        date=today,
        signer_name=f"{prefix} Người ký quyết định",
        authority=f"{prefix} Chủ tịch UBND",
        actor=secretariat,
    )
    grants = list(AwardGrant.objects.filter(decision=decision))
    certificates_ensure(grants=grants)
    return round_, dossiers, session, decision, grants


def _deadlines(*, side: Side, prefix: str, marks: dict[str, str], today):
    wards, users = side.wards, side.users
    deadlines_sync()
    deadline = deadline_create(
        council=side.council,
        title=f"{prefix} Gửi báo cáo tổng kết {side.label}",
        due_date=today + datetime.timedelta(days=60),
        units=[wards["w1"], wards["w2"], wards["w3"]],
        actor=users["secretariat"],
    )
    targets = {t.unit_id: t for t in deadline.targets.select_related("deadline", "unit")}
    for key, officer in (
        ("w1", users["cluster_leader"]),
        ("w2", users["unit_officer"]),
        ("w3", users["w3_officer"]),
    ):
        target_mark_done(
            target=targets[wards[key].pk],
            actor=officer,
            note=f"{marks[key]} đã gửi",
            file=checked(f"{marks[key]} minh chứng.pdf"),
        )
    ReminderDispatch.objects.create(
        deadline=deadline,
        unit=wards["w2"],
        offset="-7w",
        send_on=today - datetime.timedelta(days=1),
        status=Delivery.Status.FAILED,
        last_error=f"{prefix} lỗi gửi",
    )
    OverdueDigest.objects.create(council=side.council, day=today - datetime.timedelta(days=1))
    OutgoingMail.objects.create(
        to=users["unit_officer"].email,
        subject=f"{prefix} Hồ sơ đã được tiếp nhận",
        body=prefix,
        status=Delivery.Status.FAILED,
    )
    return deadline, {key: targets[wards[key].pk] for key in ("w1", "w2", "w3")}


def _personal(*, side: Side, prefix: str, registrations: dict[str, Registration]):
    users = side.users
    for user in users.values():
        Notification.objects.create(
            user=user, title=f"{prefix} Thông báo", body=prefix, url="/dashboard/"
        )
        calendar_token_renew(user=user)
    now = timezone.now()
    job = ExportJob(
        kind="units",
        format="xlsx",
        params={},
        title=f"{prefix} Danh sách đơn vị",
        filename="danh-sach.xlsx",
        requested_by=users["secretariat"],
        status=ExportJob.Status.READY,
        started_at=now,
        finished_at=now,
        expires_at=now + datetime.timedelta(days=1),
    )
    job.file.save("danh-sach.xlsx", ContentFile(xlsx_bytes()), save=True)
    session: dict = {}
    history_token = pending_import_store(
        namespace=_history_uploads(),
        session=session,
        user=users["secretariat"],
        data=b"PK",
        rows=[],
        file_name=f"{prefix} lịch sử.xlsx",
    )
    tokens = {}
    for key, officer in (
        ("w1", users["cluster_leader"]),
        ("w2", users["unit_officer"]),
        ("w3", users["w3_officer"]),
    ):
        reg = registrations[key]
        tokens[key] = pending_import_store(
            namespace=_registration_uploads(),
            session=session,
            user=officer,
            data=b"PK",
            rows=[],
            file_name=f"{prefix} đăng ký.xlsx",
            scope=reg.pk,
        )
    return job, history_token, tokens


def _history_uploads():
    from awards.imports.storage import HISTORY_UPLOADS

    return HISTORY_UPLOADS


def _registration_uploads():
    from registrations.imports.storage import REGISTRATION_UPLOADS

    return REGISTRATION_UPLOADS


def build_side(*, label: str, province: Unit, prefix: str, private: str, peer: str) -> Side:
    """One council's side: units, users, and an object of every kind a URL takes.

    ``prefix`` starts every name of the side ("" for side A); ``private`` every text owned by
    w3 alone (``MARK_C`` on side A), ``peer`` every text owned by w1 alone (``MARK_D``)."""
    today = timezone.localdate()
    side_key = label.lower()
    marks = {"w1": peer, "w2": prefix, "w3": private}
    district, council, wards = _units(province=province, label=label, prefix=prefix)
    users = _users(side_key=side_key, prefix=prefix, district=district, wards=wards)
    side = Side(label=label, district=district, council=council, wards=wards, users=users)
    people = {
        key: Person.objects.create(
            full_name=f"{mark} Lê Văn Cán Bộ {key}",
            unit=wards[key],
            position=f"{prefix} Công chức",
        )
        for key, mark in marks.items()
    }
    plan = _plan(side=side, prefix=prefix, today=today)
    plan_import = _plan_import(side=side, prefix=prefix)
    campaign = campaign_create(
        council=council,
        actor=users["secretariat"],
        participants=[wards[key] for key in ("w1", "w2", "w3", "w4")],
        name=f"{prefix} Thi đua thường xuyên năm {today.year} {label}",
        kind=Campaign.Kind.REGULAR,
        year=today.year,
        plan=plan,
        starts_on=datetime.date(today.year, 1, 1),
        ends_on=datetime.date(today.year, 12, 31),
    )
    campaign = campaign_launch(campaign=campaign, actor=users["secretariat"])
    campaign_document = campaign_document_add(
        campaign=campaign,
        kind=CampaignDocument.Kind.LAUNCH_PLAN,
        uploaded_file=checked(f"{prefix} kế hoạch phát động.pdf"),
        actor=users["secretariat"],
    )
    first, second, documents, sheets = _clusters(
        side=side, prefix=prefix, private=private, plan=plan, year=today.year
    )
    window, registrations = _registrations(side=side, marks=marks, campaign=campaign, today=today)
    lists, exports = _cluster_lists(
        side=side,
        window=window,
        clusters=[(first, users["cluster_leader"]), (second, users["w3_officer"])],
        today=today,
    )
    round_, dossiers, session, decision, grants = _dossiers(
        side=side, prefix=prefix, marks=marks, today=today
    )
    deadline, targets = _deadlines(side=side, prefix=prefix, marks=marks, today=today)
    job, history_token, tokens = _personal(side=side, prefix=prefix, registrations=registrations)

    def first_of(queryset):
        return queryset.order_by("pk").first()

    def owned_by(key: str, dossier: Dossier) -> dict:
        """What ward ``key`` alone owns, by the kind of object it is."""
        return {
            "unit": wards[key],
            "person": people[key],
            "registration": registrations[key],
            "dossier": dossier,
            "nomination": first_of(dossier.nominations.all()),
            "attachment": first_of(Attachment.objects.filter(dossier=dossier)),
            "target": targets[key],
            "proof": first_of(DoneProof.objects.filter(target=targets[key])),
            "registration_token": tokens[key],
        }

    side.objects = {
        **owned_by("w2", dossiers["w2"]),
        "council": council,
        "plan": plan,
        "plan_import": plan_import,
        "campaign": campaign,
        "campaign_document": campaign_document,
        "cluster": first,
        "cluster_document": documents[first.pk],
        "sheet": sheets[first.pk],
        "window": window,
        "cluster_list": lists[first.pk],
        "registration_export": exports[first.pk],
        "round": round_,
        "session": session,
        "decision": decision,
        "grant": grants[0],
        "deadline": deadline,
        "job": job,
        "history_token": history_token,
    }
    side.private = {
        **owned_by("w3", dossiers["w3"]),
        "cluster": second,
        "cluster_document": documents[second.pk],
        "sheet": sheets[second.pk],
        "cluster_list": lists[second.pk],
        "registration_export": exports[second.pk],
    }
    side.peer = owned_by("w1", dossiers["w1"])
    missing = [key for key in OBJECT_KEYS if side.objects.get(key) is None]
    missing += [key for key in PRIVATE_KEYS if side.private.get(key) is None]
    missing += [key for key in PEER_KEYS if side.peer.get(key) is None]
    assert not missing, f"The world has no object for {missing}"
    return side


def build_world(media_root: Path) -> World:
    """Both sides under one province (needs the award catalog and a writable ``media_root``)."""
    province = Unit.objects.create(name="Tỉnh Thử Bảo Mật", kind=Unit.Kind.PROVINCE)
    a = build_side(label="A", province=province, prefix="", private=MARK_C, peer=MARK_D)
    b = build_side(label="B", province=province, prefix=MARK_B, private=MARK_B, peer=MARK_B)
    return World(a=a, b=b, province=province, media_root=media_root)


# --- What a side stores ------------------------------------------------------------------------


def _rows(queryset, *fields) -> list:
    return sorted(queryset.values_list("pk", *fields), key=lambda row: str(row))


def fingerprint(side: Side) -> dict[str, list]:
    """What the side stores, row by row (the fields an action changes): equal before and after
    a request means the request changed nothing of the side."""
    units, users = side.unit_ids, side.user_ids
    council = side.council
    return {
        "units": _rows(Unit.objects.filter(pk__in=units), "name", "parent_id", "dissolved_on"),
        "people": _rows(Person.objects.filter(unit__in=units), "full_name", "unit_id"),
        "memberships": _rows(Membership.objects.filter(unit__in=units), "user_id", "role"),
        "plans": _rows(
            Plan.objects.filter(issuing_unit__in=units),
            "status",
            "updated_at",
            "reminder_offsets",
            "pdf_requested_at",
        ),
        "plan_imports": _rows(PlanImport.objects.filter(unit__in=units), "plan_id"),
        "campaigns": _rows(Campaign.objects.filter(council=council), "status", "updated_at"),
        "campaign_participants": _rows(
            Campaign.participants.through.objects.filter(campaign__council=council), "unit_id"
        ),
        "campaign_documents": _rows(CampaignDocument.objects.filter(campaign__council=council)),
        "clusters": _rows(
            Cluster.objects.filter(council=council),
            "leader_id",
            "deputy_id",
            "scoring_status",
            "elected_on",
            "name",
        ),
        "cluster_members": _rows(
            Cluster.members.through.objects.filter(cluster__council=council), "unit_id"
        ),
        "cluster_documents": _rows(ClusterDocument.objects.filter(cluster__council=council)),
        "sheets": _rows(ScoreSheet.objects.filter(cluster__council=council), "submitted_at"),
        "scores": _rows(
            Score.objects.filter(sheet__cluster__council=council), "points", "evidence"
        ),
        "windows": _rows(RegistrationWindow.objects.filter(campaign__council=council), "closes_on"),
        "registrations": _rows(
            Registration.objects.filter(window__campaign__council=council),
            "status",
            "updated_at",
            "extended_until",
        ),
        "entries": _rows(
            RegistrationEntry.objects.filter(registration__window__campaign__council=council),
            "review_note",
            "person_id",
        ),
        "cluster_lists": _rows(
            ClusterList.objects.filter(window__campaign__council=council),
            "status",
            "updated_at",
            "extended_until",
        ),
        "exports": _rows(
            ExportFile.objects.filter(window__campaign__council=council), "requested_at"
        ),
        "rounds": _rows(Round.objects.filter(council=council), "closes_on", "name"),
        "dossiers": _rows(
            Dossier.objects.filter(round__council=council),
            "status",
            "updated_at",
            "version",
            "assignee_id",
        ),
        "nominations": _rows(
            Nomination.objects.filter(dossier__round__council=council),
            "appraisal",
            "council_result",
            "grant_id",
        ),
        "attachments": _rows(Attachment.objects.filter(dossier__round__council=council)),
        "sessions": _rows(CouncilSession.objects.filter(round__council=council), "closed_at"),
        "grants": _rows(
            AwardGrant.objects.filter(decision__issuing_unit__in=units), "revoked", "revoked_on"
        ),
        "certificates": _rows(
            Certificate.objects.filter(grant__decision__issuing_unit__in=units), "times_printed"
        ),
        "deadlines": _rows(
            Deadline.objects.filter(council=council), "offsets", "counting", "due_date"
        ),
        "targets": _rows(
            DeadlineUnit.objects.filter(deadline__council=council), "done_at", "due_date"
        ),
        "proofs": _rows(DoneProof.objects.filter(target__deadline__council=council)),
        "notifications": _rows(Notification.objects.filter(user__in=users), "read_at"),
        "preferences": _rows(
            Preference.objects.filter(user__in=users), "calendar_token", "language"
        ),
        "jobs": _rows(ExportJob.objects.filter(requested_by__in=users), "status"),
    }


def unit_fingerprint(side: Side, ward: str) -> dict[str, list]:
    """What ward ``ward`` ("w1", "w3") of ``side`` alone owns: its people, registrations,
    dossiers, targets and their contents."""
    unit = side.wards[ward]
    return {
        "people": _rows(Person.objects.filter(unit=unit), "full_name"),
        "registrations": _rows(
            Registration.objects.filter(unit=unit), "status", "updated_at", "extended_until"
        ),
        "entries": _rows(RegistrationEntry.objects.filter(registration__unit=unit), "review_note"),
        "dossiers": _rows(
            Dossier.objects.filter(unit=unit), "status", "updated_at", "version", "assignee_id"
        ),
        "nominations": _rows(Nomination.objects.filter(dossier__unit=unit), "appraisal"),
        "attachments": _rows(Attachment.objects.filter(dossier__unit=unit)),
        "targets": _rows(DeadlineUnit.objects.filter(unit=unit), "done_at", "due_date"),
        "proofs": _rows(DoneProof.objects.filter(target__unit=unit)),
    }


def private_fingerprint(side: Side) -> dict[str, list]:
    """What w3 alone owns on ``side`` (``unit_fingerprint``) and its cluster 2."""
    cluster = side.private["cluster"]
    return {
        **unit_fingerprint(side, "w3"),
        "cluster": _rows(
            Cluster.objects.filter(pk=cluster.pk), "leader_id", "scoring_status", "name"
        ),
        "cluster_documents": _rows(ClusterDocument.objects.filter(cluster=cluster)),
        "sheets": _rows(ScoreSheet.objects.filter(cluster=cluster), "submitted_at"),
        "scores": _rows(Score.objects.filter(sheet__cluster=cluster), "points", "evidence"),
        "cluster_lists": _rows(ClusterList.objects.filter(cluster=cluster), "status", "updated_at"),
    }


def world_fixture(tmp_path_factory, django_db_setup, django_db_blocker):
    """The world, built once and rolled back at the end; uploaded files in a private folder.

    Use it as a module-scoped fixture (tests/security/conftest.py: ``security_world``); each
    test still runs in its own savepoint (the ``db`` fixture), so what one test changes is gone
    for the next."""
    media_root = tmp_path_factory.mktemp("security-media")
    with override_settings(MEDIA_ROOT=media_root), django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            from awards.models import AwardRule
            from awards.services import catalog_load

            if not AwardRule.objects.exists():
                catalog_load()
            yield build_world(media_root)
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


# A module-scoped fixture other test folders can import by name.
security_world = pytest.fixture(scope="module", name="security_world")(world_fixture)
