"""Fixtures of the notifications tests: the clock and the mail server of the reminders tests
(the outside world), the dossiers' ``world`` and a few users with and without an address."""

import pytest

from tests.dossiers.conftest import world  # noqa: F401 - the dossier events' tests
from tests.factories import UserFactory
from tests.reminders.conftest import clock, mail_server  # noqa: F401 - fixtures


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Uploaded files (the dossiers' attachments) go to a fresh directory per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def people(db):
    """Three users: Lan (Vietnamese mail), John (English mail) and Hùng (no e-mail address)."""
    from notifications.services import preference_update

    lan = UserFactory(username="lan", email="lan@sontay.example.com")
    john = UserFactory(username="john", email="john@sontay.example.com")
    hung = UserFactory(username="hung", email="")
    preference_update(user=john, language="en", mute_reminders=False)
    return lan, john, hung
