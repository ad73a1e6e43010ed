"""The import pages pass who imports and which file to the save: the entries of an award
history and of a registration imported in the browser name the user and the file."""

import pytest

from common.audit import AWARDS_HISTORY_IMPORT, REGISTRATION_LINES_IMPORT
from common.models import AuditEntry
from registrations.services.registrations import registration_start
from tests.awards.test_history_import import grant, preview_of
from tests.registrations.test_import import individual
from tests.registrations.test_import import preview_of as registration_preview_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_award_history_import_page_records_the_user_and_the_file(client, tree, secretariat):
    client.force_login(secretariat)
    url, _ = preview_of(client, grants=[grant(), grant(full_name="Lê Văn Cường")])

    assert client.post(url).status_code == 302

    entries = AuditEntry.objects.all()
    assert entries.count() == 5  # two people, a decision, two grants
    assert {(e.actor, e.source, e.reference) for e in entries} == {
        (secretariat, AWARDS_HISTORY_IMPORT, "khen-thuong-2024.xlsx")
    }


def test_a_registration_import_page_records_the_user_and_the_file(client, tree, officer_a, window):
    registration = registration_start(window=window.window, unit=tree.ward_a)
    client.force_login(officer_a)
    url, _ = registration_preview_of(
        client, registration, [individual("Người Mới", birth_year=1990)]
    )

    assert client.post(url).status_code == 302

    entries = AuditEntry.objects.all()
    assert entries.count() == 2  # the new person and the line
    assert {(e.actor, e.source, e.reference) for e in entries} == {
        (officer_a, REGISTRATION_LINES_IMPORT, "dang-ky-2020.xlsx")
    }
