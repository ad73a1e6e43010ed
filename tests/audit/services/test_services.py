"""Services that write many rows at once record each of them in the audit trail: the plan
import and the plan editor, a deadline of the council's own, a council session, the scoring
scale and sheets, the vote on the leading unit, next year's cluster, a registration's return
notes and the cluster list's consolidation."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from campaigns.models import Acclamation, Ballot, Cluster, Score, ScoreSheet, ScoringCriterion
from campaigns.services.clusters import cluster_election_record
from campaigns.services.scoring import acclamation_record, criteria_replace, sheet_save
from common.audit import APP, PLAN_IMPORT
from common.models import AuditEntry
from dossiers.models import CouncilSession, Dossier, SessionMember
from dossiers.services.council import session_create
from plans.authoring import plan_copy_for_next_year, plan_update
from plans.models import Deadline, Plan, PlanReference, PlanSection, ScheduleTask
from plans.parsing import parse_plan_text
from plans.services import plan_save
from registrations.models import Registration, RegistrationEntry
from registrations.services.cluster_lists import cluster_list_consolidate, cluster_list_of
from registrations.services.registrations import (
    registration_accept,
    registration_return,
    registration_submit,
)
from reminders.models import Deadline as Obligation
from reminders.models import DeadlineUnit
from reminders.services.deadlines import deadline_create
from tests.audit.conftest import entries_of
from tests.dossiers.conftest import advance, make_dossier
from tests.plans.conftest import SAMPLES
from tests.registrations.conftest import BEFORE, registration_with_lines

pytestmark = pytest.mark.django_db


def assert_entries(model, rows, *, action, actor, source=APP, reference=None) -> None:
    """``model``'s entries are exactly one ``action`` entry per row of ``rows``."""
    entries = [e for e in entries_of(model) if e.action == action]
    assert sorted(e.object_id for e in entries) == sorted(row.pk for row in rows), model
    expected = {(actor.pk if actor else None, source)}
    assert {(e.actor_id, e.source) for e in entries} <= expected
    if reference is not None:
        assert {e.reference for e in entries} <= {reference}


CREATE, UPDATE, DELETE = (
    AuditEntry.Action.CREATE,
    AuditEntry.Action.UPDATE,
    AuditEntry.Action.DELETE,
)
PLAN_ROWS = (PlanSection, ScheduleTask, Deadline, PlanReference)


def test_a_plan_import_records_the_plan_and_every_row_then_what_a_replace_changes(
    son_tay, secretariat_user
):
    text = (SAMPLES / "son-tay-2020.txt").read_text(encoding="utf-8")
    data = parse_plan_text(text).to_json()

    plan = plan_save(data=data, unit=son_tay, user=secretariat_user).plan

    kw = {"actor": secretariat_user, "source": PLAN_IMPORT}
    assert_entries(Plan, [plan], action=CREATE, **kw)
    first = {model: list(model.objects.filter(plan=plan)) for model in PLAN_ROWS}
    assert all(first[model] for model in (PlanSection, ScheduleTask, Deadline))
    for model, rows in first.items():
        assert_entries(model, rows, action=CREATE, **kw)

    data["title"] = data["title"] + " (sửa)"
    plan_save(data=data, unit=son_tay, user=secretariat_user, replace=True)

    [update] = [e for e in entries_of(Plan) if e.action == UPDATE]
    assert update.changes["after"] == {"title": data["title"]}
    for model, rows in first.items():
        assert_entries(model, rows, action=DELETE, **kw)
        now = list(model.objects.filter(plan=plan))
        created = [e.object_id for e in entries_of(model) if e.action == CREATE]
        assert {row.pk for row in now} <= set(created)


def test_a_plan_copied_for_next_year_records_every_row_it_writes(son_tay_plan, secretariat_user):
    copy = plan_copy_for_next_year(plan=son_tay_plan, user=secretariat_user)

    kw = {"actor": secretariat_user, "reference": "plan_copy_for_next_year"}
    [copied] = [e for e in entries_of(Plan) if e.reference == "plan_copy_for_next_year"]
    assert copied.object_id == copy.pk
    for model in (PlanSection, ScheduleTask, Deadline):
        rows = model.objects.filter(plan=copy)
        mine = [e for e in entries_of(model) if e.reference == "plan_copy_for_next_year"]
        assert sorted(e.object_id for e in mine) == sorted(r.pk for r in rows), model
        assert {(e.actor_id, e.action) for e in mine} == {(kw["actor"].pk, CREATE)}


def test_a_deadline_of_the_councils_own_records_itself_and_its_units(tree, secretariat):
    deadline = deadline_create(
        council=tree.council,
        title="Gửi báo cáo",
        due_date=datetime.date(2026, 6, 15),
        units=[tree.ward_a, tree.ward_b],
        actor=secretariat,
    )

    assert_entries(Obligation, [deadline], action=CREATE, actor=secretariat)
    assert_entries(DeadlineUnit, deadline.targets.all(), action=CREATE, actor=secretariat)


def test_a_council_session_records_itself_and_its_members(world):
    dossier = advance(world, make_dossier(world), Dossier.Status.APPRAISED)

    session = session_create(
        round_=world.round,
        held_on=timezone.localdate(),
        members=[("Phạm Văn An", "Chủ tịch", True), ("Lý Thị Khánh", "Thư ký", False)],
        dossiers=[dossier],
        actor=world.secretariat,
    )

    assert_entries(CouncilSession, [session], action=CREATE, actor=world.secretariat)
    assert_entries(SessionMember, session.members.all(), action=CREATE, actor=world.secretariat)


def test_a_new_scale_and_a_saved_sheet_record_what_they_replace_and_write(clusters, officer_a):
    old = list(clusters.cluster.criteria.all())
    rows = [{"name": "Chuyên môn", "kind": "base", "max_points": Decimal(100)}]

    [criterion] = criteria_replace(cluster=clusters.cluster, rows=rows, actor=officer_a)

    assert_entries(ScoringCriterion, old, action=DELETE, actor=officer_a)
    assert_entries(ScoringCriterion, [criterion], action=CREATE, actor=officer_a)
    sheet = ScoreSheet.objects.create(
        cluster=clusters.cluster, assessor=clusters.members[0], assessed=clusters.members[0]
    )
    for points in (Decimal(50), Decimal(80)):
        sheet_save(sheet=sheet, scores={criterion.pk: (points, "")}, actor=officer_a, submit=False)

    scores = entries_of(Score)
    assert [e.action for e in scores] == [CREATE, DELETE, CREATE]
    assert [
        Decimal(str((e.changes.get("after") or e.changes["before"])["points"])) for e in scores
    ] == [50, 50, 80]
    assert scores[-1].object_id == Score.objects.get().pk


def test_the_vote_on_the_leading_unit_records_every_ballot(clusters, officer_a):
    Cluster.objects.filter(pk=clusters.cluster.pk).update(
        scoring_status=Cluster.ScoringStatus.CLOSED
    )
    members = clusters.members
    acclamation = acclamation_record(
        cluster=clusters.cluster,
        held_on=datetime.date(2020, 12, 20),
        present=members,
        ballots={m.pk: members[0].pk for m in members},
        actor=officer_a,
    )

    assert_entries(Acclamation, [acclamation], action=CREATE, actor=officer_a)
    assert_entries(Ballot, Ballot.objects.all(), action=CREATE, actor=officer_a)


def test_next_years_cluster_records_its_copy_and_scale(clusters, secretariat, tree):
    next_year = cluster_election_record(
        cluster=clusters.cluster,
        leader=tree.ward_b,
        deputy=tree.ward_a,
        held_on=datetime.date(2020, 12, 20),
        actor=secretariat,
    )

    assert_entries(Cluster, [next_year], action=CREATE, actor=secretariat)
    assert_entries(ScoringCriterion, next_year.criteria.all(), action=CREATE, actor=secretariat)


def test_return_notes_and_the_consolidation_record_the_rows_they_change(window, tree, clusters):
    leader = clusters.officer_of(tree.ward_a)
    registration = registration_with_lines(window, tree.ward_b, people=2)
    registration_submit(registration=registration, actor=leader, today=BEFORE)
    line = registration.entries.order_by("order").last()

    registration_return(
        registration=registration, actor=leader, reason="Bổ sung", notes={line.pk: "Thiếu"}
    )

    [note] = [e for e in entries_of(RegistrationEntry) if e.reference == "registration_return"]
    assert (note.object_id, note.action, note.actor) == (line.pk, UPDATE, leader)
    assert note.changes == {"before": {"review_note": ""}, "after": {"review_note": "Thiếu"}}

    registration_submit(registration=registration, actor=leader, today=BEFORE)
    registration_accept(registration=registration, actor=leader)
    cluster_list = cluster_list_of(window=window.window, cluster=clusters.cluster)
    cluster_list_consolidate(cluster_list=cluster_list, actor=leader)

    [put_in] = [e for e in entries_of(Registration) if e.reference == "cluster_list_consolidate"]
    assert (put_in.object_id, put_in.actor) == (registration.pk, leader)
    assert put_in.changes["after"] == {"cluster_list": cluster_list.pk}


def test_a_plan_edit_records_the_changed_fields_and_the_rows_it_replaces(son_tay, secretariat_user):
    draft = Plan.objects.create(issuing_unit=son_tay, year=2021, title="Kế hoạch năm 2021")
    old = PlanSection.objects.create(plan=draft, order=1, heading="Mục cũ", level=1)

    plan_update(
        plan=draft,
        user=secretariat_user,
        data={"number": "", "title": "Kế hoạch thi đua năm 2021", "year": 2021},
        sections=[{"heading": "Mục mới", "level": 1, "text": ""}],
        schedule=[],
        deadlines=[{"due_date": datetime.date(2021, 3, 1), "text": "Nộp đăng ký"}],
    )

    [update] = entries_of(Plan)
    assert (update.action, update.actor) == (UPDATE, secretariat_user)
    assert update.changes["after"]["title"] == "Kế hoạch thi đua năm 2021"
    assert_entries(PlanSection, [old], action=DELETE, actor=secretariat_user)
    assert_entries(PlanSection, draft.sections.all(), action=CREATE, actor=secretariat_user)
    assert_entries(Deadline, draft.deadlines.all(), action=CREATE, actor=secretariat_user)


def test_the_registration_forms_saves_record_the_lines_removed_and_added_by_whom(
    client, window, tree, clusters
):
    from django.urls import reverse

    from organizations.models import Person
    from registrations.services.registrations import ENTRIES_REPLACE
    from tests.registrations.test_form_pages import post_lines

    unit = clusters.members[1]
    officer = clusters.officer_of(unit)
    registration = registration_with_lines(window, unit, people=0)
    [old_line] = registration.entries.all()
    AuditEntry.objects.all().delete()  # the registration as it stood when the officer came
    client.force_login(officer)
    url = reverse("registrations:autosave", args=[registration.pk])
    collective = {"kind": "collective", "collective": str(unit.pk)}
    newcomer = {"kind": "individual", "person_name": "Vũ Thị Thu", "award": "advanced_worker"}
    rows = [{**collective, "award": "excellent_collective"}, newcomer]

    assert client.post(url, post_lines(rows)).json()["saved"] is True

    thu = Person.objects.get(full_name="Vũ Thị Thu")
    added = list(registration.entries.order_by("order"))
    assert_entries(RegistrationEntry, [old_line], action=DELETE, actor=officer)
    assert_entries(RegistrationEntry, added, action=CREATE, actor=officer)
    assert_entries(Person, [thu], action=CREATE, actor=officer, reference=ENTRIES_REPLACE)
    [removed] = [e for e in entries_of(RegistrationEntry) if e.action == DELETE]
    assert removed.changes["before"]["title"] == old_line.title_id
    recorded = AuditEntry.objects.count()

    client.post(url, post_lines(rows))  # the next autosave: nothing changed
    client.post(url, post_lines(list(reversed(rows))))  # the same lines, moved

    assert AuditEntry.objects.count() == recorded


def test_a_new_scale_records_the_draft_scores_it_removes_with_the_old_one(clusters, officer_a):
    rows = [{"name": "Chuyên môn", "kind": "base", "max_points": Decimal(100)}]
    [criterion] = criteria_replace(cluster=clusters.cluster, rows=rows, actor=officer_a)
    sheet = ScoreSheet.objects.create(
        cluster=clusters.cluster, assessor=clusters.members[0], assessed=clusters.members[0]
    )
    sheet_save(sheet=sheet, scores={criterion.pk: (Decimal(70), "")}, actor=officer_a, submit=False)
    [draft_score] = Score.objects.all()

    criteria_replace(cluster=clusters.cluster, rows=rows, actor=officer_a)

    assert not Score.objects.exists()
    [removed] = [e for e in entries_of(Score) if e.action == DELETE]
    assert (removed.object_id, removed.actor, removed.reference) == (
        draft_score.pk,
        officer_a,
        "criteria_replace",
    )


def test_a_removed_nomination_is_recorded_with_its_documents(world):
    from dossiers.models import Attachment, Nomination
    from dossiers.services.dossiers import nomination_remove

    dossier = make_dossier(
        world, lines=(("person", 0, "advanced_worker"), ("person", 1, "advanced_worker"))
    )
    nomination = dossier.nominations.order_by("pk").last()
    documents = list(Attachment.objects.filter(nomination=nomination))
    assert documents  # the nominee's own documents, removed with him

    nomination_pk = nomination.pk

    nomination_remove(nomination=nomination, actor=world.officer_a)

    [removed] = [e for e in entries_of(Nomination) if e.action == DELETE]
    assert (removed.object_id, removed.actor) == (nomination_pk, world.officer_a)
    assert_entries(Attachment, documents, action=DELETE, actor=world.officer_a)
    assert not Attachment.objects.filter(pk__in=[d.pk for d in documents]).exists()


def test_editing_a_campaign_a_cluster_and_a_nomination_records_the_fields_changed(
    world, clusters, secretariat, tree
):
    from campaigns.models import Campaign
    from campaigns.services.campaigns import campaign_create, campaign_update
    from campaigns.services.clusters import cluster_update
    from dossiers.models import Nomination
    from dossiers.services.dossiers import NominationInput, nomination_save
    from tests.dossiers.conftest import award

    campaign = campaign_create(
        council=tree.council, actor=secretariat, name="Người tốt", kind="regular", year=2020
    )
    campaign_update(campaign=campaign, actor=secretariat, name="Người tốt, việc tốt")
    cluster_update(cluster=clusters.cluster, actor=secretariat, name="Cụm thi đua số Một")
    dossier = make_dossier(world)
    nomination = dossier.nominations.get()
    nomination_save(
        dossier=dossier,
        nomination=nomination,
        data=NominationInput(
            nominee=nomination.person, award=award("advanced_worker"), summary="Xuất sắc"
        ),
        actor=world.officer_a,
    )

    created, updated = (e for e in entries_of(Campaign) if e.reference.startswith("campaign_"))
    assert (created.action, created.actor) == (CREATE, secretariat)
    assert updated.changes == {
        "before": {"name": "Người tốt"},
        "after": {"name": "Người tốt, việc tốt"},
    }
    [renamed] = [e for e in entries_of(Cluster) if e.reference == "cluster_update"]
    assert renamed.changes["after"] == {"name": "Cụm thi đua số Một"}
    changes = [e for e in entries_of(Nomination) if e.action == UPDATE]
    assert [(e.actor, e.changes["after"]) for e in changes] == [
        (world.officer_a, {"summary": "Xuất sắc"})
    ]
