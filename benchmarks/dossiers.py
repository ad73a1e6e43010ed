"""The secretariat's dossier queue with 10,000 dossiers: a table, not a test.

Run from the repository root: ``.venv/bin/python benchmarks/dossiers.py``; with
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/tdkt_bench`` it runs on PostgreSQL (the target
is set there), without it on a temporary SQLite file (``benchmarks/eligibility.py``'s set-up).

The data: a province council with 3,321 communes, 10,000 dossiers of four rounds spread over every
state (3 nominations each, 30,000 in all), one secretariat member with a specialist colleague.
The measurement: the queue page (``dossiers:queue``) rendered through the test client, the first
page unfiltered, filtered by status, by round and by a unit name, 30 warm requests each; it
prints the median, the 95th percentile and the queries of each. Target: p95 ≤ 150 ms on
PostgreSQL.
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path[0] = str(REPO)

from benchmarks.eligibility import _setup_django  # noqa: E402 - needs the path set above

UNITS = 3_321
DOSSIERS = 10_000
NOMINATIONS_EACH = 3
ROUNDS = 4  # each commune sends one dossier per round: 10,000 dossiers need 4 rounds
RUNS = 30
P95_TARGET_MS = 150.0


def build() -> tuple[object, list[tuple[str, dict]]]:
    """The data described in the module docstring; returns the secretariat user and the
    queries to measure as (label, GET parameters)."""
    from django.contrib.auth.models import User
    from django.utils import timezone

    from awards.models import EmulationTitle
    from benchmarks.world import province_with_communes
    from dossiers.models import Dossier, Nomination, Round
    from organizations.models import Membership, Person

    province, council, communes = province_with_communes(UNITS)
    titles = list(
        EmulationTitle.objects.filter(code__in=["advanced_worker", "advanced_collective"])
    )
    rounds = []
    for number in range(1, ROUNDS + 1):
        round_ = Round.objects.create(
            council=council,
            name=f"Khen thưởng năm 2025 – đợt {number}",
            year=2025,
            opens_on=datetime.date(2025, 1, 1),
            closes_on=datetime.date(2025, 12, 10),
        )
        round_.titles.set(titles)
        rounds.append(round_)
    secretariat = User.objects.create_user("thuongtruc", password="x")  # noqa: S106
    specialist = User.objects.create_user("chuyenvien", password="x")  # noqa: S106
    for user in (secretariat, specialist):
        Membership.objects.create(user=user, unit=province, role=Membership.Role.SECRETARIAT)
    states = [s for s, _ in Dossier.Status.choices if s != Dossier.Status.DRAFT]
    now = timezone.now()
    dossiers = Dossier.objects.bulk_create(
        Dossier(
            round=rounds[n % ROUNDS],
            unit=communes[n // ROUNDS],
            status=states[n % len(states)],
            version=1,
            assignee=(secretariat, specialist, None)[n % 3],
            submitted_at=now - datetime.timedelta(minutes=n),
            submitted_late=n % 17 == 0,
        )
        for n in range(DOSSIERS)
    )
    people = Person.objects.bulk_create(
        Person(full_name=f"Người {n}", search_name=f"nguoi {n}", unit=communes[n % UNITS])
        for n in range(UNITS)
    )
    Nomination.objects.bulk_create(
        Nomination(dossier=d, person=people[i % UNITS], title=titles[0], order=k)
        for i, d in enumerate(dossiers)
        for k in range(NOMINATIONS_EACH)
    )
    queries = [
        ("unfiltered, page 1", {}),
        ("status = in appraisal", {"status": Dossier.Status.IN_APPRAISAL}),
        ("one round, page 20", {"round": rounds[1].pk, "page": 20}),
        ("unit name contains 0123", {"unit": "0123"}),
    ]
    return secretariat, queries


def measure(user, queries) -> bool:
    """Print median, p95 and queries per query; True when every p95 meets the target."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client = Client()
    client.force_login(user)
    url = reverse("dossiers:queue")
    met = True
    print(f"{'queue page':<28} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'rows':>6}")
    for label, params in queries:
        response = client.get(url, params)  # warm-up
        assert response.status_code == 200, (label, response.status_code)
        timings = []
        for _ in range(RUNS):
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                client.get(url, params)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        rows = response.content.count(b"<tr data-dossier=")
        met &= p95 <= P95_TARGET_MS
        print(
            f"{label:<28} {statistics.median(timings):>10.1f} {p95:>8.1f} "
            f"{len(captured.captured_queries):>8} {rows:>6}"
        )
    print(f"target: p95 ≤ {P95_TARGET_MS:.0f} ms on PostgreSQL")
    return met


def main() -> None:
    teardown, database = _setup_django()
    try:
        start = time.perf_counter()
        user, queries = build()
        print(f"{DOSSIERS:,} dossiers built in {time.perf_counter() - start:.1f} s on {database}")
        print(f"(machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f})\n")
        met = measure(user, queries)
        print("Target:", "met" if met else "MISSED")
    finally:
        teardown()


if __name__ == "__main__":
    main()
