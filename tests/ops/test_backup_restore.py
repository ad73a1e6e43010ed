"""scripts/backup and scripts/restore, run as an operator runs them: a populated database is
backed up, restored into a fresh database and media folder, and the copy has the same rows, the
same document bytes and a login that works. Also what they refuse.

The round trip needs PostgreSQL (tests/conftest.py ``require_service``); the data is committed
(a transactional test) so that pg_dump, another process, sees it."""

import hashlib
import json
import re
import sys
from pathlib import Path

import psycopg
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.db import connection

from dossiers.models import Attachment
from organizations.models import Unit
from tests.conftest import require_service
from tests.ops.conftest import database_url, run

# The rows the copy must have, table by table (the manifest compares every table as well).
COUNTED = (
    "auth.User",
    "organizations.Unit",
    "organizations.Person",
    "organizations.Membership",
    "plans.Plan",
    "campaigns.Campaign",
    "campaigns.Cluster",
    "registrations.Registration",
    "registrations.RegistrationEntry",
    "awards.AwardDecision",
    "awards.AwardGrant",
    "awards.AwardRule",
    "dossiers.Dossier",
    "dossiers.Nomination",
    "dossiers.Attachment",
    "dossiers.DossierVersion",
    "common.StateChange",
)
OFFICER = "canbo_phulam"  # a unit officer of the demo: logs in with a password only

# Run in the restored database by ``manage.py shell -c``: the counts, then a wrong and the right
# password through the real login page, then the dashboard.
CHECK = """
import json, os
from django.apps import apps
from django.test import Client
from django.urls import reverse
labels = os.environ["CHECK_LABELS"].split()
user, password = os.environ["CHECK_USER"], os.environ["CHECK_PASSWORD"]
counts = {label: apps.get_model(label)._base_manager.count() for label in labels}
client = Client()
client.post(reverse("login"), {"username": user, "password": "not-" + password})
refused = "_auth_user_id" not in client.session
login = client.post(reverse("login"), {"username": user, "password": password})
dashboard = client.get(reverse("dashboard"))
print("RESULT " + json.dumps({
    "counts": counts,
    "wrong_password_refused": refused,
    "login_status": login.status_code,
    "logged_in": client.session.get("_auth_user_id"),
    "dashboard_status": dashboard.status_code,
}))
"""


@pytest.fixture
def postgres() -> dict:
    """The test database's settings; PostgreSQL required (skipped or failed otherwise)."""
    require_service(
        "PostgreSQL",
        connection.vendor == "postgresql",
        f"the test database is {connection.vendor}; backups are for PostgreSQL",
    )
    return connection.settings_dict


@pytest.fixture
def media(settings, tmp_path) -> Path:
    """The uploads of this test go to a fresh MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def restored_name(postgres):
    """The name of a database that does not exist, dropped again after the test."""
    name = f"{postgres['NAME']}_restored"
    _drop(postgres, name)
    yield name
    _drop(postgres, name)


def _drop(settings_dict: dict, name: str) -> None:
    with psycopg.connect(database_url(settings_dict, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _counts() -> dict[str, int]:
    from django.apps import apps

    return {label: apps.get_model(label)._base_manager.count() for label in COUNTED}


def _digests(root: Path) -> dict[str, str]:
    """SHA-256 of every dossier document under ``root``, by storage name."""
    return {
        name: hashlib.sha256((root / name).read_bytes()).hexdigest()
        for name in Attachment.objects.values_list("file", flat=True)
    }


def _backup_folder(output: Path) -> Path:
    (folder,) = output.iterdir()
    return folder


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_fresh_database_with_its_rows_files_and_logins(
    postgres, media, demo_world, restored_name, tmp_path
):
    password = demo_world[OFFICER]
    before = _counts()
    documents = _digests(media)
    assert before["dossiers.Attachment"] >= 5
    assert before["awards.AwardGrant"]
    assert before["registrations.RegistrationEntry"]
    source = database_url(postgres, postgres["NAME"])

    backup = run(
        ["scripts/backup", "--output", str(tmp_path / "backups")],
        DATABASE_URL=source,
        MEDIA_ROOT=str(media),
    )
    assert backup.returncode == 0, backup.stdout + backup.stderr
    folder = _backup_folder(tmp_path / "backups")
    assert re.fullmatch(r"tdkt-\d{8}-\d{6}Z", folder.name)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert {label: manifest["counts"][label] for label in COUNTED} == before
    assert manifest["media"]["referenced_missing"] == 0
    assert manifest["migrations"]["dossiers"]

    restored_media = tmp_path / "restored-media"
    target = {"DATABASE_URL": database_url(postgres, restored_name)}
    restore = run(["scripts/restore", str(folder)], **target, MEDIA_ROOT=str(restored_media))
    assert restore.returncode == 0, restore.stdout + restore.stderr
    assert "Restored" in restore.stdout
    assert re.search(r"dossiers\.Attachment\s+(\d+)\s+\1\b", restore.stdout)

    check = run(
        [sys.executable, "manage.py", "shell", "-c", CHECK],
        **target,
        MEDIA_ROOT=str(restored_media),
        CHECK_LABELS=" ".join(COUNTED),
        CHECK_USER=OFFICER,
        CHECK_PASSWORD=password,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    (line,) = [line for line in check.stdout.splitlines() if line.startswith("RESULT ")]
    result = json.loads(line.removeprefix("RESULT "))
    assert result["counts"] == before
    assert result["wrong_password_refused"]
    assert result["login_status"] == 302
    assert result["logged_in"] == str(get_user_model().objects.get(username=OFFICER).pk)
    assert result["dashboard_status"] == 200
    assert _digests(restored_media) == documents

    with psycopg.connect(target["DATABASE_URL"]) as copy:
        (stored_hash,) = copy.execute(
            "SELECT password FROM auth_user WHERE username = %s", [OFFICER]
        ).fetchone()
    assert check_password(password, stored_hash)


def _fake_backup(folder: Path) -> Path:
    """A folder with the files of a backup and matching checksums (contents never read: the
    restore must refuse before using them)."""
    folder.mkdir()
    for name in ("database.dump", "media.tar.gz", "manifest.json", "referenced-files.txt"):
        (folder / name).write_text("{}")
    sums = run(["bash", "-c", f"cd '{folder}' && sha256sum * > SHA256SUMS"])
    assert sums.returncode == 0, sums.stderr
    return folder


@pytest.mark.django_db
def test_restore_refuses_a_database_that_has_tables_and_changes_nothing(postgres, tmp_path, tree):
    units = Unit.objects.count()
    result = run(
        ["scripts/restore", str(_fake_backup(tmp_path / "backup"))],
        DATABASE_URL=database_url(postgres, postgres["NAME"]),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    assert result.returncode == 2
    assert f"database {postgres['NAME']} is not empty" in result.stderr
    assert "--force" in result.stderr
    assert Unit.objects.count() == units
    assert not (tmp_path / "media").exists()


@pytest.mark.django_db
def test_restore_refuses_a_media_folder_with_files_and_creates_no_database(
    postgres, restored_name, tmp_path
):
    media = tmp_path / "media"
    (media / "dossiers").mkdir(parents=True)
    (media / "dossiers" / "kept.pdf").write_bytes(b"%PDF-1.4 kept")
    result = run(
        ["scripts/restore", str(_fake_backup(tmp_path / "backup"))],
        DATABASE_URL=database_url(postgres, restored_name),
        MEDIA_ROOT=str(media),
    )
    assert result.returncode == 2
    assert "already holds files" in result.stderr
    assert (media / "dossiers" / "kept.pdf").read_bytes() == b"%PDF-1.4 kept"
    with psycopg.connect(database_url(postgres, "postgres")) as admin:
        found = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [restored_name]
        ).fetchone()
    assert found is None


def test_restore_refuses_a_damaged_backup(tmp_path):
    folder = _fake_backup(tmp_path / "backup")
    (folder / "database.dump").write_text("changed")
    result = run(["scripts/restore", str(folder)], MEDIA_ROOT=str(tmp_path / "media"))
    assert result.returncode == 2
    assert "checksums do not match" in result.stderr


@pytest.mark.parametrize("script", ["scripts/backup", "scripts/restore"])
def test_scripts_say_they_are_for_postgresql_on_sqlite(script, tmp_path):
    args = [script] if script == "scripts/backup" else [script, str(_fake_backup(tmp_path / "b"))]
    result = run(
        [*args, *(["--output", str(tmp_path / "out")] if script == "scripts/backup" else [])],
        DATABASE_URL=f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    assert result.returncode == 2
    assert "is for PostgreSQL" in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.parametrize("script", ["scripts/backup", "scripts/restore"])
def test_scripts_explain_themselves(script):
    result = run([script, "--help"])
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: ")
    assert "--force" in result.stdout or "--output" in result.stdout
