"""Eligibility of 1,000 nominees against a history of 100,000 grants: a table, not a test.

Run from the repository root: ``.venv/bin/python benchmarks/eligibility.py``. Django runs with
the test settings on a throwaway database:

* without ``DATABASE_URL``: a temporary SQLite file, migrated, deleted at the end;
* with ``DATABASE_URL`` (e.g. ``postgres://postgres@127.0.0.1:5432/tdkt_bench``): Django's test
  database machinery creates ``test_<name>`` next to it, migrates it and drops it at the end.

The data: one province, 10 communes; in each, 100 nominees and 320 colleagues. Nominees carry
25 years of titles (Advanced Worker every year, Grassroots Fighter every other year, a Giấy khen
now and then, a few revoked), colleagues 10 years; ratings, initiatives and a few holds. About
100,000 grants in all, inserted with ``bulk_create``.

Measured: ``load_history`` for the nominees then ``check_eligibility`` of each nominee for
``emulation_fighter_provincial`` and ``advanced_worker`` (2024), at 100 and at 1,000 nominees:
the number of queries (``CaptureQueriesContext``; it must not grow with the nominees) and the
wall-clock seconds (median of 3 runs). Target: 1,000 nominees in at most 2 s.
"""

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path[0] = str(REPO)

YEAR = 2024
COMMUNES = 10
NOMINEES_PER_COMMUNE = 100
COLLEAGUES_PER_COMMUNE = 320
RUNS = 3
TARGET_S = 2.0
AWARDS = ["emulation_fighter_provincial", "advanced_worker"]


def _setup_django() -> tuple[Callable[[], None], str]:
    """Configure Django on a throwaway database; returns (teardown, description)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    scratch = None
    if not os.environ.get("DATABASE_URL"):
        scratch = tempfile.TemporaryDirectory(prefix="tdkt-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch.name}/bench.sqlite3"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if scratch is not None:
        call_command("migrate", verbosity=0)
        return scratch.cleanup, f"SQLite {connection.Database.sqlite_version}, temporary file"
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)

    def teardown() -> None:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    version = connection.cursor().connection.info.server_version
    return teardown, f"PostgreSQL {version // 10000}.{version % 10000}, test database"


def _build() -> list:
    """The units, people and history described in the module docstring; returns the nominees."""
    import datetime
    import random

    from awards.models import (
        AnnualRating,
        AwardDecision,
        AwardGrant,
        DisciplinaryRecord,
        Initiative,
    )
    from awards.selectors import award_by_code
    from organizations.models import Person, Unit

    rng = random.Random(20240101)  # the same data on every run
    aw, efg = award_by_code("advanced_worker"), award_by_code("emulation_fighter_grassroots")
    merit = award_by_code("certificate_of_merit")
    province = Unit.objects.create(name="Tỉnh Thử", kind=Unit.Kind.PROVINCE, code="98")
    communes = Unit.objects.bulk_create(
        Unit(name=f"Xã Thử {i}", kind=Unit.Kind.COMMUNE, parent=province) for i in range(COMMUNES)
    )
    decisions = {
        (commune.pk, year): AwardDecision(
            number=f"{year}-{commune.pk}/QĐ-UBND",
            date=datetime.date(year, 12, 20),
            authority="Chủ tịch UBND xã",
            issuing_unit=commune,
        )
        for commune in communes
        for year in range(2000, YEAR + 1)
    }
    AwardDecision.objects.bulk_create(decisions.values())
    people = Person.objects.bulk_create(
        Person(full_name=f"Người thử {c.pk}-{i}", unit=c, birth_year=1970 + i % 30)
        for c in communes
        for i in range(NOMINEES_PER_COMMUNE + COLLEAGUES_PER_COMMUNE)
    )
    per_commune = NOMINEES_PER_COMMUNE + COLLEAGUES_PER_COMMUNE
    nominees = [p for i, p in enumerate(people) if i % per_commune < NOMINEES_PER_COMMUNE]
    nominee_ids = {p.pk for p in nominees}
    grants, ratings = [], []
    for person in people:
        first = 2000 if person.pk in nominee_ids else YEAR - 9
        for year in range(first, YEAR + 1):
            decision = decisions[(person.unit_id, year)]
            revoked = rng.random() < 0.01
            grants.append(
                AwardGrant(
                    decision=decision,
                    person=person,
                    title=aw,
                    year=year,
                    revoked=revoked,
                    revoked_on=datetime.date(year + 1, 6, 1) if revoked else None,
                )
            )
            if year % 2 == person.pk % 2:
                grants.append(AwardGrant(decision=decision, person=person, title=efg, year=year))
            if rng.random() < 0.25:
                grants.append(AwardGrant(decision=decision, person=person, form=merit, year=year))
            if year >= YEAR - 9:
                rating = rng.choice(["excellent", "good", "good", "completed"])
                ratings.append(AnnualRating(person=person, year=year, rating=rating))
    AwardGrant.objects.bulk_create(grants, batch_size=5000)
    AnnualRating.objects.bulk_create(ratings, batch_size=5000)
    initiatives = Initiative.objects.bulk_create(
        Initiative(
            title=f"Sáng kiến {p.pk}",
            unit_id=p.unit_id,
            level=rng.choice(["grassroots", "provincial"]),
            year=rng.randint(YEAR - 3, YEAR),
        )
        for p in nominees[::3]
    )
    Initiative.authors.through.objects.bulk_create(
        Initiative.authors.through(initiative=i, person=p)
        for i, p in zip(initiatives, nominees[::3], strict=True)
    )
    DisciplinaryRecord.objects.bulk_create(
        DisciplinaryRecord(
            person=p,
            kind="discipline",
            level="reprimand",
            starts_on=datetime.date(YEAR - 2, 3, 1),
            ends_on=datetime.date(YEAR - 1, 3, 1),
        )
        for p in nominees[::50]
    )
    print(
        f"data: {len(nominees)} nominees, {len(people)} people, {len(grants)} grants, "
        f"{len(ratings)} ratings, {len(initiatives)} initiatives"
    )
    return list(Person.objects.filter(pk__in=nominee_ids).order_by("pk"))


def _measure(nominees: list) -> tuple[int, float, int]:
    """(queries, median seconds, blocking findings) of loading and checking ``nominees``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from awards.eligibility import check_eligibility, load_history

    times, queries, findings = [], 0, 0
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            history = load_history(nominees=nominees, year=YEAR, award_codes=AWARDS)
            findings = sum(
                len(check_eligibility(nominee=p, award=a, year=YEAR, history=history))
                for p in nominees
                for a in AWARDS
            )
            times.append(time.perf_counter() - start)
        queries = len(captured.captured_queries)
    return queries, statistics.median(times), findings


def main() -> None:
    teardown, database = _setup_django()
    try:
        start = time.perf_counter()
        nominees = _build()
        print(f"built in {time.perf_counter() - start:.1f} s on {database}")
        print()
        header = f"{'nominees':>8} {'queries':>7} {'seconds':>7} {'findings':>8}"
        print(header)
        print("-" * len(header))
        rows = {}
        for size in (100, len(nominees)):
            rows[size] = _measure(nominees[:size])
            queries, seconds, findings = rows[size]
            print(f"{size:>8} {queries:>7} {seconds:>7.3f} {findings:>8}")
        print()
        (small_queries, *_), (queries, seconds, _) = rows[100], rows[len(nominees)]
        constant = "OK" if queries == small_queries else "MISSED"
        print("Targets:")
        print(f"  queries constant: {small_queries} at 100, {queries} at 1000 {constant}")
        print(f"  {len(nominees)} nominees <= {TARGET_S} s: {seconds:.3f} s", end=" ")
        print("OK" if seconds <= TARGET_S else "MISSED")
        print(f"  (machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f})")
    finally:
        teardown()


if __name__ == "__main__":
    main()
