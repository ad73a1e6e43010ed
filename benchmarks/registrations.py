"""Registration timings: a table, not a test.

Run from the repository root: ``.venv/bin/python benchmarks/registrations.py``. Django runs with
the test settings on a throwaway database (``benchmarks/eligibility.py``'s set-up):

* without ``DATABASE_URL``: a temporary SQLite file, migrated, deleted at the end;
* with ``DATABASE_URL`` (e.g. ``postgres://postgres@127.0.0.1:5432/tdkt_bench``): Django's test
  database machinery creates ``test_<name>`` next to it, migrates it and drops it at the end.

The data (``build_world``): a province, a district council, a ward with 40 residential groups
and 3,000 people on record, the district's regular campaign of 2025 with its registration window,
and the ward's draft registration; the ward's unit officer imports.

Measurements (``MEASUREMENTS``, run in order, each printing its steps against its target):

* ``measure_import``: a 20,000-line XLSX filled in from the real template (``import_workbook``:
  200 collectives, 3,000 lines for people on record, 16,800 lines for 14,800 new people,
  2,000 of whom register for two awards) read (``registration_workbook_read``), previewed
  (``registration_preview_build``) and saved (``registration_import_save``), with the queries
  of each step. Target: read + preview + save in at most 15 s.
* ``measure_overview``: the secretariat's overview page of a window with 3,321 communes in 50
  clusters (two thirds registered, 5 lines each), rendered through the test client: median of
  10 warm requests and its queries. Target: at most 300 ms on PostgreSQL.
"""

import io
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path[0] = str(REPO)

from benchmarks.eligibility import _setup_django  # noqa: E402 - needs the path set above

YEAR = 2025
GROUPS = 40
PEOPLE_ON_RECORD = 3_000
LINES = 20_000
COLLECTIVE_LINES = 200
RECORDED_LINES = 3_000
TWO_AWARDS = 2_000  # new people registering for two awards (four lines of five are theirs)
IMPORT_TARGET_S = 15.0
UNITS = 3_321
CLUSTERS = 50
OVERVIEW_RUNS = 10
OVERVIEW_TARGET_MS = 300.0


@dataclass
class World:
    """What the measurements work on."""

    registration: object
    officer: object
    ward: object
    groups: list
    recorded: list  # people on record, in the ward and its groups


@dataclass
class Step:
    """One timed step: wall-clock seconds and the number of queries it ran."""

    name: str
    seconds: float
    queries: int


@dataclass
class Measurement:
    """A measured operation: its steps, and the target for their total (seconds)."""

    title: str
    steps: list[Step] = field(default_factory=list)
    target_s: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        return sum(step.seconds for step in self.steps)


def timed(name: str, function: Callable[[], object]) -> tuple[Step, object]:
    """Run ``function`` once; its step (seconds, queries) and result."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        result = function()
        seconds = time.perf_counter() - start
    return Step(name, seconds, len(captured.captured_queries)), result


def build_world() -> World:
    """The units, people, campaign, window and registration described in the module doc."""
    import datetime

    from django.contrib.auth import get_user_model

    from campaigns.models import Campaign
    from common.text import search_key
    from organizations.models import Council, Membership, Person, Unit
    from registrations.models import RegistrationWindow
    from registrations.services.registrations import registration_start

    province = Unit.objects.create(name="Tỉnh Thử", kind=Unit.Kind.PROVINCE, code="98")
    district = Unit.objects.create(name="Thị xã Thử", kind=Unit.Kind.DISTRICT, parent=province)
    council = Council.objects.create(unit=district, name="Hội đồng Thi đua – Khen thưởng thị xã")
    ward = Unit.objects.create(
        name="Phường Thử", kind=Unit.Kind.WARD, parent=district, code="98001"
    )
    groups = Unit.objects.bulk_create(
        Unit(
            name=f"Tổ dân phố số {i}",
            search_name=search_key(f"Tổ dân phố số {i}"),
            kind=Unit.Kind.RESIDENTIAL_GROUP,
            parent=ward,
        )
        for i in range(1, GROUPS + 1)
    )
    homes = [ward, *groups]
    recorded = Person.objects.bulk_create(
        Person(
            full_name=f"Nguyễn Văn Có {i}",
            search_name=search_key(f"Nguyễn Văn Có {i}"),
            birth_year=1960 + i % 40,
            unit=homes[i % len(homes)],
        )
        for i in range(PEOPLE_ON_RECORD)
    )
    campaign = Campaign.objects.create(
        council=council,
        name=f"Thi đua thường xuyên năm {YEAR}",
        kind=Campaign.Kind.REGULAR,
        year=YEAR,
        status=Campaign.Status.LAUNCHED,
    )
    campaign.participants.set([ward])
    window = RegistrationWindow.objects.create(
        campaign=campaign, closes_on=datetime.date(YEAR, 2, 28)
    )
    officer = get_user_model().objects.create_user(username="canbo_thu")
    Membership.objects.create(user=officer, unit=ward, role=Membership.Role.UNIT_OFFICER)
    registration = registration_start(window=window, unit=ward)
    registration = (
        type(registration)
        .objects.select_related("unit", "window__campaign")
        .get(pk=registration.pk)
    )
    return World(registration, officer, ward, groups, recorded)


def import_rows(world: World) -> list[list]:
    """The 20,000 rows of the file, in the template's column order (layout.COLUMNS)."""
    from registrations.imports.layout import COLUMNS

    keys = [column.key for column in COLUMNS]
    homes = [world.ward, *world.groups]
    collective_awards = [
        "Tập thể lao động tiên tiến",
        "Tập thể lao động xuất sắc",
        "Giấy khen",
        "cultural_residential_group",
        "Cờ thi đua cấp tỉnh",
    ]
    rows: list[dict] = []
    for index in range(COLLECTIVE_LINES):
        unit = homes[index % len(homes)]
        award = collective_awards[index // len(homes) % len(collective_awards)]
        rows.append(
            {
                "kind": "Tập thể",
                "collective": unit.code or unit.name,
                "award": award,
                "model_name": f"Mô hình dân vận khéo số {index}" if "Cờ" in award else None,
            }
        )
    for index in range(RECORDED_LINES):
        person = world.recorded[index % len(world.recorded)]
        rows.append(
            {
                "kind": "Cá nhân",
                "full_name": person.full_name,
                "birth_year": person.birth_year,
                "unit": None if person.unit_id == world.ward.pk else person.unit.name,
                "award": "Lao động tiên tiến",
            }
        )
    index = 0
    while len(rows) < LINES:
        unit = homes[index % len(homes)]
        person = {
            "kind": "Cá nhân",
            "full_name": f"Trần Thị Mới {index}",
            "birth_year": 1970 + index % 35,
            "gender": "Nữ" if index % 2 else "Nam",
            "position": "Chuyên viên",
            "unit": None if unit == world.ward else unit.name,
        }
        rows.append({**person, "award": "Lao động tiên tiến"})
        if index < TWO_AWARDS and len(rows) < LINES:
            rows.append(
                {
                    **person,
                    "award": "Chiến sĩ thi đua cơ sở",
                    "initiative_name": f"Sáng kiến cải tiến số {index}",
                }
            )
        index += 1
    return [[n if k == "number" else row.get(k) for k in keys] for n, row in enumerate(rows, 1)]


def import_workbook(world: World) -> bytes:
    """The registration's template (``registration_template_build``) filled with
    ``import_rows``."""
    import openpyxl

    from registrations.imports.layout import SHEET
    from registrations.imports.template import registration_template_build

    book = openpyxl.load_workbook(
        io.BytesIO(registration_template_build(registration=world.registration))
    )
    sheet = book[SHEET]
    for values in import_rows(world):
        sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def measure_import(world: World) -> Measurement:
    """Read, preview and save a 20,000-line file into the ward's registration."""
    from registrations.imports.preview import registration_preview_build
    from registrations.imports.reading import registration_workbook_read
    from registrations.imports.services import registration_import_save

    start = time.perf_counter()
    data = import_workbook(world)
    built = time.perf_counter() - start
    measurement = Measurement(f"Import of {LINES:,} lines", target_s=IMPORT_TARGET_S)
    step, rows = timed("read the XLSX", lambda: registration_workbook_read(data=data))
    measurement.steps.append(step)
    step, preview = timed(
        "build the preview",
        lambda: registration_preview_build(
            registration=world.registration, rows=rows, user=world.officer
        ),
    )
    measurement.steps.append(step)
    if not preview.ready:
        raise SystemExit(f"the file does not import: {[str(e) for e in preview.errors[:5]]}")
    step, summary = timed(
        "save",
        lambda: registration_import_save(registration=world.registration, preview=preview),
    )
    measurement.steps.append(step)
    measurement.notes = [
        f"file: {len(data) / 1024 / 1024:.1f} MB, {len(rows):,} rows, written in {built:.1f} s",
        f"saved: {summary.lines:,} lines ({summary.collectives} collectives), "
        f"{summary.people:,} new people, {summary.skipped} rows skipped",
    ]
    return measurement


def measure_overview(world: World) -> Measurement:
    """The secretariat's overview of a window of 3,321 communes in 50 clusters, two thirds of
    them registered with 5 lines each: the page rendered by the test client (median of 10 warm
    requests) and its queries. Target: at most 300 ms (on PostgreSQL)."""

    import datetime
    import statistics

    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from awards.models import EmulationTitle
    from campaigns.models import Campaign, Cluster
    from organizations.models import Membership, Person
    from registrations.models import Registration, RegistrationEntry, RegistrationWindow

    start = time.perf_counter()
    from benchmarks.world import province_with_communes

    province, council, communes = province_with_communes(UNITS)
    campaign = Campaign.objects.create(
        council=council,
        name="Thi đua thường xuyên",
        kind="regular",
        year=2025,
        status=Campaign.Status.LAUNCHED,
    )
    Campaign.participants.through.objects.bulk_create(
        Campaign.participants.through(campaign_id=campaign.pk, unit_id=u.pk) for u in communes
    )
    window = RegistrationWindow.objects.create(
        campaign=campaign, closes_on=datetime.date(2025, 2, 28)
    )
    size = UNITS // CLUSTERS + 1
    members = []
    for number in range(CLUSTERS):
        group = communes[number * size : (number + 1) * size]
        cluster = Cluster.objects.create(
            council=council,
            year=2025,
            number=number + 1,
            name=f"Cụm thi đua số {number + 1}",
            leader=group[0],
        )
        members += [Cluster.members.through(cluster_id=cluster.pk, unit_id=u.pk) for u in group]
    Cluster.members.through.objects.bulk_create(members)
    states = ["submitted", "accepted", "returned", "draft"]
    registered = communes[: UNITS * 2 // 3]
    registrations = Registration.objects.bulk_create(
        Registration(window=window, unit=u, status=states[i % 4]) for i, u in enumerate(registered)
    )
    people = Person.objects.bulk_create(
        Person(full_name=f"Người {i}", search_name=f"nguoi {i}", unit=u)
        for i, u in enumerate(registered)
        for _ in range(4)
    )
    titles = {t.code: t for t in EmulationTitle.objects.all()}
    entries = []
    for index, registration in enumerate(registrations):
        entries.append(
            RegistrationEntry(
                registration=registration,
                order=1,
                kind="collective",
                collective_id=registration.unit_id,
                title=titles["advanced_collective"],
            )
        )
        for k in range(4):
            entries.append(
                RegistrationEntry(
                    registration=registration,
                    order=k + 2,
                    kind="individual",
                    person=people[index * 4 + k],
                    title=titles["advanced_worker"],
                )
            )
    RegistrationEntry.objects.bulk_create(entries, batch_size=5000)
    user = User.objects.create_user("thuongtruc_do")
    Membership.objects.create(user=user, unit=province, role=Membership.Role.SECRETARIAT)
    built = time.perf_counter() - start
    client = Client()
    client.force_login(user)
    url = reverse("registrations:overview", args=[window.pk])
    assert client.get(url).status_code == 200  # warm-up
    times = []
    for _ in range(OVERVIEW_RUNS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    measurement = Measurement(f"Overview of {UNITS:,} units", target_s=OVERVIEW_TARGET_MS / 1000)
    measurement.steps.append(
        Step(f"render (median of {OVERVIEW_RUNS})", statistics.median(times) / 1000, len(queries))
    )
    measurement.notes = [
        f"slowest of {OVERVIEW_RUNS}: {max(times):.0f} ms; {len(entries):,} lines, "
        f"{CLUSTERS} clusters; data built in {built:.1f} s",
    ]
    return measurement


# What ``main`` measures, in order: each takes the World and returns a Measurement.
MEASUREMENTS: list[Callable[[World], Measurement]] = [measure_import, measure_overview]


def report(measurement: Measurement) -> bool:
    """Print the measurement's steps and its total against its target; whether it met it."""
    print(measurement.title)
    header = f"  {'step':<24} {'seconds':>8} {'queries':>8}"
    print(header)
    print("  " + "-" * (len(header) - 2))
    for step in measurement.steps:
        print(f"  {step.name:<24} {step.seconds:>8.2f} {step.queries:>8}")
    met = measurement.target_s is None or measurement.total <= measurement.target_s
    target = "" if measurement.target_s is None else f" (target <= {measurement.target_s:g} s)"
    verdict = "" if measurement.target_s is None else (" OK" if met else " MISSED")
    print(f"  {'total':<24} {measurement.total:>8.2f}{target}{verdict}")
    for note in measurement.notes:
        print(f"  {note}")
    print()
    return met


def main() -> None:
    teardown, database = _setup_django()
    try:
        start = time.perf_counter()
        world = build_world()
        print(f"built in {time.perf_counter() - start:.1f} s on {database}")
        print(f"(machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f})")
        print()
        met = [report(measure(world)) for measure in MEASUREMENTS]
        print("Targets:", "all met" if all(met) else "MISSED")
    finally:
        teardown()


if __name__ == "__main__":
    main()
