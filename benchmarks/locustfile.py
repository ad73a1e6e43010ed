"""The load benchmark's scenarios for locust; benchmarks/load.py starts one locust process per
scenario and reads what it writes. One class per scenario, each making one request per task:

    HealthUser      GET  /healthz/                          the trivial view (no login)
    SignedInHealthUser  GET /healthz/                       the same, with load_officer_N's
                                                            session (the signed-in floor)
    DashboardUser   GET  /dashboard/                        as load_officer_N (a ward officer)
    AutosaveUser    POST /registrations/<pk>/autosave/      the phone form's autosave, as
                                                            load_officer_N on his own draft
    QueueUser       GET  /dossiers/queue/                   as load_secretariat
    DossierUser     GET  /dossiers/<pk>/appraisal/          as load_secretariat
    SummaryUser     GET  /reports/summary/?council=&year=   as load_secretariat

Each locust user takes the next account of its kind (officers in turn, the secretariat
shared); sessions come from ``LOAD_TARGETS`` (load.py logged every account in through the form
and the second factor) or, without them, from ``load_users.login`` here. Every request goes
with the session and CSRF cookies; the autosave posts the CSRF token and the version the
previous save returned, as registration-form.js does.

A run has phases, each request named after the phase it started in (``LOAD_PHASES``, default
"warmup:3,saturated:15,paced:20"): nothing is sent until every user has logged in and opened
its page; ``warmup`` and ``saturated`` send the next request as soon as the answer is in, and
``paced`` waits ``LOAD_PACE`` seconds between requests (uniform, default "1,5", locust's usual
think time: each user about every 3 s). A phase ends when its time is up and its last request
has been answered (no new request meanwhile), so the next one starts with nothing in flight and
its duration counts every request it sent. Then the results are written to ``LOAD_RESULT``
(JSON) and locust quits.

Environment: ``LOAD_TARGETS`` (JSON written by load.py: accounts, sessions, the registration,
dossier and summary to request), ``LOAD_PHASES``, ``LOAD_PACE``, ``LOAD_RESULT``, and
``LOAD_SERVER_PID`` (gunicorn's master: the CPU that locust, gunicorn's workers and the whole
machine use in each phase is written with the results).
"""

import itertools
import json
import os
import random
import re
import sys
import time
from pathlib import Path

import gevent
from gevent.event import Event
from gevent.lock import Semaphore
from locust import FastHttpUser, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_users import (
    autosave_fields,
    login,
)  # the benchmarks folder, on the path since the line above

TARGETS = (
    json.loads(Path(os.environ["LOAD_TARGETS"]).read_text()) if "LOAD_TARGETS" in os.environ else {}
)
PHASES = [
    (name, float(seconds))
    for name, seconds in (
        part.split(":")
        for part in os.environ.get("LOAD_PHASES", "warmup:3,saturated:15,paced:20").split(",")
    )
]
PACE = tuple(float(x) for x in os.environ.get("LOAD_PACE", "1,5").split(","))
READY_TIMEOUT_S = 180
DRAIN_TIMEOUT_S = 120
_VERSION = re.compile(r'name="version" value="([^"]*)"')


class _State:
    """The phase every user reads, and how many users are ready."""

    phase = "setup"
    ready = 0
    in_flight = 0
    all_ready = Event()
    durations: dict[str, float] = {}
    cpu: dict[str, dict[str, float]] = {}


STATE = _State()
_SESSIONS: dict[str, dict[str, str]] = dict(TARGETS.get("sessions", {}))
_LOGIN_LOCK = Semaphore()
_OFFICERS = itertools.count()


def session_of(host: str, username: str) -> dict[str, str]:
    """The cookies of ``username``'s session: load.py's, or a log-in made here once."""
    with _LOGIN_LOCK:
        if username not in _SESSIONS:
            _SESSIONS[username] = login(
                host, username, TARGETS["password"], totp_key=TARGETS.get("totp_key")
            )
        return _SESSIONS[username]


class _Scenario(FastHttpUser):
    """What every scenario shares: the account, the cookies, the phases."""

    abstract = True
    account = ""  # "officer", "secretariat" or "" (no log-in)

    def wait_time(self) -> float:
        return random.uniform(*PACE) if STATE.phase == "paced" else 0.0

    def on_start(self) -> None:
        self.headers: dict[str, str] = {}
        self.csrf = ""
        self.broken = False
        try:
            if self.account == "officer":
                self.officer = TARGETS["officers"][next(_OFFICERS) % len(TARGETS["officers"])]
                self.use_session(self.officer["username"])
            elif self.account == "secretariat":
                self.use_session(TARGETS["secretariat"])
            self.prepare()
        except Exception as error:  # counted as an error of the run, the user stays idle
            self.broken = True
            self.environment.events.request.fire(
                request_type="SETUP",
                name="setup",
                response_time=0,
                response_length=0,
                exception=error,
                context={},
            )
        STATE.ready += 1
        if STATE.ready >= self.environment.runner.target_user_count:
            STATE.all_ready.set()

    def use_session(self, username: str) -> None:
        cookies = session_of(self.host, username)
        self.csrf = cookies.get("csrftoken", "")
        self.headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}

    def prepare(self) -> None:
        """Anything to fetch before the measured phases (the autosave's version)."""

    def get_page(self, path: str) -> None:
        """GET ``path``; anything but 200 (a redirect to the log-in page too) is a failure."""
        STATE.in_flight += 1
        try:
            with self.client.get(
                path,
                name=STATE.phase,
                headers=self.headers,
                allow_redirects=False,
                catch_response=True,
            ) as response:
                if response.status_code != 200:
                    response.failure(f"{path} answered {response.status_code}")
        finally:
            STATE.in_flight -= 1

    def idle(self) -> bool:
        """Outside the phases (logging in, between two phases, done) the users wait instead
        of sending."""
        if self.broken or STATE.phase in ("setup", "drain", "done"):
            gevent.sleep(0.05)
            return True
        return False


class HealthUser(_Scenario):
    """The trivial view."""

    @task
    def healthz(self) -> None:
        if not self.idle():
            self.get_page("/healthz/")


class SignedInHealthUser(HealthUser):
    """The trivial view requested with a ward officer's session: the middleware loads the
    session and the user and checks whether he needs a second factor, as for every page he
    opens; the view itself does nothing more."""

    account = "officer"


class DashboardUser(_Scenario):
    """A ward officer's dashboard."""

    account = "officer"

    @task
    def dashboard(self) -> None:
        if not self.idle():
            self.get_page("/dashboard/")


class AutosaveUser(_Scenario):
    """A ward officer's phone saving his draft registration (six lines) as he types."""

    account = "officer"

    def prepare(self) -> None:
        pk = self.officer["registration"]
        self.url = f"/registrations/{pk}/autosave/"
        response = self.client.get(
            f"/registrations/{pk}/edit/", name="open the form", headers=self.headers
        )
        found = _VERSION.search(response.text or "")
        self.version = found.group(1) if found else ""
        self.saves = 0

    def form(self) -> str:
        """The form as the phone posts it (``load_users.autosave_fields``): a JSON object of the
        fields, as registration-form.js sends it."""
        self.saves += 1
        fields = autosave_fields(
            self.officer, csrf=self.csrf, version=self.version, saves=self.saves
        )
        return json.dumps(dict(fields))

    @task
    def autosave(self) -> None:
        if self.idle():
            return
        headers = {
            **self.headers,
            "Content-Type": "application/json",
            "X-Requested-With": "fetch",
            "X-CSRFToken": self.csrf,
        }
        STATE.in_flight += 1
        try:
            with self.client.post(
                self.url,
                data=self.form(),
                name=STATE.phase,
                headers=headers,
                allow_redirects=False,
                catch_response=True,
            ) as response:
                answer = {}
                if response.status_code == 200:
                    try:
                        answer = response.json()
                    except ValueError:
                        answer = {}
                if answer.get("saved"):
                    self.version = answer["version"]
                else:
                    reason = answer.get("reason", "")
                    response.failure(f"autosave answered {response.status_code} {reason}".strip())
        finally:
            STATE.in_flight -= 1


class QueueUser(_Scenario):
    """The secretariat's dossier queue, first page."""

    account = "secretariat"

    @task
    def queue(self) -> None:
        if not self.idle():
            self.get_page("/dossiers/queue/")


class DossierUser(_Scenario):
    """The appraisal page of one dossier in appraisal."""

    account = "secretariat"

    @task
    def dossier(self) -> None:
        if not self.idle():
            self.get_page(f"/dossiers/{TARGETS['dossier']}/appraisal/")


class SummaryUser(_Scenario):
    """The annual summary of the council's last full year."""

    account = "secretariat"

    @task
    def summary(self) -> None:
        if not self.idle():
            self.get_page(TARGETS["summary"])


def _cpu() -> dict[str, dict[int, float]]:
    """CPU seconds (user and system) used so far, by process id: this process (``locust``)
    and the server (``server``: ``LOAD_SERVER_PID``, gunicorn's master, and its workers); and
    the whole machine's busy seconds (``machine``, every core, under the key 0)."""
    import psutil

    def seconds(proc) -> float:
        times = proc.cpu_times()
        return times.user + times.system

    me = psutil.Process()
    machine = psutil.cpu_times()
    found: dict[str, dict[int, float]] = {
        "locust": {me.pid: seconds(me)},
        "server": {},
        "machine": {0: sum(machine) - machine.idle - getattr(machine, "iowait", 0.0)},
    }
    if os.environ.get("LOAD_SERVER_PID"):
        try:
            master = psutil.Process(int(os.environ["LOAD_SERVER_PID"]))
            for proc in [master, *master.children(recursive=True)]:
                found["server"][proc.pid] = seconds(proc)
        except psutil.Error:
            pass
    return found


def _cpu_used(before: dict, after: dict) -> dict[str, float]:
    """CPU seconds used between two ``_cpu`` readings, per group (a process that ended in
    between is left out; one that started counts from its start)."""
    return {
        group: sum(total - before[group].get(pid, 0.0) for pid, total in after[group].items())
        for group in after
    }


def _director(environment) -> None:
    """Wait for every user, run the phases (timing each and the CPU that locust and the server
    used in it), write the results, quit."""
    STATE.all_ready.wait(timeout=READY_TIMEOUT_S)
    for name, seconds in PHASES:
        start, before = time.monotonic(), _cpu()
        STATE.phase = name
        gevent.sleep(seconds)
        # No new request; the phase ends when its last request is answered.
        STATE.phase = "drain"
        deadline = time.monotonic() + DRAIN_TIMEOUT_S
        while STATE.in_flight and time.monotonic() < deadline:
            gevent.sleep(0.01)
        STATE.durations[name] = time.monotonic() - start
        STATE.cpu[name] = _cpu_used(before, _cpu())
    STATE.phase = "done"
    _write_results(environment)
    environment.runner.quit()


def _write_results(environment) -> None:
    stats = environment.stats
    entries = {}
    for (name, method), entry in stats.entries.items():
        entries[name] = {
            "method": method,
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "p50": entry.get_response_time_percentile(0.5),
            "p95": entry.get_response_time_percentile(0.95),
            "p99": entry.get_response_time_percentile(0.99),
            "average": entry.avg_response_time,
            "max": entry.max_response_time,
        }
    result = {
        "users_ready": STATE.ready,
        "durations": STATE.durations,
        "cpu": STATE.cpu,
        "entries": entries,
        "errors": [
            {"name": e.name, "method": e.method, "error": str(e.error), "count": e.occurrences}
            for e in stats.errors.values()
        ],
    }
    path = os.environ.get("LOAD_RESULT")
    if path:
        Path(path).write_text(json.dumps(result, indent=1))


@events.test_start.add_listener
def _start(environment, **_kwargs) -> None:
    gevent.spawn(_director, environment)
