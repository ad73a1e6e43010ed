"""The Excel imports (award history, a registration's lines): every row they write gets one
audit entry (its model and number, the importer, the import and the file), an import that
is refused writes none, and the entries cost one INSERT per batch."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from awards.imports.layout import GRANT_SHEET, RATING_SHEET
from awards.imports.preview import history_preview_build
from awards.imports.reading import WorkbookRows
from awards.imports.services import HistoryImportNotSaved, history_import_save
from awards.models import AnnualRating, AwardDecision, AwardGrant
from common.audit import AWARDS_HISTORY_IMPORT, REGISTRATION_LINES_IMPORT
from common.imports.reading import SheetRow
from common.models import AuditEntry
from common.text import search_key
from organizations.models import Person
from registrations.imports.layout import SHEET
from registrations.imports.preview import registration_preview_build
from registrations.imports.services import RegistrationImportNotSaved, registration_import_save
from registrations.models import RegistrationEntry
from registrations.services.registrations import registration_start
from tests.audit.conftest import entries_of, entry_inserts, inserts_needed

pytestmark = pytest.mark.django_db
FILE = "khen-thuong-2024.xlsx"
DECISION = {
    "decision_number": "45/QĐ-UBND",
    "decision_date": "20/12/2024",
    "authority": "Chủ tịch UBND phường An Bình",
}


def people_on_record(unit, count: int, tag: str = "") -> list[Person]:
    names = [f"Người Thứ {tag}{i}" for i in range(count)]
    return Person.objects.bulk_create(
        Person(full_name=name, search_name=search_key(name), birth_year=1980, unit=unit)
        for name in names
    )


def history_rows(people: list[Person], *, grants: bool = True, ratings: bool = True):
    """One grant and one rating row (2024) per person, all in ward A."""
    person = {"birth_year": 1980, "unit": "Phường An Bình", "year": 2024}
    return WorkbookRows(
        grants=[
            SheetRow(
                GRANT_SHEET,
                3 + i,
                {**person, "full_name": p.full_name, "award": "advanced_worker", **DECISION},
            )
            for i, p in enumerate(people)
            if grants
        ],
        ratings=[
            SheetRow(RATING_SHEET, 3 + i, {**person, "full_name": p.full_name, "rating": "HTTNV"})
            for i, p in enumerate(people)
            if ratings
        ],
    )


@pytest.fixture
def decision(db) -> AwardDecision:
    return AwardDecision.objects.create(
        number="45/QĐ-UBND",
        date=datetime.date(2024, 12, 20),
        authority="Chủ tịch UBND phường An Bình",
    )


def assert_one_entry_per_row(rows, *, actor, source, reference) -> None:
    """Exactly one creation entry per row in ``rows`` (any models), none for anything else."""
    entries = AuditEntry.objects.select_related("content_type").order_by("pk")
    assert sorted((e.content_type.model_class()._meta.label, e.object_id) for e in entries) == (
        sorted((row._meta.label, row.pk) for row in rows)
    )
    assert {(e.action, e.actor_id, e.source, e.reference) for e in entries} == {
        (AuditEntry.Action.CREATE, actor.pk, source, reference)
    }


def test_an_award_history_import_of_1000_rows_gives_1000_entries(tree, secretariat, decision):
    preview = history_preview_build(
        rows=history_rows(people_on_record(tree.ward_a, 500)), user=secretariat
    )
    assert preview.ready
    assert preview.grants_to_import == preview.ratings_to_import == 500

    summary = history_import_save(preview=preview, user=secretariat, file_name=FILE)

    assert summary.rows == 1000
    assert AuditEntry.objects.count() == 1000
    assert_one_entry_per_row(
        [*AwardGrant.objects.all(), *AnnualRating.objects.all()],
        actor=secretariat,
        source=AWARDS_HISTORY_IMPORT,
        reference=FILE,
    )
    grant = AwardGrant.objects.first()
    [entry] = [e for e in entries_of(AwardGrant) if e.object_id == grant.pk]
    assert entry.changes == {
        "after": {
            "decision": decision.pk,
            "person": grant.person_id,
            "unit": None,
            "household": None,
            "title": grant.title_id,
            "form": None,
            "year": 2024,
            "achievement": grant.achievement,
            "revoked": False,
            "revoked_on": None,
            "revoked_reason": "",
        }
    }


def test_people_and_decisions_an_import_creates_have_their_entries_too(tree, secretariat):
    rows = WorkbookRows(
        grants=[
            SheetRow(
                GRANT_SHEET,
                3 + i,
                {
                    "full_name": f"Người Mới {i}",
                    "birth_year": 1990,
                    "gender": "Nữ",
                    "unit": "Phường An Bình",
                    "award": "advanced_worker",
                    "year": 2024,
                    **DECISION,
                },
            )
            for i in range(3)
        ]
    )
    preview = history_preview_build(rows=rows, user=secretariat)

    history_import_save(preview=preview, user=secretariat, file_name=FILE)

    assert_one_entry_per_row(
        [
            *AwardGrant.objects.all(),
            *AwardDecision.objects.all(),
            *Person.objects.filter(full_name__startswith="Người Mới"),
        ],
        actor=secretariat,
        source=AWARDS_HISTORY_IMPORT,
        reference=FILE,
    )
    [person_entry, *_] = entries_of(Person)
    assert person_entry.changes["after"]["gender"] == Person.Gender.FEMALE


def test_a_refused_award_history_import_leaves_no_entry(tree, secretariat, decision):
    people = people_on_record(tree.ward_a, 20)
    preview = history_preview_build(rows=history_rows(people), user=secretariat)
    AnnualRating.objects.create(person=people[-1], year=2024, rating="excellent")  # meanwhile

    with pytest.raises(HistoryImportNotSaved):
        history_import_save(preview=preview, user=secretariat, file_name=FILE)

    assert not AwardGrant.objects.exists()
    assert not AuditEntry.objects.exists()


def queries_of_saving(save) -> tuple[int, int]:
    """(entry INSERTs, every query but an INSERT) while ``save`` runs."""
    with CaptureQueriesContext(connection) as captured:
        save()
    others = [q for q in captured.captured_queries if not q["sql"].startswith("INSERT")]
    return entry_inserts(captured), len(others)


def test_an_award_history_import_pays_one_insert_per_batch_of_entries(tree, secretariat, decision):
    measured = {}
    for size, tag in ((10, "a"), (1000, "b")):
        people = people_on_record(tree.ward_a, size, tag)
        preview = history_preview_build(rows=history_rows(people, ratings=False), user=secretariat)
        measured[size] = queries_of_saving(
            lambda preview=preview: history_import_save(
                preview=preview, user=secretariat, file_name=FILE
            )
        )

    assert measured[10][0] == 1
    assert measured[1000][0] == inserts_needed(1000)
    assert measured[10][1] == measured[1000][1]  # no query per row besides the inserts


# --- a registration's lines -----------------------------------------------------------------


@pytest.fixture
def registration(window, tree):
    """Ward A's draft registration."""
    return registration_start(window=window.window, unit=tree.ward_a)


def line_rows(people: list[Person]) -> list[SheetRow]:
    return [
        SheetRow(
            SHEET,
            4 + i,
            {
                "kind": "Cá nhân",
                "full_name": p.full_name,
                "birth_year": 1980,
                "unit": "Phường An Bình",
                "award": "Lao động tiên tiến",
            },
        )
        for i, p in enumerate(people)
    ]


def test_a_registration_import_of_1000_lines_gives_1000_entries(tree, officer_a, registration):
    rows = line_rows(people_on_record(tree.ward_a, 1000))
    preview = registration_preview_build(
        registration=registration, rows=rows, user=officer_a, checked=0
    )
    assert preview.ready
    assert len(preview.to_import) == 1000

    summary = registration_import_save(
        registration=registration, preview=preview, user=officer_a, file_name="dang-ky.xlsx"
    )

    assert summary.lines == 1000
    assert AuditEntry.objects.count() == 1000
    assert_one_entry_per_row(
        list(RegistrationEntry.objects.all()),
        actor=officer_a,
        source=REGISTRATION_LINES_IMPORT,
        reference="dang-ky.xlsx",
    )
    first = registration.entries.get(order=1)
    [entry] = [e for e in entries_of(RegistrationEntry) if e.object_id == first.pk]
    assert entry.changes["after"]["person"] == first.person_id
    assert entry.changes["after"]["kind"] == RegistrationEntry.Kind.INDIVIDUAL


def test_a_registration_import_refused_by_the_database_leaves_no_entry(
    tree, officer_a, registration
):
    rows = [
        *line_rows(people_on_record(tree.ward_a, 5)),
        SheetRow(
            SHEET, 9, {"kind": "Cá nhân", "full_name": "Người Mới", "award": "Lao động tiên tiến"}
        ),
    ]
    preview = registration_preview_build(
        registration=registration, rows=rows, user=officer_a, checked=0
    )
    assert preview.ready
    assert preview.new_people == 1
    # A line the database refuses: a collective line naming no unit.
    preview.lines[0].kind = RegistrationEntry.Kind.COLLECTIVE

    with pytest.raises(RegistrationImportNotSaved):
        registration_import_save(
            registration=registration, preview=preview, user=officer_a, file_name="x.xlsx"
        )

    assert not Person.objects.filter(full_name="Người Mới").exists()
    assert not RegistrationEntry.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_registration_import_pays_one_insert_per_batch_of_entries(tree, officer_a, registration):
    measured = {}
    for size, tag in ((10, "a"), (1000, "b")):
        rows = line_rows(people_on_record(tree.ward_a, size, tag))
        preview = registration_preview_build(
            registration=registration, rows=rows, user=officer_a, checked=0
        )
        measured[size] = queries_of_saving(
            lambda preview=preview: registration_import_save(
                registration=registration, preview=preview, user=officer_a
            )
        )

    assert measured[10][0] == 1
    assert measured[1000][0] == inserts_needed(1000)
    assert measured[10][1] == measured[1000][1]
