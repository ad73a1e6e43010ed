"""Real Celery workers for the reliability tests and benchmarks/reminders.py.

``CeleryWorker`` runs ``celery -A config worker`` as another process, in its own process group
so that it can be killed whole (the main process and its pool) like a machine losing power.
``celery_broker`` points this process's Celery app at a broker and back; ``own_redis_url`` is
the Redis database they use.
"""

import ctypes
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import redis

from config.celery_app import app as celery_app

REPO = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")
PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the child before exec: Linux kills it when the thread that started it ends (the
    test process interrupted), so no worker is left consuming from the test's Redis database.
    Start workers from the main thread."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


# The reliability tests' own Redis database (the suite's is 0), emptied before and after use.
REDIS_DB = 7


def own_redis_url() -> str:
    """REDIS_URL's server (default 127.0.0.1:6379) with database ``REDIS_DB``."""
    parts = urlsplit(os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0")
    return urlunsplit(parts._replace(path=f"/{REDIS_DB}"))


def redis_flush(url: str) -> bool:
    """Empty the Redis database at ``url``; False when nothing answers there."""
    client = redis.Redis.from_url(url, socket_connect_timeout=2)
    try:
        client.flushdb()
    except redis.RedisError:
        return False
    finally:
        client.close()
    return True


def database_url(settings_dict: dict) -> str:
    """``DATABASE_URL`` of the database a Django connection uses (``settings_dict``), so that
    another process works on the same one: the test database, not the configured one."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host, port = settings_dict.get("HOST") or "127.0.0.1", settings_dict.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{quote(settings_dict['NAME'], safe='')}"


class CeleryWorker:
    """``celery -A config worker --pool=prefork`` on ``redis_url``, using the database of
    ``database_url`` and sending mail to ``email_url``, with config.settings.test (its
    ``CELERY_TASK_ALWAYS_EAGER`` only concerns tasks the worker would itself queue). Output
    goes to ``log_path``."""

    def __init__(
        self,
        *,
        redis_url: str,
        database_url: str,
        email_url: str,
        log_path: Path,
        concurrency: int = 2,
    ) -> None:
        self.concurrency = concurrency
        self.log_path = log_path
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "TDKT_TEST_EMAIL_URL": email_url,
        }
        self.process: subprocess.Popen | None = None

    def start(self) -> "CeleryWorker":
        command = [
            str(CELERY),
            "-A",
            "config",
            "worker",
            "--pool=prefork",
            f"--concurrency={self.concurrency}",
            "-l",
            "WARNING",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            f"reliability-{uuid.uuid4().hex[:8]}@%h",
        ]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own command line
                command,
                cwd=REPO,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, for killpg
                preexec_fn=_die_with_parent,
            )
        return self

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL the whole process group at once: no task finishes, nothing is acked."""
        self._signal(signal.SIGKILL)

    def stop(self) -> None:
        """Ask for a warm shutdown, then SIGKILL what is left after 10 seconds."""
        if not self.alive:
            return
        self._signal(signal.SIGTERM, wait=10)
        if self.alive:
            self.kill()

    def _signal(self, sig: int, wait: float = 10) -> None:
        assert self.process is not None
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)
        with suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=wait)

    def log_tail(self, lines: int = 30) -> str:
        """The last ``lines`` lines of the worker's output."""
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def _forget_connections() -> None:
    """Drop this process's broker and result-backend connections so the next task message
    uses the current configuration (Celery caches both)."""
    from kombu import pools

    backend = celery_app._backend_cache or getattr(celery_app._local, "backend", None)
    if backend is not None:
        pubsub = getattr(getattr(backend, "result_consumer", None), "_pubsub", None)
        if pubsub is not None:
            pubsub.close()
        client = backend.__dict__.get("client")
        if client is not None:
            client.close()
    pools.reset()
    celery_app._pool = None
    amqp = celery_app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None
    celery_app._backend_cache = None
    celery_app._local.__dict__.pop("backend", None)


@contextmanager
def celery_broker(url: str) -> Iterator[None]:
    """Send this process's tasks to the broker at ``url`` (also the result backend, as in
    production) instead of running them in-process; the configuration is restored after."""
    keys = ("broker_url", "result_backend", "task_always_eager")
    saved = {key: celery_app.conf[key] for key in keys}
    celery_app.conf.update(broker_url=url, result_backend=url, task_always_eager=False)
    _forget_connections()
    try:
        yield
    finally:
        _forget_connections()
        celery_app.conf.update(saved)
