"""What ``scripts/backup`` and ``scripts/restore`` ask Django: the database and media settings,
a consistent dump with its manifest, and the check of a restored database against it.

Run with the project's Python from the repository root; the settings are those of
``manage.py`` (``DJANGO_SETTINGS_MODULE``, default ``config.settings.local``), so
``DATABASE_URL``, ``MEDIA_ROOT`` and ``.env`` are read exactly as the application reads them.

Subcommands (each prints to stdout, errors to stderr, exit status 0 when all is well):

``config``
    Shell assignments (``eval``-safe): ``DB_VENDOR``, ``DB_NAME``, ``MEDIA_ROOT`` and the
    ``PGHOST``/``PGPORT``/``PGUSER``/``PGPASSWORD`` of the default database.
``dump DIR REVISION``
    PostgreSQL only. Opens a read-only repeatable-read transaction, exports its snapshot and
    runs ``pg_dump --format=custom --snapshot`` into ``DIR/database.dump``, then, in that same
    snapshot, counts the rows of every table and lists the applied migrations and the files the
    database refers to. Writes ``DIR/manifest.json`` and ``DIR/referenced-files.txt``: the
    manifest describes exactly what the dump holds, even while users keep working.
``note-media DIR``
    Adds to the manifest the files and bytes of ``DIR/media.tar.gz`` and the referenced files
    the archive lacks (deleted between the dump and the archive, or already missing).
``check DIR``
    After a restore: the current database's counts and applied migrations against the manifest,
    and every referenced file present under ``MEDIA_ROOT``. Prints a table; exit status 1 when
    anything differs.
"""

from __future__ import annotations

import datetime
import json
import os
import shlex
import subprocess
import sys
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA_ARCHIVE = "media.tar.gz"
REFERENCED = "referenced-files.txt"
FORMAT_VERSION = 1
# The tables the restore prints one by one; every other table is compared too, in one line.
MAIN_TABLES = (
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
    "dossiers.Round",
    "dossiers.Dossier",
    "dossiers.Nomination",
    "dossiers.Attachment",
    "common.StateChange",
)


def _setup_django() -> None:
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()


def _fail(message: str) -> None:
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(2)


def _database() -> dict:
    from django.db import connection

    return connection.settings_dict


def command_config() -> int:
    """Print the database and media settings as shell assignments."""
    from django.conf import settings
    from django.db import connection

    db = _database()
    values = {
        "DB_VENDOR": connection.vendor,
        "DB_NAME": str(db.get("NAME") or ""),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "PGHOST": str(db.get("HOST") or ""),
        "PGPORT": str(db.get("PORT") or ""),
        "PGUSER": str(db.get("USER") or ""),
        "PGPASSWORD": str(db.get("PASSWORD") or ""),
    }
    for name, value in values.items():
        print(f"{name}={shlex.quote(value)}")
    return 0


def _pg_env() -> dict:
    """The environment for the PostgreSQL client programs: the password never on a command
    line."""
    db = _database()
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
    ):
        if db.get(key):
            env[variable] = str(db[key])
    env["PGDATABASE"] = str(db["NAME"])
    return env


def _models() -> list:
    """Every concrete table Django manages that the database has (a model whose migration is
    not applied yet is left out), many-to-many tables included, by label."""
    from django.apps import apps
    from django.db import connection

    tables = set(connection.introspection.table_names())
    found = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and not model._meta.swapped
        and model._meta.db_table in tables
    ]
    return sorted(found, key=lambda model: model._meta.label)


def _counts() -> dict[str, int]:
    """Rows per table (the base manager: no default filter hides a row)."""
    return {model._meta.label: model._base_manager.count() for model in _models()}


def _migrations() -> dict[str, list[str]]:
    """The applied migrations per app, as the database records them."""
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def _referenced_files() -> list[str]:
    """The storage names every FileField of every row refers to (empty values left out)."""
    from django.db import models

    names: set[str] = set()
    for model in _models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField) and field.concrete:
                values = model._base_manager.exclude(**{field.name: ""}).exclude(
                    **{f"{field.name}__isnull": True}
                )
                names.update(values.values_list(field.name, flat=True))
    return sorted(names)


def command_dump(directory: Path, revision: str) -> int:
    """pg_dump of one snapshot, with the manifest of that snapshot."""
    from django.conf import settings
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        _fail(f"scripts/backup is for PostgreSQL (the database is {connection.vendor}).")
    db = _database()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version'), now()")
        snapshot, server_version, taken_at = cursor.fetchone()
        subprocess.run(  # noqa: S603 - fixed program, arguments are ours
            [  # noqa: S607 - the pg_dump on PATH, as for an operator
                "pg_dump",
                "--format=custom",
                f"--snapshot={snapshot}",
                f"--file={directory / DUMP}",
            ],
            env=_pg_env(),
            check=True,
        )
        counts = _counts()
        migrations = _migrations()
        referenced = _referenced_files()
    pg_dump = subprocess.run(
        ["pg_dump", "--version"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    manifest = {
        "format": FORMAT_VERSION,
        # The moment of the snapshot: what the dump holds is the database at that time.
        "created_at": taken_at.astimezone(datetime.UTC).isoformat(timespec="seconds"),
        "revision": revision or "unknown",
        "settings": os.environ["DJANGO_SETTINGS_MODULE"],
        "database": {
            "vendor": connection.vendor,
            "name": db["NAME"],
            "host": db.get("HOST") or "",
            "server_version": server_version,
            "pg_dump": pg_dump,
        },
        "media_root": str(settings.MEDIA_ROOT),
        "migrations": migrations,
        "counts": counts,
        "referenced_files": len(referenced),
    }
    (directory / REFERENCED).write_text("".join(f"{name}\n" for name in referenced))
    _write_manifest(directory, manifest)
    return 0


def _read_manifest(directory: Path) -> dict:
    try:
        return json.loads((directory / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        _fail(f"cannot read {directory / MANIFEST}: {error}")
        raise  # unreachable, for the type checker


def _write_manifest(directory: Path, manifest: dict) -> None:
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")


def _referenced(directory: Path) -> list[str]:
    return (directory / REFERENCED).read_text().splitlines()


def command_note_media(directory: Path) -> int:
    """Record what the media archive holds, and the referenced files it lacks."""
    files, size, members = 0, 0, set()
    with tarfile.open(directory / MEDIA_ARCHIVE, "r:gz") as archive:
        for member in archive:
            if member.isfile():
                files += 1
                size += member.size
                members.add(os.path.normpath(member.name))
    missing = [name for name in _referenced(directory) if os.path.normpath(name) not in members]
    manifest = _read_manifest(directory)
    manifest["media"] = {
        "files": files,
        "bytes": size,
        "referenced_missing": len(missing),
        "referenced_missing_examples": missing[:20],
    }
    _write_manifest(directory, manifest)
    if missing:
        print(
            f"warning: {len(missing)} file(s) the database refers to are not in the media "
            f"archive, e.g. {missing[0]}",
            file=sys.stderr,
        )
    return 0


def _row(label: str, backup: object, restored: object, *, differs: bool = False) -> str:
    return f"{label:<36} {backup!s:>10} {restored!s:>10}" + ("   DIFFERENT" if differs else "")


def command_check(directory: Path) -> int:
    """Compare the restored database and MEDIA_ROOT with the manifest; print the table."""
    from django.conf import settings

    manifest = _read_manifest(directory)
    expected: dict[str, int] = manifest["counts"]
    found = _counts()
    labels = set(expected) | set(found)
    differing = {label for label in labels if expected.get(label) != found.get(label)}
    print(_row("table", "backup", "restored"))
    shown = [label for label in MAIN_TABLES if label in labels]
    shown += sorted(differing - set(shown))
    for label in shown:
        print(
            _row(
                label,
                expected.get(label, "-"),
                found.get(label, "-"),
                differs=label in differing,
            )
        )
    same = len(labels - set(shown))
    print(_row("(other tables, all equal)", same, same))
    problems = len(differing)
    if _migrations() != manifest["migrations"]:
        print("DIFFERENT: the applied migrations are not those of the backup.")
        problems += 1
    media = Path(settings.MEDIA_ROOT)
    referenced = _referenced(directory)
    absent = [name for name in referenced if not (media / name).is_file()]
    print(_row("files referenced / present", len(referenced), len(referenced) - len(absent)))
    if len(absent) > manifest.get("media", {}).get("referenced_missing", 0):
        print(f"DIFFERENT: {len(absent)} referenced file(s) missing under {media}: {absent[0]}")
        problems += 1
    if problems:
        print(f"{problems} difference(s) with the backup of {manifest['created_at']}.")
        return 1
    print(f"Same as the backup of {manifest['created_at']} (revision {manifest['revision']}).")
    return 0


def main(argv: list[str]) -> int:
    """Dispatch ``argv`` (see the module docstring)."""
    if not argv or argv[0] not in {"config", "dump", "note-media", "check"}:
        print(__doc__, file=sys.stderr)
        return 2
    command, args = argv[0], argv[1:]
    if command == "note-media":  # needs no database
        return command_note_media(Path(args[0]))
    _setup_django()
    if command == "config":
        return command_config()
    if command == "dump":
        return command_dump(Path(args[0]), args[1] if len(args) > 1 else "")
    return command_check(Path(args[0]))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
