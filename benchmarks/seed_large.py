"""A nation-sized data set on PostgreSQL, for the load benchmark (benchmarks/load.py).

Run from the repository root::

    .venv/bin/python benchmarks/seed_large.py \\
        --database-url postgres://postgres@127.0.0.1:5432/tdkt_load [--scale 1.0] [--focus 5]

The database named by ``--database-url`` (default ``$DATABASE_URL``) is DROPPED and created
again, migrated, filled, analysed (``VACUUM ANALYZE``) and marked with a comment holding the
parameters (``seed_marker`` reads it back, so load.py can reuse a seeded database). Its name must
contain "load" unless ``--force`` is given. Django runs with config/settings/loadtest.py (the
production settings over plain HTTP), so the passwords are hashed as in production.

What it makes, at ``--scale 1.0`` (the counts marked * are multiplied by the scale):

- every province and commune, ward and special zone of Vietnam (34 and 3,321,
  ``organizations.services.load_administrative_units``), a council for each province;
- users, all with the password ``LOAD_PASSWORD``: ``load_secretariat`` (secretariat of the
  province under test, ``LOAD_PROVINCE`` = Thành phố Hồ Chí Minh, the largest: 168 wards and
  communes; its second factor is an authenticator app of key ``LOAD_TOTP_KEY``),
  ``load_officer_1`` … ``load_officer_20`` (unit officers of its first 20 wards by code), an
  officer for each of its other wards and for one commune in ten elsewhere (``canbo_<code>``),
  a secretariat member for every other council (``thuongtruc_<code>``);
- 200,000* people, 100,000* registration lines, 10,000* award dossiers, 100,000* grants and
  50* clusters (at least 2 a year), over the five years ending this year. The activity is spread
  over the communes with the province under test weighing ``--focus`` times a commune elsewhere
  (default 5: it holds about a fifth of every record, the worst case of the country), so the
  pages measured by load.py see a large council;
- registrations: the council's regular campaign of every year (ended, launched this year) with
  its window, all communes of the province taking part; registrations in several states
  (accepted, submitted, returned, draft) with collective and individual lines; this year's
  thematic campaign of the province under test is open for another 30 days and each
  ``load_officer_N`` has a draft registration in it (what the phone's autosave posts to);
- review rounds (three a year in the province under test, one elsewhere) and dossiers in every
  state with 1–5 nominations, their versions, attachments (rows only, one shared file), state
  changes, review comments, council sessions with votes, and the grants of the decisions;
- grants: commune decisions each year (Advanced Worker, Grassroots Fighter, Giấy khen,
  Advanced Collective), one in a hundred revoked, plus the grants of the dossiers decided;
- clusters of the province under test (members, leader, deputy, five scoring criteria; results
  and the acclaimed leading unit for the closed years);
- this year's deadlines of every council (reminders), owed by each of its communes.

Rows are written with PostgreSQL ``COPY`` (ids reserved from each table's sequence), so a full
run takes minutes. Numbers are drawn from a seeded generator: two runs make the same data.
"""

import argparse
import datetime
import json
import math
import os
import random
import secrets
import sys
import time
from collections import defaultdict
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path[0] = str(REPO)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/tdkt_load"
MARKER = "tdkt seed_large"
LOAD_PROVINCE = "79"  # Thành phố Hồ Chí Minh: 168 wards, communes and special zones
LOAD_OFFICERS = 20
LOAD_PASSWORD = "Tai-tai-2026!"  # noqa: S105 - throwaway accounts of a throwaway database
# The authenticator key of load_secretariat (django-otp TOTPDevice, hex): the second factor that
# managing roles pass after the password (security app).
LOAD_TOTP_KEY = "6c6f61642d746573742d746f74702d6b65792d3230"
SECRETARIAT = "load_secretariat"
OFFICER = "load_officer_{n}"
PEOPLE = 200_000
LINES = 100_000
DOSSIERS = 10_000
GRANTS = 100_000
CLUSTERS = 50
YEARS = 5
LOAD_ROUNDS_PER_YEAR = 3
OTHER_OFFICER_SHARE = 10  # one commune in ten outside the province under test has an officer
SEED = 20_251_121

# fmt: off
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
          "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trương", "Cao", "Mai")
MIDDLE = {
    "male": ("Văn", "Hữu", "Đức", "Minh", "Quốc", "Thành", "Công", "Xuân"),
    "female": ("Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Bích", "Hồng"),
}
GIVEN = {
    "male": ("Hùng", "Dũng", "Tuấn", "Nam", "Sơn", "Long", "Hải", "Phong", "Khoa", "Bình",
             "Trung", "Quang", "Tâm", "Hiếu", "Thắng", "Toàn", "Vinh", "Khánh", "Lộc", "Phúc"),
    "female": ("Lan", "Hương", "Mai", "Hà", "Thảo", "Trang", "Linh", "Ngọc", "Hằng", "Yến",
               "Nga", "Vy", "Phương", "Hạnh", "Hoa", "Loan", "Nhung", "Thủy", "Dung", "Oanh"),
}
# fmt: on
POSITIONS = (
    "Chủ tịch UBND",
    "Phó Chủ tịch UBND",
    "Công chức Văn phòng – Thống kê",
    "Công chức Tư pháp – Hộ tịch",
    "Công chức Địa chính – Xây dựng",
    "Công chức Văn hóa – Xã hội",
    "Công chức Tài chính – Kế toán",
    "Giáo viên",
    "Bác sĩ",
    "Tổ trưởng tổ dân phố",
    "Chỉ huy trưởng Ban Chỉ huy Quân sự",
    "Cán bộ Đoàn Thanh niên",
)
INITIATIVES = (
    "Số hóa hồ sơ một cửa",
    "Ứng dụng mã QR trong tiếp nhận hồ sơ",
    "Sổ tay điện tử của tổ dân phố",
    "Mô hình dân vận khéo trong giải phóng mặt bằng",
    "Quản lý đô thị bằng bản đồ số",
)
MODELS = ("Khu phố “Xanh – Sạch – Đẹp”", "Phường thông minh", "Chợ văn minh, an toàn thực phẩm")
SAMPLE_FILE = "loadtest/ho-so-mau.pdf"

# Dossier states drawn for a round of this year and of a past year (weights in percent).
CURRENT_STATES = {
    "draft": 15,
    "submitted": 20,
    "in_appraisal": 15,
    "returned": 10,
    "appraised": 10,
    "at_council": 8,
    "decided": 5,
    "decision_issued": 10,
    "withdrawn": 7,
}
PAST_STATES = {"decision_issued": 80, "withdrawn": 8, "returned": 6, "draft": 6}
# The state changes that lead to each state, in order.
PATHS = {
    "draft": [],
    "submitted": [("draft", "submitted")],
    "in_appraisal": [("draft", "submitted"), ("submitted", "in_appraisal")],
    "returned": [
        ("draft", "submitted"),
        ("submitted", "in_appraisal"),
        ("in_appraisal", "returned"),
    ],
    "appraised": [
        ("draft", "submitted"),
        ("submitted", "in_appraisal"),
        ("in_appraisal", "appraised"),
    ],
    "withdrawn": [("draft", "submitted"), ("submitted", "withdrawn")],
}
PATHS["at_council"] = [*PATHS["appraised"], ("appraised", "at_council")]
PATHS["decided"] = [*PATHS["at_council"], ("at_council", "decided")]
PATHS["decision_issued"] = [*PATHS["decided"], ("decided", "decision_issued")]
APPRAISED = ("appraised", "at_council", "decided", "decision_issued")
VOTED = ("decided", "decision_issued")
# Registration states of a past year's window and of this year's (weights in percent).
PAST_REGISTRATIONS = {"accepted": 85, "submitted": 5, "returned": 5, "draft": 5}
CURRENT_REGISTRATIONS = {"accepted": 60, "submitted": 15, "returned": 10, "draft": 15}


def seed_marker(database_url: str) -> dict | None:
    """The parameters ``seed`` left in the database's comment (``{"scale", "focus", "at",
    …}``), or None when the database does not exist or was not made by it."""
    import psycopg

    name = urlsplit(database_url).path.lstrip("/")
    with psycopg.connect(_maintenance_url(database_url), autocommit=True) as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [name],
        ).fetchone()
    if not row or not row[0] or not row[0].startswith(MARKER):
        return None
    return json.loads(row[0].removeprefix(MARKER))


def _maintenance_url(database_url: str) -> str:
    return urlsplit(database_url)._replace(path="/postgres").geturl()


def drop_database(database_url: str) -> None:
    """Drop the database of ``database_url`` if it exists (closing its sessions)."""
    import psycopg
    from psycopg import sql

    name = urlsplit(database_url).path.lstrip("/")
    with psycopg.connect(_maintenance_url(database_url), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def recreate_database(database_url: str) -> None:
    """Drop the database of ``database_url`` (closing its sessions) and create it empty."""
    import psycopg
    from psycopg import sql

    drop_database(database_url)
    name = urlsplit(database_url).path.lstrip("/")
    with psycopg.connect(_maintenance_url(database_url), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def settings_module() -> str:
    """The settings the seed and the server run with: ``$LOAD_SETTINGS_MODULE``, by default
    config/settings/loadtest.py."""
    return os.environ.get("LOAD_SETTINGS_MODULE") or "config.settings.loadtest"


def setup_django(database_url: str) -> None:
    """Django with the load-test settings (``settings_module``) on ``database_url``."""
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module()
    # Seeding signs nothing; a server started on the data brings its own key (load.py).
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    import django

    django.setup()


# --- Writing -------------------------------------------------------------------------------------


def copy_rows(model, rows: list[dict]) -> list[int]:
    """Write ``rows`` (dicts of field attnames → values) into ``model``'s table with ``COPY``,
    with ids reserved from the table's sequence; returns the ids in the order of ``rows``.

    A field missing from a row gets its default (``""`` for text), ``now`` for ``auto_now`` and
    ``auto_now_add`` fields; lists and dicts are written as JSON. PostgreSQL only."""
    from django.db import connection
    from django.utils import timezone

    if not rows:
        return []
    meta = model._meta
    table = meta.db_table
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, meta.pk.column])
        (sequence,) = cursor.fetchone()
        cursor.execute("SELECT nextval(%s)", [sequence])
        (first,) = cursor.fetchone()
        cursor.execute("SELECT setval(%s, %s)", [sequence, first + len(rows) - 1])
    ids = list(range(first, first + len(rows)))

    def filler(field):
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return lambda: now
        return field.get_default

    defaults = [(field.attname, filler(field)) for field in fields]
    columns = ", ".join(f'"{c}"' for c in [meta.pk.column, *(f.column for f in fields)])
    connection.ensure_connection()
    with (
        connection.connection.cursor() as raw,
        raw.copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy,
    ):
        for pk, row in zip(ids, rows, strict=True):
            values = [pk]
            for attname, default in defaults:
                value = row[attname] if attname in row else default()
                if isinstance(value, (list, dict)):
                    value = json.dumps(value, ensure_ascii=False)
                values.append(value)
            copy.write_row(values)
    return ids


def spread(total: int, weights: list[float]) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainders; sums to ``total``)."""
    whole = sum(weights)
    if not whole:
        return [0] * len(weights)
    shares = [total * w / whole for w in weights]
    counts = [math.floor(s) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: shares[i] - counts[i], reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def pick(rng: random.Random, weights: dict[str, int]) -> str:
    """One key of ``weights`` drawn in proportion to its weight."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


@cache
def _key(text: str) -> str:
    from common.text import search_key

    return search_key(text)


def aware(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    """``day`` at ``hour``:``minute`` in the project's time zone."""
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


# --- The data ------------------------------------------------------------------------------------


class Seeder:
    """Builds the data set of the module docstring; each step prints its count and time."""

    def __init__(self, *, scale: float, focus: float, today: datetime.date):
        self.scale, self.focus, self.today = scale, focus, today
        self.year = today.year
        self.years = list(range(self.year - YEARS + 1, self.year + 1))
        self.rng = random.Random(SEED)
        self.made: dict[str, int] = {}
        self.timings: list[tuple[str, float]] = []

    def n(self, full: int, minimum: int = 1) -> int:
        """``full`` at the run's scale, at least ``minimum``."""
        return max(minimum, round(full * self.scale))

    def step(self, name: str, function) -> None:
        start = time.perf_counter()
        function()
        seconds = time.perf_counter() - start
        self.timings.append((name, seconds))
        print(f"  {name:<34} {seconds:6.1f} s", flush=True)

    def count(self, label: str, rows) -> None:
        self.made[label] = self.made.get(label, 0) + len(rows)

    def run(self) -> None:
        for name, function in (
            ("units and councils", self.units),
            ("users and memberships", self.users),
            ("people", self.people),
            ("campaigns, windows, clusters", self.campaigns),
            ("registrations and lines", self.registrations),
            ("rounds, dossiers, nominations", self.dossiers),
            ("decisions and grants", self.grants),
            ("deadlines", self.deadlines),
        ):
            self.step(name, function)

    # Units, councils ------------------------------------------------------------------------------

    def units(self) -> None:
        from organizations.models import Council, Unit
        from organizations.services import load_administrative_units

        load_administrative_units()
        provinces = list(
            Unit.objects.filter(kind=Unit.Kind.PROVINCE, dissolved_on__isnull=True).order_by("code")
        )
        self.province_of = {p.pk: p for p in provinces}
        communes = Unit.objects.filter(
            kind__in=(Unit.Kind.COMMUNE, Unit.Kind.WARD, Unit.Kind.SPECIAL_ZONE),
            dissolved_on__isnull=True,
            parent__in=provinces,
        ).order_by("code")
        self.communes: dict[int, list[Unit]] = defaultdict(list)
        for commune in communes:
            self.communes[commune.parent_id].append(commune)
        self.all_communes = [c for p in provinces for c in self.communes[p.pk]]
        self.load_province = next(p for p in provinces if p.code == LOAD_PROVINCE)
        self.load_wards = self.communes[self.load_province.pk]
        self.weight = {
            c.pk: self.focus if c.parent_id == self.load_province.pk else 1.0
            for c in self.all_communes
        }
        councils = Council.objects.bulk_create(
            Council(unit=p, name=f"Hội đồng Thi đua – Khen thưởng {p.name}") for p in provinces
        )
        self.council_of = {c.unit_id: c for c in councils}
        self.load_council = self.council_of[self.load_province.pk]
        self.made["provinces"] = len(provinces)
        self.made["communes, wards, special zones"] = len(self.all_communes)
        self.made["councils"] = len(councils)

    # Users ----------------------------------------------------------------------------------------

    def users(self) -> None:
        from django.contrib.auth import get_user_model
        from django.contrib.auth.hashers import make_password

        from organizations.models import Membership

        password = make_password(LOAD_PASSWORD)  # one hash (PBKDF2) for every account
        rows, memberships = [], []

        def user(username: str, unit, role: str, first: str = "", last: str = "") -> None:
            rows.append(
                {
                    "username": username,
                    "password": password,
                    "email": f"{username}@tdkt.example.vn",
                    "first_name": first,
                    "last_name": last,
                    "is_active": True,
                }
            )
            memberships.append((unit.pk, role))

        user(SECRETARIAT, self.load_province, Membership.Role.SECRETARIAT, "Thu", "Trần Thị")
        for n, ward in enumerate(self.load_wards[:LOAD_OFFICERS], start=1):
            user(OFFICER.format(n=n), ward, Membership.Role.UNIT_OFFICER, f"Cán bộ {n}")
        for ward in self.load_wards[LOAD_OFFICERS:]:
            user(f"canbo_{ward.code}", ward, Membership.Role.UNIT_OFFICER)
        for province in self.province_of.values():
            if province.pk == self.load_province.pk:
                continue
            user(f"thuongtruc_{province.code}", province, Membership.Role.SECRETARIAT)
            for commune in self.communes[province.pk][::OTHER_OFFICER_SHARE]:
                user(f"canbo_{commune.code}", commune, Membership.Role.UNIT_OFFICER)
        ids = copy_rows(get_user_model(), rows)
        copy_rows(
            Membership,
            [
                {"user_id": uid, "unit_id": unit_id, "role": role}
                for uid, (unit_id, role) in zip(ids, memberships, strict=True)
            ],
        )
        self.user_of = {row["username"]: uid for row, uid in zip(rows, ids, strict=True)}
        self.officer_of = {
            unit_id: uid
            for uid, (unit_id, role) in zip(ids, memberships, strict=True)
            if role == Membership.Role.UNIT_OFFICER
        }
        self.secretariat_of = {
            unit_id: uid
            for uid, (unit_id, role) in zip(ids, memberships, strict=True)
            if role == Membership.Role.SECRETARIAT
        }
        self.made["users (password LOAD_PASSWORD)"] = len(ids)
        from django.apps import apps

        if apps.is_installed("django_otp.plugins.otp_totp"):
            from django_otp.plugins.otp_totp.models import TOTPDevice

            TOTPDevice.objects.create(
                user_id=self.user_of[SECRETARIAT],
                name="Load test",
                key=LOAD_TOTP_KEY,
                confirmed=True,
            )
            self.made["authenticator devices"] = 1

    # People ---------------------------------------------------------------------------------------

    def people(self) -> None:
        from organizations.models import Person

        rng = self.rng
        counts = spread(self.n(PEOPLE), [self.weight[c.pk] for c in self.all_communes])
        rows, owners = [], []
        for commune, count in zip(self.all_communes, counts, strict=True):
            for _ in range(count):
                gender = "female" if rng.random() < 0.5 else "male"
                name = (
                    f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
                )
                rows.append(
                    {
                        "full_name": name,
                        "search_name": _key(name),
                        "gender": gender,
                        "birth_year": rng.randint(1962, 2002),
                        "position": rng.choice(POSITIONS),
                        "unit_id": commune.pk,
                    }
                )
                owners.append(commune.pk)
        ids = copy_rows(Person, rows)
        self.people_of: dict[int, list[int]] = defaultdict(list)
        for pk, unit_id in zip(ids, owners, strict=True):
            self.people_of[unit_id].append(pk)
        self.person_name = {pk: row["full_name"] for pk, row in zip(ids, rows, strict=True)}
        self.made["people"] = len(ids)

    # Campaigns, windows, clusters -----------------------------------------------------------------

    def campaigns(self) -> None:
        from campaigns.models import (
            Acclamation,
            Campaign,
            Cluster,
            ClusterResult,
            ScoringCriterion,
        )
        from registrations.models import RegistrationWindow

        rng, year = self.rng, self.year
        campaigns, keys = [], []
        for province in self.province_of.values():
            council = self.council_of[province.pk]
            for y in self.years:
                current = y == year
                campaigns.append(
                    {
                        "council_id": council.pk,
                        "name": f"Phong trào thi đua thường xuyên năm {y}",
                        "kind": Campaign.Kind.REGULAR,
                        "year": y,
                        "lead_unit_id": province.pk,
                        "starts_on": datetime.date(y, 1, 1),
                        "ends_on": datetime.date(y, 12, 31),
                        "annual_review_on": datetime.date(y, 12, 20),
                        "status": Campaign.Status.LAUNCHED if current else Campaign.Status.ENDED,
                        "launched_at": aware(datetime.date(y, 1, 5)),
                        "created_by_id": self.secretariat_of[province.pk],
                    }
                )
                keys.append((province.pk, y, "regular"))
        campaigns.append(
            {
                "council_id": self.load_council.pk,
                "name": f"Thi đua chuyên đề “Chuyển đổi số” năm {year}",
                "kind": Campaign.Kind.THEMATIC,
                "year": year,
                "lead_unit_id": self.load_province.pk,
                "criteria": [
                    {"name": "Hồ sơ trực tuyến", "weight": 60},
                    {"name": "Thanh toán không dùng tiền mặt", "weight": 40},
                ],
                "starts_on": self.today - datetime.timedelta(days=30),
                "ends_on": datetime.date(year, 12, 31),
                "status": Campaign.Status.LAUNCHED,
                "launched_at": aware(self.today - datetime.timedelta(days=30)),
                "created_by_id": self.user_of[SECRETARIAT],
            }
        )
        keys.append((self.load_province.pk, year, "thematic"))
        ids = copy_rows(Campaign, campaigns)
        self.campaign_of = dict(zip(keys, ids, strict=True))
        participants = []
        for (province_pk, _y, kind), pk in self.campaign_of.items():
            units = self.load_wards if kind == "thematic" else self.communes[province_pk]
            participants += [{"campaign_id": pk, "unit_id": u.pk} for u in units]
        copy_rows(Campaign.participants.through, participants)
        windows, window_keys = [], []
        for (province_pk, y, kind), pk in self.campaign_of.items():
            if kind == "regular":
                opens, closes = datetime.date(y, 1, 5), datetime.date(y, 2, 28)
            else:
                opens = self.today - datetime.timedelta(days=10)
                closes = self.today + datetime.timedelta(days=30)
            windows.append(
                {
                    "campaign_id": pk,
                    "opens_on": opens,
                    "closes_on": closes,
                    "created_by_id": self.secretariat_of[province_pk],
                }
            )
            window_keys.append((province_pk, y, kind))
        self.window_of = dict(zip(window_keys, copy_rows(RegistrationWindow, windows), strict=True))
        self.made["campaigns"] = len(ids)
        self.made["campaign participants"] = len(participants)
        self.made["registration windows"] = len(windows)

        # Clusters of the province under test: the same partition of its wards every year.
        per_year = max(2, round(CLUSTERS * self.scale / len(self.years)))
        groups = [self.load_wards[i::per_year] for i in range(per_year)]
        clusters, members = [], []
        for y in self.years:
            for number, group in enumerate(groups, start=1):
                leader = group[(y - self.years[0]) % len(group)]
                deputy = group[(y - self.years[0] + 1) % len(group)]
                closed = y < year
                clusters.append(
                    {
                        "council_id": self.load_council.pk,
                        "year": y,
                        "kind": Cluster.Kind.CLUSTER,
                        "number": number,
                        "name": f"Cụm thi đua số {number}",
                        "leader_id": leader.pk,
                        "deputy_id": deputy.pk,
                        "scoring_status": Cluster.ScoringStatus.CLOSED
                        if closed
                        else Cluster.ScoringStatus.OPEN,
                        "scoring_closed_at": aware(datetime.date(y, 12, 10)) if closed else None,
                        "elected_on": datetime.date(y - 1, 12, 20),
                    }
                )
                members.append((y, group, closed))
        cluster_ids = copy_rows(Cluster, clusters)
        self.cluster_of: dict[tuple[int, int], int] = {}
        member_rows, criteria, results, acclamations = [], [], [], []
        for pk, (y, group, closed) in zip(cluster_ids, members, strict=True):
            for unit in group:
                member_rows.append({"cluster_id": pk, "unit_id": unit.pk})
                self.cluster_of[(y, unit.pk)] = pk
            for order, (name, kind, points) in enumerate(
                (
                    ("Thực hiện nhiệm vụ chính trị", "base", 40),
                    ("Cải cách hành chính", "base", 30),
                    ("Phong trào thi đua", "base", 30),
                    ("Điểm thưởng", "bonus", 5),
                    ("Điểm trừ", "penalty", 5),
                ),
                start=1,
            ):
                criteria.append(
                    {
                        "cluster_id": pk,
                        "order": order,
                        "name": name,
                        "kind": kind,
                        "max_points": points,
                    }
                )
            if closed:
                totals = sorted(
                    ((round(rng.uniform(80, 105), 2), unit) for unit in group),
                    key=lambda item: -item[0],
                )
                for rank, (total, unit) in enumerate(totals, start=1):
                    results.append(
                        {
                            "cluster_id": pk,
                            "unit_id": unit.pk,
                            "self_total": total,
                            "cross_total": total,
                            "total": total,
                            "rank": rank,
                        }
                    )
                acclamations.append(
                    {
                        "cluster_id": pk,
                        "held_on": datetime.date(y, 12, 20),
                        "winner_id": totals[0][1].pk,
                        "minutes": "Hội nghị tổng kết cụm: bình xét, suy tôn đơn vị dẫn đầu.",
                        "recorded_at": aware(datetime.date(y, 12, 20), 16),
                    }
                )
        copy_rows(Cluster.members.through, member_rows)
        copy_rows(ScoringCriterion, criteria)
        copy_rows(ClusterResult, results)
        copy_rows(Acclamation, acclamations)
        self.made["clusters"] = len(cluster_ids)
        self.made["cluster members"] = len(member_rows)
        self.made["cluster results"] = len(results)

    # Registrations --------------------------------------------------------------------------------

    def registrations(self) -> None:
        from django.contrib.contenttypes.models import ContentType

        from awards.models import AwardForm, EmulationTitle
        from common.models import StateChange
        from registrations.models import Registration, RegistrationEntry

        rng, year = self.rng, self.year
        titles = dict(EmulationTitle.objects.values_list("code", "pk"))
        forms = dict(AwardForm.objects.values_list("code", "pk"))
        load_pk = self.load_province.pk
        total = self.n(LINES)
        # Lines per registration: ~6 for a commune, ``focus`` times that in the province under
        # test, so that its share of the lines follows its weight.
        slots = [
            (c, y) for y in self.years for c in self.all_communes
        ]  # (commune, year) of every regular window
        weights = [self.weight[c.pk] for c, _y in slots]
        share_load = sum(
            w for w, (c, _y) in zip(weights, slots, strict=True) if c.parent_id == load_pk
        ) / sum(weights)
        plan = []
        for in_load in (True, False):
            lines = round(total * share_load) if in_load else total - round(total * share_load)
            own = [s for s in slots if (s[0].parent_id == load_pk) == in_load]
            per = 6 * (self.focus if in_load else 1)
            count = min(len(own), max(1, round(lines / per)))
            chosen = rng.sample(own, count)
            for (commune, y), n_lines in zip(chosen, spread(lines, [1] * count), strict=True):
                plan.append((commune, y, max(1, n_lines)))
        registrations, entries_of = [], []
        for commune, y, n_lines in plan:
            states = CURRENT_REGISTRATIONS if y == year else PAST_REGISTRATIONS
            state = pick(rng, states)
            submitted = state != "draft"
            officer = self.officer_of.get(commune.pk)
            registrations.append(
                {
                    "window_id": self.window_of[(commune.parent_id, y, "regular")],
                    "unit_id": commune.pk,
                    "cluster_id": self.cluster_of.get((y, commune.pk)),
                    "status": state,
                    "return_reason": "Đề nghị bổ sung sáng kiến của cá nhân đăng ký."
                    if state == "returned"
                    else "",
                    "submitted_at": aware(datetime.date(y, 2, rng.randint(1, 27)))
                    if submitted
                    else None,
                    "submitted_by_id": officer if submitted else None,
                    "created_at": aware(datetime.date(y, 1, rng.randint(6, 31))),
                }
            )
            entries_of.append(self._lines(commune, n_lines, titles, forms))
        # The draft of each load officer in this year's thematic window.
        for n, ward in enumerate(self.load_wards[:LOAD_OFFICERS], start=1):
            registrations.append(
                {
                    "window_id": self.window_of[(load_pk, year, "thematic")],
                    "unit_id": ward.pk,
                    "cluster_id": self.cluster_of.get((year, ward.pk)),
                    "status": "draft",
                    "created_at": aware(self.today - datetime.timedelta(days=n % 7 + 1)),
                }
            )
            entries_of.append(self._lines(ward, 6, titles, forms))
        ids = copy_rows(Registration, registrations)
        entries = []
        for pk, lines in zip(ids, entries_of, strict=True):
            for order, line in enumerate(lines, start=1):
                entries.append({"registration_id": pk, "order": order, **line})
        copy_rows(RegistrationEntry, entries)
        content_type = ContentType.objects.get_for_model(Registration).pk
        changes = []
        for pk, row in zip(ids, registrations, strict=True):
            if row["status"] == "draft":
                continue
            changes.append(
                self._change(
                    content_type,
                    pk,
                    "draft",
                    "submitted",
                    row["submitted_by_id"],
                    row["submitted_at"],
                )
            )
            if row["status"] in ("accepted", "returned"):
                changes.append(
                    self._change(
                        content_type,
                        pk,
                        "submitted",
                        row["status"],
                        None,
                        row["submitted_at"] + datetime.timedelta(days=3),
                        row["return_reason"],
                    )
                )
        copy_rows(StateChange, changes)
        self.made["registrations"] = len(ids)
        self.made["registration lines"] = len(entries)
        self.made["state changes (registrations)"] = len(changes)

    def _lines(self, commune, n_lines: int, titles: dict, forms: dict) -> list[dict]:
        """A registration's lines: the commune as a collective, then its people."""
        rng = self.rng
        collective = rng.choice(
            ("advanced_collective", "excellent_collective", "emulation_flag_provincial")
        )
        lines = [
            {
                "kind": "collective",
                "collective_id": commune.pk,
                "title_id": titles[collective],
                "model_name": rng.choice(MODELS) if collective.startswith("emulation_flag") else "",
            }
        ]
        people = self.people_of[commune.pk]
        for person in rng.sample(people, min(len(people), n_lines - 1)):
            roll = rng.random()
            line = {"kind": "individual", "person_id": person}
            if roll < 0.7:
                line["title_id"] = titles["advanced_worker"]
            elif roll < 0.9:
                line["title_id"] = titles["emulation_fighter_grassroots"]
                line["initiative_name"] = rng.choice(INITIATIVES)
            else:
                line["form_id"] = forms["certificate_of_commendation_provincial"]
                line["initiative_name"] = rng.choice(INITIATIVES)
            lines.append(line)
        return lines

    @staticmethod
    def _change(content_type, pk, before, after, actor, at, reason="") -> dict:
        return {
            "content_type_id": content_type,
            "object_id": pk,
            "field": "status",
            "from_state": before,
            "to_state": after,
            "actor_id": actor,
            "reason": reason,
            "at": at,
        }

    # Rounds, dossiers -----------------------------------------------------------------------------

    def dossiers(self) -> None:
        from django.contrib.contenttypes.models import ContentType

        from awards.models import AwardForm, EmulationTitle
        from common.models import StateChange
        from dossiers.models import (
            Attachment,
            CouncilSession,
            Dossier,
            DossierVersion,
            Nomination,
            ReviewComment,
            Round,
            SessionMember,
            Vote,
        )

        rng, year = self.rng, self.year
        titles = {t.code: t for t in EmulationTitle.objects.all()}
        forms = {f.code: f for f in AwardForm.objects.all()}
        load_pk = self.load_province.pk
        # Rounds: three a year in the province under test, one elsewhere.
        rounds, round_keys = [], []
        for province in self.province_of.values():
            count = LOAD_ROUNDS_PER_YEAR if province.pk == load_pk else 1
            for y in self.years:
                for k in range(1, count + 1):
                    opens, closes = {
                        1: (datetime.date(y, 10, 1), datetime.date(y, 12, 15)),
                        2: (datetime.date(y, 4, 1), datetime.date(y, 5, 15)),
                        3: (datetime.date(y, 1, 1), datetime.date(y, 12, 31)),
                    }[k]
                    rounds.append(
                        {
                            "council_id": self.council_of[province.pk].pk,
                            "name": f"Khen thưởng năm {y} – đợt {k}",
                            "year": y,
                            "opens_on": opens,
                            "closes_on": closes,
                            "late_policy": Round.LatePolicy.ACCEPT_FLAGGED,
                            "created_by_id": self.secretariat_of[province.pk],
                            "created_at": aware(opens - datetime.timedelta(days=14)),
                        }
                    )
                    round_keys.append((province.pk, y, k))
        round_ids = copy_rows(Round, rounds)
        round_info = {
            pk: (key, row) for pk, key, row in zip(round_ids, round_keys, rounds, strict=True)
        }
        wanted = (
            "emulation_fighter_grassroots",
            "emulation_fighter_provincial",
            "excellent_collective",
        )
        copy_rows(
            Round.titles.through,
            [{"round_id": r, "emulationtitle_id": titles[c].pk} for r in round_ids for c in wanted],
        )
        copy_rows(
            Round.forms.through,
            [
                {"round_id": r, "awardform_id": forms["certificate_of_commendation_provincial"].pk}
                for r in round_ids
            ],
        )
        self.made["review rounds"] = len(round_ids)

        # Dossier slots: (round, commune); the province under test by its weight.
        by_province: dict[int, list[int]] = defaultdict(list)
        for pk, ((province_pk, _y, _k), _row) in round_info.items():
            by_province[province_pk].append(pk)
        load_slots = [(r, c) for r in by_province[load_pk] for c in self.load_wards]
        other_slots = [
            (r, c)
            for province_pk, pks in by_province.items()
            if province_pk != load_pk
            for r in pks
            for c in self.communes[province_pk]
        ]
        total = self.n(DOSSIERS)
        load_weight = self.focus * len(self.load_wards)
        in_load = round(
            total * load_weight / (load_weight + len(self.all_communes) - len(self.load_wards))
        )
        chosen = rng.sample(load_slots, min(in_load, len(load_slots)))
        chosen += rng.sample(other_slots, min(total - len(chosen), len(other_slots)))

        dossiers, plans = [], []
        for round_pk, commune in chosen:
            (province_pk, y, _k), round_row = round_info[round_pk]
            state = pick(rng, CURRENT_STATES if y == year else PAST_STATES)
            officer = self.officer_of.get(commune.pk)
            secretariat = self.secretariat_of[province_pk]
            opens, closes = round_row["opens_on"], round_row["closes_on"]
            if y == year:
                closes = min(closes, self.today)
                opens = min(opens, closes)
            span = max(0, (closes - opens).days)
            submitted_on = opens + datetime.timedelta(days=rng.randint(0, span))
            submitted = state != "draft"
            version = 0
            if submitted:
                version = 2 if state not in ("returned", "withdrawn") and rng.random() < 0.25 else 1
            dossiers.append(
                {
                    "round_id": round_pk,
                    "unit_id": commune.pk,
                    "status": state,
                    "version": version,
                    "assignee_id": secretariat
                    if state not in ("draft", "submitted", "withdrawn")
                    else None,
                    "submitted_at": aware(submitted_on, 10) if submitted else None,
                    "return_reason": "Hồ sơ chưa đủ căn cứ; đề nghị bổ sung và gửi lại."
                    if state == "returned"
                    else "",
                    "created_by_id": officer,
                    "created_at": aware(opens, 8),
                    "updated_at": aware(submitted_on, 11),
                }
            )
            plans.append((commune, state, officer, secretariat, submitted_on, y))
        dossier_ids = copy_rows(Dossier, dossiers)

        nominations, owners = [], []
        for pk, (commune, state, _o, _s, _d, _y) in zip(dossier_ids, plans, strict=True):
            count = rng.choice((1, 2, 3, 3, 4, 5))
            people = rng.sample(
                self.people_of[commune.pk], min(count, len(self.people_of[commune.pk]))
            )
            rows = []
            if rng.random() < 0.2 or not people:
                rows.append(
                    {"collective_id": commune.pk, "title_id": titles["excellent_collective"].pk}
                )
            for person in people[: count - len(rows)]:
                roll = rng.random()
                if roll < 0.4:
                    rows.append(
                        {"person_id": person, "title_id": titles["emulation_fighter_grassroots"].pk}
                    )
                elif roll < 0.7:
                    rows.append(
                        {"person_id": person, "title_id": titles["emulation_fighter_provincial"].pk}
                    )
                else:
                    pk_form = forms["certificate_of_commendation_provincial"].pk
                    rows.append({"person_id": person, "form_id": pk_form})
            for order, row in enumerate(rows, start=1):
                eligible = rng.random() < 0.9
                row.update(
                    {
                        "dossier_id": pk,
                        "order": order,
                        "summary": "Hoàn thành xuất sắc nhiệm vụ được giao; "
                        f"{rng.choice(INITIATIVES).lower()} được công nhận.",
                        "findings": []
                        if rng.random() < 0.6
                        else [
                            {
                                "code": "rating_missing",
                                "severity": "warning",
                                "message": "Chưa có kết quả đánh giá, xếp loại của năm.",
                                "citation": "Luật Thi đua, khen thưởng 2022, Điều 23",
                            }
                        ],
                        "appraisal": ("eligible" if eligible else "ineligible")
                        if state in APPRAISED
                        else "",
                        "appraisal_reason": ""
                        if eligible or state not in APPRAISED
                        else "Chưa đủ số năm liên tục đạt danh hiệu theo quy định.",
                        "council_result": ("approved" if eligible else "not_approved")
                        if state in VOTED
                        else "",
                    }
                )
                nominations.append(row)
                owners.append(pk)
        nomination_ids = copy_rows(Nomination, nominations)
        self.nominations_of: dict[int, list[tuple[int, dict]]] = defaultdict(list)
        for pk, row in zip(nomination_ids, nominations, strict=True):
            self.nominations_of[row["dossier_id"]].append((pk, row))

        content_type = ContentType.objects.get_for_model(Dossier).pk
        changes, versions, attachments, comments = [], [], [], []
        sessions_wanted: dict[int, set[str]] = defaultdict(set)
        award_name = {t.pk: t.name_vi for t in titles.values()}
        codes = {t.pk: t.code for t in titles.values()}
        form_codes = {f.pk: f.code for f in forms.values()}
        form_name = {f.pk: f.name_vi for f in forms.values()}
        unit_name = {c.pk: c.name for c in self.all_communes}
        for pk, row, (commune, state, officer, secretariat, day, _y) in zip(
            dossier_ids, dossiers, plans, strict=True
        ):
            at = aware(day, 10)
            for step, (before, after) in enumerate(PATHS[state]):
                actor = officer if after in ("submitted", "withdrawn") else secretariat
                reason = row["return_reason"] if after == "returned" else ""
                changes.append(
                    self._change(
                        content_type,
                        pk,
                        before,
                        after,
                        actor,
                        at + datetime.timedelta(days=2 * step),
                        reason,
                    )
                )
            noms = self.nominations_of[pk]
            items = (
                [("proposal_letter", None), ("meeting_minutes", None)] if state != "draft" else []
            )
            items += [("achievement_report", n) for n, _row in noms]
            for component, nomination in items:
                attachments.append(
                    {
                        "dossier_id": pk,
                        "nomination_id": nomination,
                        "component": component,
                        "file": SAMPLE_FILE,
                        "original_name": f"{component}.pdf",
                        "content_type": "application/pdf",
                        "size": 48_213,
                        "pages": 2,
                        "sha256": f"{pk:032x}{(nomination or 0):032x}",
                        "uploaded_by_id": officer,
                        "uploaded_at": at - datetime.timedelta(days=1),
                    }
                )
            for number in range(1, row["version"] + 1):
                snapshot_rows = [
                    {
                        "key": self._nomination_key(n, codes, form_codes),
                        "nominee": self.person_name.get(n.get("person_id"))
                        or unit_name[commune.pk],
                        "award": award_name.get(n.get("title_id")) or form_name[n["form_id"]],
                        "achievement": "merit",
                        "summary": n["summary"] if number == row["version"] else "Bản trước.",
                    }
                    for _pk, n in noms
                ]
                versions.append(
                    {
                        "dossier_id": pk,
                        "number": number,
                        "snapshot": {"nominations": snapshot_rows, "attachments": []},
                        "submitted_by_id": officer,
                        "submitted_at": at + datetime.timedelta(days=3 * (number - 1)),
                    }
                )
            if state == "returned":
                comments.append(
                    {
                        "dossier_id": pk,
                        "version": row["version"],
                        "component": "meeting_minutes",
                        "text": "Biên bản chưa ghi kết quả bỏ phiếu.",
                        "author_id": secretariat,
                        "created_at": at + datetime.timedelta(days=4),
                    }
                )
            if state in ("at_council", *VOTED):
                sessions_wanted[row["round_id"]].add("open" if state == "at_council" else "closed")
        copy_rows(StateChange, changes)
        copy_rows(DossierVersion, versions)
        copy_rows(Attachment, attachments)
        copy_rows(ReviewComment, comments)
        sample = Path(self._media_root()) / SAMPLE_FILE
        sample.parent.mkdir(parents=True, exist_ok=True)
        sample.write_bytes(_sample_pdf())

        sessions, session_keys = [], []
        for round_pk, kinds in sessions_wanted.items():
            (_p, _y, _k), round_row = round_info[round_pk]
            for kind in sorted(kinds):
                held = round_row["closes_on"] + datetime.timedelta(days=10)
                sessions.append(
                    {
                        "round_id": round_pk,
                        "held_on": min(held, self.today),
                        "place": "Hội trường Ủy ban nhân dân",
                        "chair_name": "Chủ tịch Hội đồng",
                        "secretary_name": "Ủy viên thường trực",
                        "closed_at": aware(min(held, self.today), 17) if kind == "closed" else None,
                        "created_by_id": round_row["created_by_id"],
                    }
                )
                session_keys.append((round_pk, kind))
        session_ids = dict(zip(session_keys, copy_rows(CouncilSession, sessions), strict=True))
        members = [
            {
                "session_id": pk,
                "full_name": f"Ủy viên Hội đồng {n}",
                "position": "Ủy viên",
                "present": n != 7,
                "order": n,
            }
            for pk in session_ids.values()
            for n in range(1, 10)
        ]
        copy_rows(SessionMember, members)
        votes = []
        for pk, row in zip(dossier_ids, dossiers, strict=True):
            if row["status"] in VOTED:
                session = session_ids[(row["round_id"], "closed")]
                for nomination_pk, n in self.nominations_of[pk]:
                    yes = 8 if n["council_result"] == "approved" else 3
                    votes.append(
                        {
                            "session_id": session,
                            "nomination_id": nomination_pk,
                            "yes": yes,
                            "no": 8 - yes,
                            "written_yes": 1,
                        }
                    )
        copy_rows(Vote, votes)
        self.dossier_rows = list(zip(dossier_ids, dossiers, plans, strict=True))
        self.round_info = round_info
        self.made["dossiers"] = len(dossier_ids)
        self.made["nominations"] = len(nomination_ids)
        self.made["dossier versions"] = len(versions)
        self.made["dossier attachments (rows)"] = len(attachments)
        self.made["state changes (dossiers)"] = len(changes)
        self.made["council sessions"] = len(sessions)
        self.made["votes"] = len(votes)

    @staticmethod
    def _nomination_key(row: dict, codes: dict, form_codes: dict) -> str:
        """``dossiers.versions.nomination_key`` of a nomination row."""
        if row.get("person_id"):
            nominee = f"person:{row['person_id']}"
        else:
            nominee = f"collective:{row['collective_id']}"
        award = (
            f"title:{codes[row['title_id']]}"
            if row.get("title_id")
            else f"form:{form_codes[row['form_id']]}"
        )
        return f"{nominee}|{award}"

    @staticmethod
    def _media_root() -> str:
        from django.conf import settings

        return str(settings.MEDIA_ROOT)

    # Grants ---------------------------------------------------------------------------------------

    def grants(self) -> None:
        from django.db import connection

        from awards.models import AwardDecision, AwardForm, AwardGrant, EmulationTitle
        from dossiers.models import Nomination

        rng = self.rng
        titles = dict(EmulationTitle.objects.values_list("code", "pk"))
        forms = dict(AwardForm.objects.values_list("code", "pk"))
        total = self.n(GRANTS)
        # The decisions of the dossiers decided: one per round, its approved nominations.
        decisions, decision_keys = [], []
        issued: dict[int, list[tuple[int, dict]]] = defaultdict(list)
        for pk, row, (_c, state, _o, _s, _day, _y) in self.dossier_rows:
            if state != "decision_issued":
                continue
            issued[row["round_id"]] += [
                (n_pk, n)
                for n_pk, n in self.nominations_of[pk]
                if n["council_result"] == "approved"
            ]
        for round_pk in issued:
            (province_pk, _y, _k), round_row = self.round_info[round_pk]
            province = self.province_of[province_pk]
            decisions.append(
                {
                    "number": f"{round_pk}/QĐ-UBND",
                    "date": min(round_row["closes_on"] + datetime.timedelta(days=20), self.today),
                    "authority": f"Chủ tịch UBND {province.name}",
                    "signer_name": "Chủ tịch Ủy ban nhân dân",
                    "issuing_unit_id": province_pk,
                }
            )
            decision_keys.append(round_pk)
        council_decisions = dict(
            zip(decision_keys, copy_rows(AwardDecision, decisions), strict=True)
        )
        grants, links = [], []
        for round_pk, approved in issued.items():
            (_p, y, _k), _row = self.round_info[round_pk]
            for nomination_pk, n in approved:
                grants.append(
                    {
                        "decision_id": council_decisions[round_pk],
                        "person_id": n.get("person_id"),
                        "unit_id": n.get("collective_id"),
                        "title_id": n.get("title_id"),
                        "form_id": n.get("form_id"),
                        "year": y,
                    }
                )
                links.append(nomination_pk)
        # The communes' own decisions: the rest of the grants, by year.
        remaining = max(0, total - len(grants))
        per_year = spread(remaining, [1] * len(self.years))
        all_people = [(p, unit) for unit, people in self.people_of.items() for p in people]
        commune_decision: dict[tuple[int, int], int] = {}
        commune_rows, commune_keys = [], []
        pending = []
        for y, count in zip(self.years, per_year, strict=True):
            collectives = min(count // 30, len(self.all_communes))
            for commune in rng.sample(self.all_communes, collectives):
                pending.append((y, commune.pk, None, "advanced_collective", None))
            for person, unit in rng.sample(all_people, min(count - collectives, len(all_people))):
                roll = rng.random()
                if roll < 0.72:
                    pending.append((y, unit, person, "advanced_worker", None))
                elif roll < 0.87:
                    pending.append((y, unit, person, "emulation_fighter_grassroots", None))
                else:
                    pending.append((y, unit, person, None, "certificate_of_merit"))
        for y, unit, _person, _t, _f in pending:
            if (y, unit) not in commune_decision:
                commune_decision[(y, unit)] = -1
                commune_rows.append(
                    {
                        "number": f"{unit}/{y}/QĐ-UBND",
                        "date": min(datetime.date(y, 12, 20), self.today),
                        "authority": "Chủ tịch UBND xã, phường",
                        "signer_name": "Chủ tịch Ủy ban nhân dân",
                        "issuing_unit_id": unit,
                    }
                )
                commune_keys.append((y, unit))
        commune_decision = dict(
            zip(commune_keys, copy_rows(AwardDecision, commune_rows), strict=True)
        )
        for y, unit, person, title, form in pending:
            revoked = rng.random() < 0.01
            grants.append(
                {
                    "decision_id": commune_decision[(y, unit)],
                    "person_id": person,
                    "unit_id": None if person else unit,
                    "title_id": titles[title] if title else None,
                    "form_id": forms[form] if form else None,
                    "year": y,
                    "revoked": revoked,
                    "revoked_on": min(datetime.date(y + 1, 6, 1), self.today) if revoked else None,
                    "revoked_reason": "Phát hiện kê khai thành tích không đúng." if revoked else "",
                }
            )
        grant_ids = copy_rows(AwardGrant, grants)
        # Each decided nomination points at its grant (the first len(links) grants).
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {Nomination._meta.db_table} AS n SET grant_id = v.g "  # noqa: S608
                "FROM unnest(%s::bigint[], %s::bigint[]) AS v(g, n) WHERE n.id = v.n",
                [grant_ids[: len(links)], links],
            )
        self.made["award decisions"] = len(decisions) + len(commune_rows)
        self.made["award grants"] = len(grant_ids)
        self.made["  of which from dossiers"] = len(links)

    # Deadlines ------------------------------------------------------------------------------------

    def deadlines(self) -> None:
        from reminders.models import Deadline, DeadlineUnit

        rows, owners = [], []
        for province in self.province_of.values():
            council = self.council_of[province.pk]
            for title, days in (
                (f"Báo cáo tổng kết công tác thi đua, khen thưởng năm {self.year}", 19),
                (f"Gửi hồ sơ đề nghị khen thưởng tổng kết năm {self.year}", 24),
            ):
                rows.append(
                    {
                        "kind": Deadline.Kind.OTHER,
                        "title": title,
                        "due_date": self.today + datetime.timedelta(days=days),
                        "offsets": "-7w, -3w, -1d, 0, +1d",
                        "council_id": council.pk,
                        "created_by_id": self.secretariat_of[province.pk],
                    }
                )
                owners.append(province.pk)
        ids = copy_rows(Deadline, rows)
        added = aware(self.today - datetime.timedelta(days=30))
        targets = [
            {"deadline_id": pk, "unit_id": commune.pk, "added_at": added}
            for pk, province_pk in zip(ids, owners, strict=True)
            for commune in self.communes[province_pk]
        ]
        copy_rows(DeadlineUnit, targets)
        self.made["deadlines"] = len(ids)
        self.made["deadline targets"] = len(targets)


def _sample_pdf() -> bytes:
    """A blank one-page PDF: the file every seeded attachment row names."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def seed(*, database_url: str, scale: float, focus: float) -> dict:
    """Recreate, migrate and fill the database (module docstring); returns the marker written
    in its comment: ``{"scale", "focus", "at", "seconds", "made": {label: count}}``."""
    start = time.perf_counter()
    recreate_database(database_url)
    setup_django(database_url)
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    step = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"  {'migrations':<34} {time.perf_counter() - step:6.1f} s", flush=True)
    seeder = Seeder(scale=scale, focus=focus, today=timezone.localdate())
    with transaction.atomic():
        seeder.run()
    step = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"  {'VACUUM ANALYZE':<34} {time.perf_counter() - step:6.1f} s", flush=True)
    marker = {
        "scale": scale,
        "focus": focus,
        "at": timezone.now().isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - start, 1),
        "made": seeder.made,
    }
    name = connection.settings_dict["NAME"]
    with connection.cursor() as cursor:
        cursor.execute(
            f'COMMENT ON DATABASE "{name}" IS %s',
            [MARKER + json.dumps(marker, ensure_ascii=False)],
        )
    return marker


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0: the full data set")
    parser.add_argument(
        "--focus",
        type=float,
        default=5.0,
        help="weight of a commune of the province under test against one elsewhere",
    )
    parser.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    )
    parser.add_argument("--force", action="store_true", help="allow a name without 'load'")
    args = parser.parse_args(argv)
    name = urlsplit(args.database_url).path.lstrip("/")
    if not urlsplit(args.database_url).scheme.startswith("postgres"):
        sys.exit("seed_large needs PostgreSQL (postgres://…)")
    if "load" not in name and not args.force:
        sys.exit(f"refusing to drop database {name!r}: its name has no 'load' (use --force)")
    print(f"seeding {name} at scale {args.scale} (focus {args.focus}); it is dropped first")
    marker = seed(database_url=args.database_url, scale=args.scale, focus=args.focus)
    print()
    width = max(len(label) for label in marker["made"])
    for label, count in marker["made"].items():
        print(f"  {label:<{width}} {count:>9,}")
    print(f"\nmade in {marker['seconds']:.1f} s (machine: {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
