"""Demo organisations drawn from the sample plans (plans/samples).

Thị xã Sơn Tây (son-tay-2020) had 9 wards and 6 communes ("15 tập thể … xã, phường") and the
offices its plan names as standing bodies of campaigns (§6.1). All were dissolved on 01/07/2025
with the district level. The signers of the three plans are recorded as people of their units.
"""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from organizations.models import TWO_TIER_REFORM_DATE, Council, Membership, Person, Unit
from organizations.services import membership_grant

# Letters and digits that cannot be mistaken for each other when read off a screen.
PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # noqa: S105
SON_TAY = "Thị xã Sơn Tây"
SON_TAY_WARDS = [
    "Phường Lê Lợi", "Phường Ngô Quyền", "Phường Phú Thịnh", "Phường Quang Trung",
    "Phường Sơn Lộc", "Phường Trung Hưng", "Phường Trung Sơn Trầm", "Phường Viên Sơn",
    "Phường Xuân Khanh",
]  # fmt: skip
SON_TAY_COMMUNES = [
    "Xã Cổ Đông", "Xã Đường Lâm", "Xã Kim Sơn", "Xã Sơn Đông", "Xã Thanh Mỹ", "Xã Xuân Sơn",
]  # fmt: skip
SON_TAY_OFFICES = [
    ("Phòng Nội vụ thị xã Sơn Tây", Unit.Kind.DEPARTMENT),
    ("Phòng Kinh tế thị xã Sơn Tây", Unit.Kind.DEPARTMENT),
    ("Phòng Lao động - Thương binh và Xã hội thị xã Sơn Tây", Unit.Kind.DEPARTMENT),
    ("Phòng Văn hóa và Thông tin thị xã Sơn Tây", Unit.Kind.DEPARTMENT),
    ("Phòng Y tế thị xã Sơn Tây", Unit.Kind.DEPARTMENT),
    ("Phòng Giáo dục và Đào tạo thị xã Sơn Tây", Unit.Kind.DEPARTMENT),
    ("Công an thị xã Sơn Tây", Unit.Kind.AGENCY),
    ("Ban Chỉ huy Quân sự thị xã Sơn Tây", Unit.Kind.AGENCY),
]
# Units of Phường Phú Lãm that send award dossiers to the ward's council (phu-lam-2022 §C).
PHU_LAM = "Phường Phú Lãm"
PHU_LAM_UNITS = [
    ("Trường THCS Phú Lãm", Unit.Kind.SCHOOL),
    ("Trường Tiểu học Phú Lãm", Unit.Kind.SCHOOL),
    ("Trạm Y tế phường Phú Lãm", Unit.Kind.AGENCY),
    ("Tổ dân phố số 1 phường Phú Lãm", Unit.Kind.RESIDENTIAL_GROUP),
    ("Tổ dân phố số 2 phường Phú Lãm", Unit.Kind.RESIDENTIAL_GROUP),
    ("Tổ dân phố số 5 phường Phú Lãm", Unit.Kind.RESIDENTIAL_GROUP),
]
COUNCILS = [
    ("Thị xã Sơn Tây", "Hội đồng Thi đua – Khen thưởng thị xã Sơn Tây"),
    ("Quận Hà Đông", "Hội đồng Thi đua – Khen thưởng quận Hà Đông"),
    ("Phường Phú Lãm", "Hội đồng Thi đua – Khen thưởng phường Phú Lãm"),
    ("Thành phố Thái Nguyên", "Hội đồng Thi đua – Khen thưởng thành phố Thái Nguyên"),
    ("Xã Đồng Liên", "Hội đồng Thi đua – Khen thưởng xã Đồng Liên"),
]
SIGNERS = [
    ("Nguyễn Huy Khánh", Person.Gender.MALE, "Chủ tịch UBND thị xã", "Thị xã Sơn Tây"),
    ("Nguyễn Thị Thịnh", Person.Gender.FEMALE, "Chủ tịch UBND phường", "Phường Phú Lãm"),
    ("Tạ Văn Phin", Person.Gender.MALE, "Chủ tịch UBND xã", "Xã Đồng Liên"),
]
# (username, full name, role, unit names, superuser). The demo secretariat serves the councils
# of all three sample plans so that one login shows them all.
DEMO_USERS = [
    ("quantri", "Quản trị hệ thống", Membership.Role.ADMIN, [SON_TAY], True),
    (
        "thuongtruc",
        "Phan Thanh Tùy",
        Membership.Role.SECRETARIAT,
        [SON_TAY, "Phường Phú Lãm", "Xã Đồng Liên"],
        False,
    ),
    (
        "hoidong",
        "Thành viên Hội đồng",
        Membership.Role.COUNCIL_MEMBER,
        [SON_TAY, PHU_LAM],
        False,
    ),
    (
        "canbo",
        "Cán bộ phường Xuân Khanh",
        Membership.Role.UNIT_OFFICER,
        ["Phường Xuân Khanh"],
        False,
    ),
    # Officers of the other members of Sơn Tây's cluster no. 1 (campaigns/demo.py), who score.
    ("canbo_trunghung", "Cán bộ phường Trung Hưng", Membership.Role.UNIT_OFFICER,
     ["Phường Trung Hưng"], False),
    ("canbo_trungsontram", "Cán bộ phường Trung Sơn Trầm", Membership.Role.UNIT_OFFICER,
     ["Phường Trung Sơn Trầm"], False),
    ("canbo_vienson", "Cán bộ phường Viên Sơn", Membership.Role.UNIT_OFFICER,
     ["Phường Viên Sơn"], False),
    # The ward officer who prepares the award dossiers of Phú Lãm's units (dossiers/demo.py).
    ("canbo_phulam", "Cán bộ phường Phú Lãm", Membership.Role.UNIT_OFFICER, [PHU_LAM], False),
]  # fmt: skip


@dataclass(frozen=True)
class DemoAccount:
    """A demo login: its username, the password just set, its role label and unit names."""

    username: str
    password: str
    role: str
    unit: str


def _historical_unit(name: str) -> Unit:
    return Unit.objects.get(name=name, dissolved_on=TWO_TIER_REFORM_DATE)


@transaction.atomic
def load_demo_organizations() -> list[DemoAccount]:
    """Create the demo units, councils, people and one user per role; idempotent.

    Expects ``load_administrative_units`` to have run. Each call sets fresh random passwords
    for the demo users and returns them (they are printed once by the demo command).
    """
    son_tay = _historical_unit(SON_TAY)
    for name in SON_TAY_WARDS:
        _child(son_tay, name, Unit.Kind.WARD)
    for name in SON_TAY_COMMUNES:
        _child(son_tay, name, Unit.Kind.COMMUNE)
    for name, kind in SON_TAY_OFFICES:
        _child(son_tay, name, kind)
    phu_lam = _historical_unit(PHU_LAM)
    for name, kind in PHU_LAM_UNITS:
        _child(phu_lam, name, kind)
    for unit_name, council_name in COUNCILS:
        Council.objects.get_or_create(
            unit=_historical_unit(unit_name), defaults={"name": council_name}
        )
    for full_name, gender, position, unit_name in SIGNERS:
        Person.objects.get_or_create(
            full_name=full_name,
            unit=_historical_unit(unit_name),
            defaults={"gender": gender, "position": position},
        )
    return [_demo_user(*row) for row in DEMO_USERS]


def _child(parent: Unit, name: str, kind: str) -> Unit:
    unit, _ = Unit.objects.get_or_create(
        name=name, kind=kind, parent=parent, defaults={"dissolved_on": TWO_TIER_REFORM_DATE}
    )
    return unit


def _demo_user(username: str, full_name: str, role: str, unit_names: list[str], superuser: bool):
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(username=username)
    last, _, first = full_name.rpartition(" ")
    user.first_name, user.last_name = first, last
    user.email = f"{username}@example.com"
    user.is_staff = user.is_superuser = superuser
    password = "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(12))
    user.set_password(password)
    user.save()
    units = [_historical_unit(name) for name in unit_names]
    for unit in units:
        membership_grant(user=user, unit=unit, role=role)
    return DemoAccount(
        username=username,
        password=password,
        role=Membership.Role(role).label,
        unit=", ".join(unit.name for unit in units),
    )
