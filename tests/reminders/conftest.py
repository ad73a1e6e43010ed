"""Fixtures of the reminders tests: a council's own obligation owed by two wards, a clock and
a mail server that can fail (the outside world, the only things mocked)."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.mail.backends import locmem
from django.utils import timezone

from organizations.models import Membership
from reminders.models import Deadline, DeadlineUnit
from tests.campaigns.conftest import clusters  # noqa: F401 - a fixture ``window`` needs
from tests.dossiers.conftest import world  # noqa: F401 - a round of the district, for tests
from tests.factories import MembershipFactory, UserFactory
from tests.registrations.conftest import window  # noqa: F401 - a launched campaign's window


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded files (proofs, cluster documents, dossier attachments) go to a fresh directory
    per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    """A local moment of ``day``."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@dataclass
class Owed:
    deadline: Deadline
    target_a: DeadlineUnit
    target_b: DeadlineUnit


# Thursday 12/03/2026: due dates and reminders around it fall on plain working days.
DUE = datetime.date(2026, 3, 12)


@pytest.fixture
def officer_b(tree):
    """A unit officer of ward B, with an e-mail address."""
    return MembershipFactory(
        user=UserFactory(username="canbo_b", email="canbo_b@phuong.example.com"),
        unit=tree.ward_b,
        role=Membership.Role.UNIT_OFFICER,
    ).user


@pytest.fixture
def owed(tree, officer_a, officer_b) -> Owed:
    """A report the district council asks of wards A and B by ``DUE``, their units responsible
    since a month before."""
    officer_a.email = "canbo_a@phuong.example.com"
    officer_a.save()
    deadline = Deadline.objects.create(
        kind=Deadline.Kind.OTHER,
        council=tree.council,
        title="Gửi báo cáo tổng kết công tác thi đua, khen thưởng năm 2025",
        due_date=DUE,
    )
    month_before = at(DUE - datetime.timedelta(days=30))
    a = DeadlineUnit.objects.create(deadline=deadline, unit=tree.ward_a)
    b = DeadlineUnit.objects.create(deadline=deadline, unit=tree.ward_b)
    DeadlineUnit.objects.filter(pk__in=[a.pk, b.pk]).update(added_at=month_before)
    a.refresh_from_db()
    b.refresh_from_db()
    return Owed(deadline, a, b)


@dataclass
class Clock:
    """The time every ``timezone.now()`` reads while the fixture is active."""

    now: datetime.datetime

    def set(self, day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
        self.now = at(day, hour) + datetime.timedelta(minutes=minute)
        return self.now

    def advance(self, **delta) -> datetime.datetime:
        self.now += datetime.timedelta(**delta)
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    """A stopped clock, at 09:00 on ``DUE`` until set: the dispatcher, the workers and the
    ``auto_now`` fields all read it."""
    clock = Clock(at(DUE))
    monkeypatch.setattr(timezone, "now", lambda: clock.now)
    return clock


class MailServer:
    """The mail server of the test backend: ``error`` (an exception), when set, is raised by
    every send, as an SMTP server that is down or refuses a recipient does."""

    def __init__(self) -> None:
        self.error: BaseException | None = None
        self.attempts = 0


@pytest.fixture
def mail_server(monkeypatch) -> MailServer:
    server = MailServer()
    send_messages = locmem.EmailBackend.send_messages

    def send_or_fail(backend, messages):
        server.attempts += 1
        if server.error is not None:
            raise server.error
        return send_messages(backend, messages)

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", send_or_fail)
    return server
