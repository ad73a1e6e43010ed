"""Saving a registration's lines (registrations.services.registrations.entries_replace): only
what changed is written, the audit trail says what changed, and a save from an old page or of a
registration no longer editable is refused with nothing written."""

from dataclasses import replace

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.models import AuditEntry
from registrations.models import Registration, RegistrationEntry
from registrations.services.registrations import EntryInput, entries_replace, version_of
from tests.registrations.conftest import registration_with_lines


@pytest.fixture
def registration(window):
    """A draft of cluster member 1: a collective line and two people for Advanced Worker."""
    registration = registration_with_lines(window, window.clusters.members[1], people=2)
    AuditEntry.objects.all().delete()  # the draft as the officer finds it
    return registration


def rows_of(registration: Registration) -> list[EntryInput]:
    """The registration's lines as the form would post them back."""
    return [
        EntryInput(
            kind=line.kind,
            award=line.award,
            collective=line.collective,
            person=line.person,
            initiative_name=line.initiative_name,
            model_name=line.model_name,
        )
        for line in registration.entries.order_by("order")
    ]


def line_audit() -> list[AuditEntry]:
    kind = ContentType.objects.get_for_model(RegistrationEntry)
    return list(AuditEntry.objects.filter(content_type=kind).order_by("pk"))


def test_renaming_a_planned_initiative_keeps_the_line_and_records_the_new_name(
    registration, window
):
    officer = window.clusters.officer_of(registration.unit)
    ids = list(registration.entries.order_by("order").values_list("pk", flat=True))
    rows = rows_of(registration)
    rows[1] = replace(rows[1], initiative_name="Số hóa hồ sơ một cửa")

    entries_replace(registration=registration, rows=rows, actor=officer)

    assert list(registration.entries.order_by("order").values_list("pk", flat=True)) == ids
    assert registration.entries.get(pk=ids[1]).initiative_name == "Số hóa hồ sơ một cửa"
    [entry] = line_audit()
    assert (entry.action, entry.object_id, entry.actor) == ("update", ids[1], officer)
    assert entry.changes == {
        "before": {"initiative_name": ""},
        "after": {"initiative_name": "Số hóa hồ sơ một cửa"},
    }


def test_moving_lines_keeps_their_rows_and_the_reviewers_notes_and_records_nothing(registration):
    first, second, third = registration.entries.order_by("order")
    RegistrationEntry.objects.filter(pk=third.pk).update(review_note="Bổ sung thành tích")
    rows = rows_of(registration)

    entries_replace(registration=registration, rows=[rows[2], rows[0], rows[1]])

    moved = list(registration.entries.order_by("order"))
    assert [line.pk for line in moved] == [third.pk, first.pk, second.pk]
    assert moved[0].review_note == "Bổ sung thành tích"
    assert line_audit() == []


def test_changing_the_award_replaces_the_line(registration, window):
    old = registration.entries.order_by("order")[1]
    rows = rows_of(registration)
    rows[1] = replace(rows[1], award=window.title("emulation_fighter_grassroots"))

    entries_replace(registration=registration, rows=rows)

    assert not RegistrationEntry.objects.filter(pk=old.pk).exists()
    new = registration.entries.get(order=2)
    assert new.title.code == "emulation_fighter_grassroots"
    assert [(e.action, e.object_id) for e in line_audit()] == [
        ("delete", old.pk),
        ("create", new.pk),
    ]


def test_a_save_that_changes_nothing_writes_no_line(registration):
    before = registration.updated_at

    with CaptureQueriesContext(connection) as queries:
        saved = entries_replace(
            registration=registration,
            rows=rows_of(registration),
            version=version_of(registration),
        )

    line_table = RegistrationEntry._meta.db_table
    writes = [q["sql"] for q in queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")]
    assert not [sql for sql in writes if line_table in sql.split("WHERE")[0]]
    assert saved.updated_at > before  # the form's next version
    assert line_audit() == []


def test_a_version_that_is_not_a_time_is_refused_as_stale(registration):
    before = (registration.updated_at, registration.entries.count())

    with pytest.raises(ValidationError) as refused:
        entries_replace(registration=registration, rows=[], version="not-a-version")

    assert refused.value.code == "stale"
    registration.refresh_from_db()
    assert (registration.updated_at, registration.entries.count()) == before


def test_an_old_version_is_refused_as_stale_and_writes_nothing(registration):
    opened = version_of(registration)
    entries_replace(registration=registration, rows=rows_of(registration)[:2])  # another tab

    with pytest.raises(ValidationError) as refused:
        entries_replace(registration=registration, rows=[], version=opened)

    assert refused.value.code == "stale"
    assert registration.entries.count() == 2


def test_a_submitted_registration_is_refused_whatever_the_version(registration):
    Registration.objects.filter(pk=registration.pk).update(status=Registration.Status.SUBMITTED)

    with pytest.raises(ValidationError) as refused:
        entries_replace(registration=registration, rows=[], version=version_of(registration))

    assert refused.value.code == "not_editable"
    assert registration.entries.count() == 3
