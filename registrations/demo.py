"""Demo registrations of Thị xã Sơn Tây for 2020 (son-tay-2020 §5–7).

The council launches its regular annual campaign ("thi đua thường xuyên") for every unit of the
town and opens registrations until the date of the plan's schedule task 6 (28/02/2020). The
units of clusters 1 and 2 register in every state a reviewer meets:

- cluster 1 (led by Phường Xuân Khanh, the demo user ``canbo``): its members were granted an
  extension so that the demo users can still act today; Trung Hưng has submitted (waiting for
  the leader), Trung Sơn Trầm is accepted, Viên Sơn has a draft, Xuân Khanh has not started;
- cluster 2: registered in time; two accepted, one returned with a reason, the rest missing.

Every other unit of the town has not registered: the overview lists them.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from awards.models import AwardForm, EmulationTitle
from campaigns.models import Campaign, Cluster
from campaigns.services.campaigns import campaign_create, campaign_launch
from organizations.models import Person, Unit
from registrations.models import RegistrationWindow
from registrations.services.cluster_lists import cluster_list_of
from registrations.services.registrations import (
    EntryInput,
    entries_replace,
    registration_accept,
    registration_return,
    registration_start,
    registration_submit,
)
from registrations.services.windows import extension_grant, window_open

REGULAR_CAMPAIGN = "Thi đua thường xuyên thực hiện nhiệm vụ công tác năm 2020"
IN_TIME = datetime.date(2020, 2, 20)
EXTENSION_REASON = "Dữ liệu minh họa: gia hạn để người dùng thử thao tác trên hệ thống."
# unit → (state, [(full name, birth year, position, award code, initiative)], collective award,
# model name)
UNITS = {
    "Phường Trung Hưng": (
        "submitted",
        [
            ("Nguyễn Thị Lan", 1982, "Công chức Văn phòng – Thống kê", "advanced_worker", ""),
            ("Đỗ Văn Hùng", 1978, "Phó Chủ tịch UBND phường", "emulation_fighter_grassroots",
             "Số hóa hồ sơ một cửa của phường"),
        ],
        "emulation_flag_provincial",
        "Tổ dân phố “Xanh – Sạch – Đẹp”",
    ),
    "Phường Trung Sơn Trầm": (
        "accepted",
        [("Phạm Thị Hằng", 1986, "Công chức Tư pháp – Hộ tịch", "advanced_worker", "")],
        "advanced_collective",
        "",
    ),
    "Phường Viên Sơn": (
        "draft",
        [("Lê Minh Tuấn", 1990, "Công chức Địa chính", "advanced_worker", "")],
        "advanced_collective",
        "",
    ),
    "Xã Đường Lâm": (
        "accepted",
        [("Hà Văn Bình", 1975, "Chủ tịch UBND xã", "certificate_of_commendation_provincial",
          "Bảo tồn làng cổ gắn với du lịch cộng đồng")],
        "emulation_flag_provincial",
        "Làng cổ Đường Lâm văn minh, thân thiện",
    ),
    "Xã Cổ Đông": (
        "accepted",
        [("Trần Thị Mai", 1988, "Công chức Văn hóa – Xã hội", "advanced_worker", "")],
        "advanced_collective",
        "",
    ),
    "Xã Kim Sơn": (
        "returned",
        [("Nguyễn Văn Sơn", 1980, "Chỉ huy trưởng Ban CHQS xã", "advanced_worker", "")],
        "excellent_collective",
        "",
    ),
}  # fmt: skip
RETURN_REASON = "Thiếu đăng ký của cán bộ, công chức khối Đảng, đoàn thể; bổ sung và gửi lại."


def _award(code: str):
    return EmulationTitle.objects.filter(code=code).first() or AwardForm.objects.get(code=code)


def _rows(unit: Unit, people: list, collective_award: str, model_name: str) -> list[EntryInput]:
    rows = [
        EntryInput(
            kind="collective",
            collective=unit,
            award=_award(collective_award),
            model_name=model_name,
        )
    ]
    for full_name, birth_year, position, code, initiative in people:
        person, _created = Person.objects.get_or_create(
            full_name=full_name,
            unit=unit,
            defaults={"birth_year": birth_year, "position": position},
        )
        rows.append(
            EntryInput(
                kind="individual", person=person, award=_award(code), initiative_name=initiative
            )
        )
    return rows


@transaction.atomic
def load_demo_registrations(*, today: datetime.date | None = None) -> RegistrationWindow:
    """Create the regular campaign, its window and the demo registrations; idempotent (nothing
    is changed once the window exists). Expects the demo campaigns and clusters
    (campaigns.demo). Returns the window."""
    cluster = Cluster.objects.select_related("council__unit").get(year=2020, number=1)
    council = cluster.council
    existing = RegistrationWindow.objects.filter(
        campaign__council=council, campaign__name=REGULAR_CAMPAIGN
    ).first()
    if existing is not None:
        return existing
    today = today or timezone.localdate()
    town = council.unit
    campaign = campaign_create(
        council=council,
        actor=None,
        participants=Unit.objects.filter(parent=town),
        name=REGULAR_CAMPAIGN,
        kind=Campaign.Kind.REGULAR,
        year=2020,
        plan=cluster.plan,
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2020, 12, 31),
    )
    campaign = campaign_launch(campaign=campaign, actor=None)
    window = window_open(campaign=campaign, actor=None)
    extension = today + datetime.timedelta(days=60)
    units = {unit.name: unit for unit in Unit.objects.filter(parent=town)}
    members = set(cluster.members.values_list("name", flat=True))
    for name in members:
        registration = registration_start(window=window, unit=units[name])
        extension_grant(target=registration, until=extension, reason=EXTENSION_REASON, actor=None)
    for name, (state, people, collective_award, model_name) in UNITS.items():
        registration = registration_start(window=window, unit=units[name])
        entries_replace(
            registration=registration, rows=_rows(units[name], people, collective_award, model_name)
        )
        if state == "draft":
            continue
        day = today if name in members else IN_TIME
        registration = registration_submit(registration=registration, actor=None, today=day)
        if state == "accepted":
            registration_accept(registration=registration, actor=None)
        elif state == "returned":
            registration_return(registration=registration, actor=None, reason=RETURN_REASON)
    cluster_list = cluster_list_of(window=window, cluster=cluster)
    extension_grant(target=cluster_list, until=extension, reason=EXTENSION_REASON, actor=None)
    return window
