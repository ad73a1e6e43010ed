"""Migrations: every data migration (a ``RunPython`` operation) is tested by migrating to the
state before it, writing the rows it works on with the historical models, migrating forward,
checking the result and migrating back; and the whole history applies to an empty database,
unapplies to zero, and matches the models (``makemigrations --check``).

The data migration tests move the test database's schema, so they are transactional and put
every app back at its latest migration when they end (``migrator``)."""

import datetime
import json
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython

from awards import catalog_data
from certificates.defaults import DEFAULT_TEMPLATES
from certificates.positions import default_positions
from tests.ops.conftest import ROOT, database_url, run

# Each data migration of the project and the test below that covers it.
TESTED_DATA_MIGRATIONS = {
    ("awards", "0002_catalog_data"): "test_catalog_data_writes_the_national_catalog",
    ("awards", "0003_registration_asks"): "test_registration_asks_fills_the_new_field",
    ("certificates", "0002_default_templates"): "test_default_templates_are_created_once",
}


def _migrate(targets: list[tuple[str, str]]):
    """Migrate the test database to ``targets``; the historical app registry of that state."""
    MigrationExecutor(connection).migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.fixture
def migrator(transactional_db, award_catalog):
    """``_migrate``, from a database with the national catalog (a transactional test before may
    have emptied it); every app is back at its latest migration after the test (before the
    database is emptied)."""
    yield _migrate
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _columns(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return {c.name for c in connection.introspection.get_table_description(cursor, table)}


def _project_apps() -> set[str]:
    """The labels of the apps in this repository (their code is under ROOT, not a venv)."""
    from django.apps import apps

    return {
        config.label
        for config in apps.get_app_configs()
        if ROOT in Path(config.path).parents and ".venv" not in Path(config.path).parts
    }


def test_every_data_migration_has_a_test():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    project = _project_apps()
    data_migrations = {
        key
        for key, migration in loader.disk_migrations.items()
        if key[0] in project and any(isinstance(op, RunPython) for op in migration.operations)
    }
    assert data_migrations == set(TESTED_DATA_MIGRATIONS)
    assert all(name in globals() for name in TESTED_DATA_MIGRATIONS.values())


# --- awards 0002: the national catalog --------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_catalog_data_writes_the_national_catalog(migrator):
    old = migrator([("awards", "0001_initial")])
    title, form = old.get_model("awards", "EmulationTitle"), old.get_model("awards", "AwardForm")
    rule_set, rule = old.get_model("awards", "RuleSet"), old.get_model("awards", "AwardRule")
    for model in (rule, rule_set, title, form):
        model.objects.all().delete()
    # An edited national title (set back to the law's text) and a province's own rule set
    # (left alone).
    title.objects.create(
        code="advanced_worker", name_vi="Sửa tay", name_en="Edited", citation="", order=99
    )
    province = old.get_model("organizations", "Unit").objects.create(
        name="Tỉnh Thử Di Trú", kind="province", code="93"
    )
    rule_set.objects.create(
        code="province_93",
        name="Quy định riêng của tỉnh",
        effective_from=datetime.date(2025, 1, 1),
        province=province,
        citation="Quyết định của UBND tỉnh",
    )

    new = migrator([("awards", "0002_catalog_data")])

    title, form = new.get_model("awards", "EmulationTitle"), new.get_model("awards", "AwardForm")
    rule_set, rule = new.get_model("awards", "RuleSet"), new.get_model("awards", "AwardRule")
    assert set(title.objects.values_list("code", flat=True)) == {
        row[0] for row in catalog_data.TITLES
    }
    assert set(form.objects.values_list("code", flat=True)) == {
        row[0] for row in catalog_data.FORMS
    }
    edited = title.objects.get(code="advanced_worker")
    law = next(row for row in catalog_data.TITLES if row[0] == "advanced_worker")
    assert (edited.name_vi, edited.name_en) == (law[1], law[2])
    assert set(rule_set.objects.values_list("code", flat=True)) == {
        *(data["code"] for data in catalog_data.RULE_SETS),
        "province_93",
    }
    assert rule_set.objects.get(code="province_93").province_id == province.pk
    assert rule.objects.count() == sum(len(rules) for rules in catalog_data.RULES.values())
    counts = (title.objects.count(), form.objects.count(), rule.objects.count())

    back = migrator([("awards", "0001_initial")])  # reversible: the rows stay

    assert (
        back.get_model("awards", "EmulationTitle").objects.count(),
        back.get_model("awards", "AwardForm").objects.count(),
        back.get_model("awards", "AwardRule").objects.count(),
    ) == counts


# --- awards 0003: what a registration line must name ------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_registration_asks_fills_the_new_field(migrator):
    old = migrator([("awards", "0002_catalog_data")])
    assert "registration_asks" not in _columns("awards_emulationtitle")
    title = old.get_model("awards", "EmulationTitle")
    # A title an administrator added before the field existed.
    title.objects.create(code="local_title", name_vi="Danh hiệu riêng", name_en="Own", citation="")
    # A national title whose row was lost: written again, with the field.
    title.objects.filter(code="emulation_fighter_grassroots").delete()

    new = migrator([("awards", "0003_registration_asks")])

    entries = {
        entry.code: entry.registration_asks
        for model in ("EmulationTitle", "AwardForm")
        for entry in new.get_model("awards", model).objects.all()
    }
    assert {code: asks for code, asks in entries.items() if asks} == (
        catalog_data.REGISTRATION_ASKS
    )
    assert entries["local_title"] == ""
    assert entries["advanced_worker"] == ""
    titles = new.get_model("awards", "EmulationTitle").objects.count()

    back = migrator([("awards", "0002_catalog_data")])  # reversible: the column goes, rows stay

    assert "registration_asks" not in _columns("awards_emulationtitle")
    assert back.get_model("awards", "EmulationTitle").objects.count() == titles


# --- certificates 0002: the default certificate templates -------------------------------------


@pytest.mark.django_db(transaction=True)
def test_default_templates_are_created_once(migrator):
    old = migrator([("certificates", "0001_initial")])
    template = old.get_model("certificates", "CertificateTemplate")
    template.objects.all().delete()
    # A council already made the Giấy khen template its own: kept as it is, not doubled.
    mine = DEFAULT_TEMPLATES[0]["name"]
    template.objects.create(name=mine, heading="GIẤY KHEN CỦA PHƯỜNG", positions={})
    # A form missing from the catalog: its template is skipped.
    old.get_model("awards", "AwardForm").objects.filter(
        code="certificate_of_commendation_pm"
    ).update(code="renamed_by_an_admin")

    new = migrator([("certificates", "0002_default_templates")])

    templates = {
        t.name: t for t in new.get_model("certificates", "CertificateTemplate").objects.all()
    }
    expected = [row for row in DEFAULT_TEMPLATES if row["form"] != "certificate_of_commendation_pm"]
    assert sorted(templates) == sorted(row["name"] for row in expected)
    assert templates[mine].heading == "GIẤY KHEN CỦA PHƯỜNG"
    for row in expected[1:]:
        made = templates[row["name"]]
        assert (made.form.code if made.form else None) == row["form"]
        assert (made.heading, made.verb, made.signer_title) == (
            row["heading"],
            row["verb"],
            row["signer_title"],
        )
        assert made.positions == default_positions()

    back = migrator([("certificates", "0001_initial")])  # reversible: the rows stay

    assert back.get_model("certificates", "CertificateTemplate").objects.count() == len(expected)


# --- The whole history ------------------------------------------------------------------------

# Run in the empty database once migrated: the data the migrations write, then every project app
# unapplied to zero, then the project tables left.
AFTER_MIGRATE = """
import json
from django.apps import apps
from django.core.management import call_command
from django.db import connection
counts = {
    "rules": apps.get_model("awards", "AwardRule").objects.count(),
    "templates": apps.get_model("certificates", "CertificateTemplate").objects.count(),
}
project = __PROJECT__
for label in project:
    call_command("migrate", label, "zero", verbosity=0, interactive=False)
left = sorted(
    table for table in connection.introspection.table_names()
    if table.split("_")[0] in project
)
print("RESULT " + json.dumps({"counts": counts, "left": left}))
"""


@pytest.fixture
def empty_database(tmp_path):
    """The address of an empty database of the test database's vendor, removed afterwards."""
    default = settings.DATABASES["default"]
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    name = f"{connection.settings_dict['NAME']}_zero"
    admin_url = database_url(default, "postgres")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    yield database_url(default, name)
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _result(completed) -> dict:
    assert completed.returncode == 0, completed.stdout + completed.stderr
    (line,) = [line for line in completed.stdout.splitlines() if line.startswith("RESULT ")]
    return json.loads(line.removeprefix("RESULT "))


def test_all_migrations_apply_from_zero_unapply_and_match_the_models(empty_database):
    manage = [sys.executable, "manage.py"]

    migrated = run([*manage, "migrate", "--noinput"], DATABASE_URL=empty_database)
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr
    pending = run([*manage, "migrate", "--check"], DATABASE_URL=empty_database)
    assert pending.returncode == 0, pending.stdout + pending.stderr
    changes = run([*manage, "makemigrations", "--check", "--dry-run"], DATABASE_URL=empty_database)
    assert changes.returncode == 0, f"models without a migration:\n{changes.stdout}"

    project = sorted(_project_apps())
    script = AFTER_MIGRATE.replace("__PROJECT__", repr(project))
    result = _result(run([*manage, "shell", "-c", script], DATABASE_URL=empty_database))
    assert result["counts"]["rules"] == sum(len(rules) for rules in catalog_data.RULES.values())
    assert result["counts"]["templates"] == len(DEFAULT_TEMPLATES)
    assert result["left"] == []
