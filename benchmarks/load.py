"""Load benchmark: gunicorn on a nation-sized database, driven by locust: a table, and an exit
status for CI.

Run from the repository root::

    .venv/bin/python benchmarks/load.py [--scale 1.0] [--reuse] [--no-fail]
        [--database-url postgres://postgres@127.0.0.1:5432/tdkt_load]
        [--users 20] [--warmup 3] [--saturated 15] [--paced 20] [--pace 1,5]

1. The data: benchmarks/seed_large.py at ``--scale`` into the database of ``--database-url``
   (dropped and made again), or, with ``--reuse``, the database as a previous seed left it at
   the same scale. The pages measured are those of the province under test (Thành phố Hồ Chí
   Minh; see seed_large.py for what it holds).
2. The server: ``collectstatic``, then gunicorn with ``--workers`` (2) sync workers serving
   ``config.wsgi`` with config/settings/loadtest.py: production's settings (DEBUG off, manifest
   static files, persistent connections, PBKDF2, every middleware including the second factor)
   over plain HTTP on 127.0.0.1, on a free port. Nothing listens beyond the loopback.
   (``LOAD_SETTINGS_MODULE`` names other settings to measure.)
3. The accounts: every ``load_officer_N`` and ``load_secretariat`` logs in through the log-in
   form (CSRF token, password, then the authenticator code for the secretariat), once;
   locust's users reuse those sessions. Each page is fetched once to check it answers 200.
4. The scenarios (benchmarks/locustfile.py), each in its own locust process, one after the
   other, with ``--users`` (20) users on the same server, so every page's figures and its ratio
   to the trivial view are clean:

   healthz    GET /healthz/, the trivial view (no log-in, no query)
   signed-in  GET /healthz/ with a ward officer's session cookie: the same trivial view, but
              the middleware loads the session and the user and checks his second factor,
              as it does before every page (three lookups): the baseline of the ratio
   dashboard  a ward officer's dashboard (20 officers, 20 wards)
   autosave   the registration form's autosave POST from the phone: six lines saved in the
              officer's own draft (what registration-form.js posts), version checked
   queue      the secretariat's dossier queue, first page
   dossier    the appraisal page of a dossier in appraisal (the one with most nominations)
   summary    the annual summary of the council's last full year

   Each run: all users log in and open their page, a ``--warmup`` (3 s), then ``--saturated``
   (15 s) with no pause between requests (20 requests always in flight: the server's
   throughput), then ``--paced`` (20 s) where each user waits ``--pace`` (1–5 s, locust's usual
   think time) between requests: 20 users each clicking every 3 s or so, several times what
   officers do. A phase ends once its last request is answered, and counts that time.

The table: requests per second in the saturated phase and its ratio to the signed-in
trivial view's (``ratio``; every page measured is a signed-in page, so this is what the page
itself adds), and to the bare /healthz/'s (``bare``);
p50, p95 and p99 in the paced phase (the response time a user sees at 20 concurrent users);
the saturated phase's p95 for reference (there it is mostly queueing: 20 requests in flight on
two workers); errors in any phase (a non-200 answer, a refused autosave, a failed log-in); the
CPU that locust, gunicorn's workers and the whole machine used in the saturated phase (cores
busy on average; PostgreSQL and any other process make the difference between the machine and
the first two).

Targets (``--p95-target``, ``--ratio-target``), for every page: p95 ≤ 150 ms at 20 users,
throughput ≥ 25 % of the signed-in trivial view's, 0 errors (the trivial views: 0 errors). The exit
status is 1 when one is missed; with ``--no-fail`` the time and throughput targets are only
printed, and only errors fail; with ``--ratio-advisory`` (CI) a missed throughput ratio is
printed and errors and a missed p95 fail.
"""

import argparse
import concurrent.futures
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if sys.path and Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path[0] = str(REPO)

from benchmarks import seed_large  # noqa: E402 - needs the path set above
from benchmarks.load_users import LoginError, login  # noqa: E402

BIN = Path(sys.executable).parent
P95_TARGET_MS = 150.0
RATIO_TARGET = 0.25
SERVER_START_TIMEOUT_S = 60


@dataclass(frozen=True)
class Scenario:
    """A locust user class of benchmarks/locustfile.py and what the table calls it."""

    name: str
    user_class: str
    what: str


BARE, SIGNED_IN = "healthz", "signed-in"  # the trivial view, without and with a session
SCENARIOS = [
    Scenario(BARE, "HealthUser", "GET /healthz/ (trivial view)"),
    Scenario(SIGNED_IN, "SignedInHealthUser", "GET /healthz/ signed in (trivial view)"),
    Scenario("dashboard", "DashboardUser", "ward officer's dashboard"),
    Scenario("autosave", "AutosaveUser", "registration form autosave (POST)"),
    Scenario("queue", "QueueUser", "secretariat's dossier queue"),
    Scenario("dossier", "DossierUser", "dossier appraisal page"),
    Scenario("summary", "SummaryUser", "annual summary"),
]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare_data(args) -> dict:
    """Seed (or reuse) the database and set Django up on it; returns the seed's marker."""
    marker = seed_large.seed_marker(args.database_url) if args.reuse else None
    if marker is not None and marker.get("scale") == args.scale:
        print(f"reusing the data seeded at scale {args.scale} on {marker['at']}")
        seed_large.setup_django(args.database_url)
        return marker
    print(f"seeding at scale {args.scale} (seed_large.py)")
    marker = seed_large.seed(database_url=args.database_url, scale=args.scale, focus=args.focus)
    print(f"seeded in {marker['seconds']:.1f} s")
    return marker


def find_targets(*, users: int) -> dict:
    """What the scenarios request, read from the seeded data: the officers' draft in the open
    thematic window with five of their ward's people, the dossier in appraisal with most
    nominations, the summary of last year; and the accounts' credentials."""
    from django.db.models import Count
    from django.utils import timezone

    from dossiers.models import Dossier
    from organizations.models import Council, Membership, Person
    from registrations.models import Registration

    officers = []
    for n in range(1, min(users, seed_large.LOAD_OFFICERS) + 1):
        username = seed_large.OFFICER.format(n=n)
        unit = Membership.objects.get(user__username=username).unit
        registration = Registration.objects.filter(
            unit=unit, status=Registration.Status.DRAFT, window__closes_on__gte=timezone.localdate()
        ).get()
        people = Person.objects.filter(unit=unit).order_by("pk")[:5]
        officers.append(
            {
                "username": username,
                "unit": unit.pk,
                "registration": registration.pk,
                "people": [[p.pk, p.full_name] for p in people],
            }
        )
    council = Council.objects.get(unit__code=seed_large.LOAD_PROVINCE)
    dossiers = Dossier.objects.filter(round__council=council).annotate(n=Count("nominations"))
    dossier = (
        dossiers.filter(status=Dossier.Status.IN_APPRAISAL).order_by("-n", "-version", "pk").first()
        or dossiers.exclude(status=Dossier.Status.DRAFT).order_by("-n", "pk").first()
    )
    year = timezone.localdate().year - 1
    return {
        "password": seed_large.LOAD_PASSWORD,
        "totp_key": seed_large.LOAD_TOTP_KEY,
        "officers": officers,
        "secretariat": seed_large.SECRETARIAT,
        "dossier": dossier.pk,
        "dossier_nominations": dossier.n,
        "summary": f"/reports/summary/?council={council.pk}&year={year}",
    }


def _static_up_to_date() -> bool:
    """STATIC_ROOT holds a manifest newer than every file the static finders find."""
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.exists():
        return False
    collected = manifest.stat().st_mtime
    for finder in get_finders():
        for path, storage in finder.list([]):
            if os.stat(storage.path(path)).st_mtime > collected:
                return False
    return True


class Server:
    """gunicorn serving config.wsgi with the load-test settings on 127.0.0.1."""

    def __init__(self, *, database_url: str, workers: int, scratch: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = scratch / "gunicorn.log"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": seed_large.settings_module(),
            "DATABASE_URL": database_url,
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        }
        self.workers = workers
        self.process: subprocess.Popen | None = None

    def collectstatic(self) -> float | None:
        """Collect the static files (manifest and compression, as in production) unless the
        collected ones are newer than every source file; returns the seconds, None if skipped."""
        if _static_up_to_date():
            return None
        start = time.perf_counter()
        subprocess.run(  # noqa: S603 - our own interpreter and arguments
            [BIN / "python", "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=REPO,
            env=self.env,
            check=True,
        )
        return time.perf_counter() - start

    def start(self) -> None:
        command = [
            BIN / "gunicorn",
            "config.wsgi",
            "--workers",
            str(self.workers),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--log-level",
            "warning",
            "--error-logfile",
            str(self.log),
            "--timeout",
            "60",
        ]
        self.process = subprocess.Popen(command, cwd=REPO, env=self.env)  # noqa: S603
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        import requests

        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_tail()}")
            try:
                if requests.get(f"{self.url}/healthz/", timeout=10).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer /healthz/:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        if not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def log_everyone_in(server: Server, targets: dict) -> float:
    """Log every account in (in parallel, as many as the workers) and check each page once;
    the sessions go into ``targets["sessions"]``. Returns the seconds it took."""
    import requests

    start = time.perf_counter()
    accounts = [officer["username"] for officer in targets["officers"]] + [targets["secretariat"]]
    with concurrent.futures.ThreadPoolExecutor(max_workers=server.workers) as pool:
        futures = {
            pool.submit(
                login,
                server.url,
                username,
                targets["password"],
                totp_key=targets["totp_key"],
            ): username
            for username in accounts
        }
        sessions = {futures[f]: f.result() for f in concurrent.futures.as_completed(futures)}
    targets["sessions"] = sessions
    officer = targets["officers"][0]
    checks = [
        (officer["username"], "/dashboard/"),
        (officer["username"], f"/registrations/{officer['registration']}/edit/"),
        (targets["secretariat"], "/dossiers/queue/"),
        (targets["secretariat"], f"/dossiers/{targets['dossier']}/appraisal/"),
        (targets["secretariat"], targets["summary"]),
    ]
    for username, path in checks:
        answer = requests.get(
            server.url + path, cookies=sessions[username], allow_redirects=False, timeout=60
        )
        if answer.status_code != 200:
            raise LoginError(f"{path} answered {answer.status_code} to {username}")
    return time.perf_counter() - start


def run_scenario(
    scenario: Scenario, *, server: Server, targets_path: Path, scratch: Path, args
) -> dict:
    """One locust process for ``scenario``; returns its results (locustfile.py) with the CPU
    seconds of locust and of gunicorn and the wall time."""
    result_path = scratch / f"{scenario.name}.json"
    phases = f"warmup:{args.warmup},saturated:{args.saturated},paced:{args.paced}"
    env = {
        **os.environ,
        "LOAD_TARGETS": str(targets_path),
        "LOAD_RESULT": str(result_path),
        "LOAD_PHASES": phases,
        "LOAD_PACE": args.pace,
        "LOAD_SERVER_PID": str(server.process.pid),
    }
    run_time = int(args.warmup + args.saturated + args.paced + 120)
    command = [
        BIN / "locust",
        "-f",
        str(REPO / "benchmarks" / "locustfile.py"),
        "--headless",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.users),
        "--host",
        server.url,
        "--run-time",
        f"{run_time}s",
        "--stop-timeout",
        "5",
        "--only-summary",
        "--loglevel",
        "WARNING",
        scenario.user_class,
    ]
    log = scratch / f"{scenario.name}.locust.log"
    start = time.perf_counter()
    with log.open("w") as out:
        subprocess.run(command, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: S603
    if not result_path.exists():
        raise RuntimeError(
            f"locust wrote no result for {scenario.name}:\n{log.read_text()[-3000:]}"
        )
    result = json.loads(result_path.read_text())
    result["wall"] = time.perf_counter() - start
    return result


@dataclass
class Row:
    """One line of the table."""

    scenario: Scenario
    rps: float
    ratio: float  # to the signed-in trivial view
    bare_ratio: float  # to the bare trivial view
    p50: float
    p95: float
    p99: float
    saturated_p95: float
    paced_requests: int
    requests: int
    errors: int
    locust_cores: float
    server_cores: float
    machine_cores: float
    wall: float

    def misses(self, *, p95_target: float, ratio_target: float) -> list[str]:
        """The targets this row misses, in words."""
        missed = []
        if self.errors:
            missed.append(f"{self.errors} errors")
        if self.scenario.name in (BARE, SIGNED_IN):
            return missed
        if not self.paced_requests:
            missed.append("no request answered in the paced phase")
        elif self.p95 > p95_target:
            missed.append(f"p95 {self.p95:.0f} ms > {p95_target:.0f} ms")
        if self.ratio < ratio_target:
            missed.append(
                f"throughput {self.ratio:.0%} < {ratio_target:.0%} of the signed-in trivial view"
            )
        return missed


def make_row(scenario: Scenario, result: dict, baselines: dict[str, float]) -> Row:
    """The row of ``scenario`` from locust's ``result``; ``baselines``: req/s of the trivial
    views measured so far, by scenario name (a ratio to one not measured is 1)."""
    entries = result["entries"]
    saturated, paced = entries.get("saturated", {}), entries.get("paced", {})
    seconds = result["durations"].get("saturated") or 1.0
    cpu = result["cpu"].get("saturated", {})
    rps = saturated.get("requests", 0) / seconds
    return Row(
        scenario=scenario,
        rps=rps,
        ratio=rps / baselines[SIGNED_IN] if baselines.get(SIGNED_IN) else 1.0,
        bare_ratio=rps / baselines[BARE] if baselines.get(BARE) else 1.0,
        p50=paced.get("p50", 0.0),
        p95=paced.get("p95", 0.0),
        p99=paced.get("p99", 0.0),
        saturated_p95=saturated.get("p95", 0.0),
        paced_requests=paced.get("requests", 0),
        requests=sum(e["requests"] for e in entries.values()),
        errors=sum(e["failures"] for e in entries.values()),
        locust_cores=cpu.get("locust", 0.0) / seconds,
        server_cores=cpu.get("server", 0.0) / seconds,
        machine_cores=cpu.get("machine", 0.0) / seconds,
        wall=result["wall"],
    )


def print_table(rows: list[Row], args) -> None:
    print()
    print(
        f"{args.users} users; saturated {args.saturated:g} s (no pause), paced {args.paced:g} s "
        f"(pause {args.pace.replace(',', '–')} s); gunicorn {args.workers} sync workers"
    )
    header = (
        f"{'scenario':<10} {'req/s':>7} {'ratio':>6} {'bare':>6} {'p50':>6} {'p95':>6} {'p99':>6} "
        f"{'sat p95':>8} {'requests':>8} {'errors':>6}   {'cores: locust  gunicorn  machine':>32}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row.scenario.name:<10} {row.rps:7.1f} {row.ratio:6.0%} {row.bare_ratio:6.0%} "
            f"{row.p50:6.0f} "
            f"{row.p95:6.0f} {row.p99:6.0f} {row.saturated_p95:8.0f} {row.requests:8d} "
            f"{row.errors:6d}   {row.locust_cores:14.2f} {row.server_cores:9.2f} "
            f"{row.machine_cores:8.2f}"
        )
    print(
        "ratio: to the signed-in trivial view, bare: to /healthz/ without a session; "
        "req/s, ratio, sat p95 (ms) and cores: saturated phase (cores: CPU seconds per second "
        f"used by locust, by gunicorn's workers and by the whole machine of {os.cpu_count()} "
        "cores: PostgreSQL and any other process make the difference); p50/p95/p99 (ms): paced "
        "phase"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("LOAD_DATABASE_URL") or seed_large.DEFAULT_DATABASE_URL,
    )
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--focus", type=float, default=5.0)
    parser.add_argument("--reuse", action="store_true", help="reuse data seeded at this scale")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--saturated", type=float, default=15)
    parser.add_argument("--paced", type=float, default=20)
    parser.add_argument("--pace", default="1,5", help="seconds between a user's requests")
    parser.add_argument("--scenarios", default=",".join(s.name for s in SCENARIOS))
    parser.add_argument("--p95-target", type=float, default=P95_TARGET_MS, help="ms")
    parser.add_argument("--ratio-target", type=float, default=RATIO_TARGET)
    parser.add_argument("--json", type=Path, help="also write the rows here")
    parser.add_argument(
        "--no-fail", action="store_true", help="print missed time targets; only errors fail"
    )
    parser.add_argument(
        "--ratio-advisory",
        action="store_true",
        help="print a missed throughput ratio; errors and a missed p95 fail",
    )
    args = parser.parse_args(argv)
    wanted = args.scenarios.split(",")
    scenarios = [s for s in SCENARIOS if s.name in wanted]
    if "autosave" in wanted and args.users > seed_large.LOAD_OFFICERS:
        sys.exit(
            f"the autosave needs one officer per user: at most {seed_large.LOAD_OFFICERS} users"
        )
    if "load" not in args.database_url.rsplit("/", 1)[-1]:
        sys.exit("the database name must contain 'load' (it is dropped and seeded)")

    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    prepare_data(args)
    targets = find_targets(users=args.users)
    from django.db import connection

    connection.close()
    scratch = Path(tempfile.mkdtemp(prefix="tdkt-load-"))
    server = Server(database_url=args.database_url, workers=args.workers, scratch=scratch)
    rows: list[Row] = []
    try:
        seconds = server.collectstatic()
        print("static files up to date" if seconds is None else f"collectstatic: {seconds:.1f} s")
        server.start()
        print(f"gunicorn ({args.workers} workers) at {server.url}")
        seconds = log_everyone_in(server, targets)
        print(f"{len(targets['sessions'])} accounts logged in, pages checked: {seconds:.1f} s")
        targets_path = scratch / "targets.json"
        targets_path.write_text(json.dumps(targets))
        baselines: dict[str, float] = {}
        for scenario in scenarios:
            result = run_scenario(
                scenario, server=server, targets_path=targets_path, scratch=scratch, args=args
            )
            row = make_row(scenario, result, baselines)
            if scenario.name in (BARE, SIGNED_IN):
                baselines[scenario.name] = row.rps
            rows.append(row)
            print(
                f"  {scenario.name:<10} {row.rps:7.1f} req/s, p95 {row.p95:.0f} ms, "
                f"{row.errors} errors ({scenario.what})",
                flush=True,
            )
            for error in result["errors"][:5]:
                print(f"      {error['count']} × {error['name']}: {error['error'][:200]}")
    finally:
        server.stop()
        if any(row.errors for row in rows):
            print("gunicorn's log (end):\n" + server.log_tail())
        shutil.rmtree(scratch, ignore_errors=True)

    print_table(rows, args)
    print(f"(load average at the end {os.getloadavg()[0]:.2f})")
    if args.json:
        args.json.write_text(
            json.dumps([{**row.__dict__, "scenario": row.scenario.name} for row in rows], indent=1)
        )
    print(
        f"\nTargets: p95 ≤ {args.p95_target:g} ms at {args.users} users, "
        f"≥ {args.ratio_target:.0%} of the signed-in trivial view's throughput, 0 errors"
    )
    failed = False
    for row in rows:
        missed = row.misses(p95_target=args.p95_target, ratio_target=args.ratio_target)
        failing = [m for m in missed if not (args.ratio_advisory and m.startswith("throughput"))]
        failed = failed or bool(failing)
        print(f"  {row.scenario.name:<10} {'MISSED: ' + '; '.join(missed) if missed else 'OK'}")
    if any(row.errors for row in rows):
        return 1
    return 0 if args.no_fail or not failed else 1


if __name__ == "__main__":
    sys.exit(main())
