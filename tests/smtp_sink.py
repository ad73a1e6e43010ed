"""A local SMTP server that keeps every message it receives: the mail server of the tests that
send real mail, from the test process or from a Celery worker in another process.

    with SmtpSink() as sink:        # listens on 127.0.0.1, a free port (sink.port)
        ...                         # send to 127.0.0.1:sink.port
        sink.messages               # [Received(recipients, subject, body, at), …] in order
        sink.call_at(100, action)   # run action when the 100th arrives, before answering it

It runs aiosmtpd's ``Controller`` (its own thread and event loop); ``messages`` is safe to read
from any thread while mail arrives.
"""

import email
import email.policy
import logging
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from aiosmtpd.controller import Controller


@dataclass(frozen=True)
class Received:
    """One message as the server took it: the envelope recipients, the subject, the plain
    text body and when it arrived (``time.monotonic()``)."""

    recipients: tuple[str, ...]
    subject: str
    body: str
    at: float

    @classmethod
    def parse(cls, recipients: tuple[str, ...], content: bytes, at: float) -> "Received":
        message = email.message_from_bytes(content, policy=email.policy.default)
        text = message.get_body(preferencelist=("plain",))
        return cls(
            recipients=recipients,
            # A folded encoded subject parses with the space of its fold first.
            subject=str(message["subject"] or "").strip(),
            body=text.get_content() if text is not None else "",
            at=at,
        )


class _Collector:
    """The aiosmtpd handler: keeps each message as it came, under a lock; it is parsed when
    read, so that the server answers as fast as a real one."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.raw: list[tuple[tuple[str, ...], bytes, float]] = []
        self.parsed: list[Received] = []
        self.triggers: dict[int, Callable[[], None]] = {}

    async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd's hook
        with self.lock:
            self.raw.append((tuple(envelope.rcpt_tos), envelope.original_content, time.monotonic()))
            trigger = self.triggers.pop(len(self.raw), None)
        if trigger is not None:
            trigger()  # before the sender hears that its message arrived
        return "250 Message accepted for delivery"

    def messages(self) -> list[Received]:
        with self.lock:
            self.parsed += [Received.parse(*raw) for raw in self.raw[len(self.parsed) :]]
            return list(self.parsed)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


class SmtpSink:
    """The SMTP server of the module docstring; ``start``/``stop`` or use it as a context
    manager."""

    host = "127.0.0.1"

    def __init__(self) -> None:
        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
        self._collector = _Collector()
        self.port = free_port(self.host)
        self._controller = Controller(self._collector, hostname=self.host, port=self.port)

    @property
    def url(self) -> str:
        """The address in ``EMAIL_URL`` form: ``smtp://127.0.0.1:<port>``."""
        return f"smtp://{self.host}:{self.port}"

    @property
    def messages(self) -> list[Received]:
        """The messages received so far, parsed."""
        return self._collector.messages()

    def count(self) -> int:
        """How many messages arrived so far."""
        with self._collector.lock:
            return len(self._collector.raw)

    def by_recipient(self) -> Counter:
        """How many messages each address received."""
        return Counter(address for m in self.messages for address in m.recipients)

    def call_at(self, count: int, action: Callable[[], None]) -> None:
        """Call ``action`` when the ``count``-th message has arrived, before the server
        answers that it was accepted: the sender is still waiting for that answer."""
        with self._collector.lock:
            self._collector.triggers[count] = action

    def clear(self) -> None:
        """Forget the messages received so far."""
        with self._collector.lock:
            self._collector.raw.clear()
            self._collector.parsed.clear()

    def wait_for(self, count: int, *, timeout: float) -> int:
        """Wait until at least ``count`` messages arrived or ``timeout`` seconds passed;
        returns how many arrived."""
        deadline = time.monotonic() + timeout
        while self.count() < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.count()

    def start(self) -> "SmtpSink":
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def __enter__(self) -> "SmtpSink":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
