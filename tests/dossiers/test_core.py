"""The dossier's checklist, versions and rounds, and working days."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from awards.models import EmulationTitle
from common.working_days import is_working_day, working_days_before, working_days_between
from dossiers.checklist import dossier_checklist
from dossiers.services.dossiers import NominationInput, nomination_save
from dossiers.services.rounds import round_save
from dossiers.services.workflow import RETURN, SUBMIT, dossier_transition
from dossiers.versions import latest_diff
from tests.dossiers.conftest import advance, award, checked_pdf, make_dossier, upload_missing

pytestmark = pytest.mark.django_db


def test_working_days_skip_weekend_and_national_day():
    # 02/09/2025 (Tuesday) and 01/09/2025 (Monday) are the National Day holidays.
    assert not is_working_day(datetime.date(2025, 9, 2))
    assert working_days_before(datetime.date(2025, 9, 3), 1) == datetime.date(2025, 8, 29)
    assert working_days_before(datetime.date(2025, 9, 6), 0) == datetime.date(2025, 9, 5)
    assert working_days_between(datetime.date(2025, 8, 29), datetime.date(2025, 9, 3)) == 1


def test_working_days_skip_lunar_new_year():
    # Tết 2026: 14/02–22/02/2026 are days off; five working days before Monday 23/02/2026.
    assert working_days_before(datetime.date(2026, 2, 23), 5) == datetime.date(2026, 2, 9)


def test_round_closes_working_days_before_ceremony(tree, secretariat, award_catalog):
    round_ = round_save(
        council=tree.council,
        actor=secretariat,
        titles=EmulationTitle.objects.filter(code="advanced_worker"),
        name="Khen thưởng tổng kết",
        year=2025,
        ceremony_on=datetime.date(2025, 9, 5),
        working_days_before=5,
    )
    assert round_.closes_on == datetime.date(2025, 8, 27)
    assert round_.opens_on == datetime.date(2025, 1, 1)


def test_round_needs_an_award(tree, secretariat):
    with pytest.raises(ValidationError):
        round_save(
            council=tree.council,
            actor=secretariat,
            name="Trống",
            year=2025,
            closes_on=datetime.date(2025, 3, 1),
        )


def test_checklist_follows_the_catalog_per_award(world):
    dossier = make_dossier(
        world,
        lines=[("person", 0, "advanced_worker"), ("person", 1, "emulation_fighter_grassroots")],
        complete=False,
    )
    items = {(item.component, item.nomination and str(item.nomination.nominee))
             for item in dossier_checklist(dossier)}  # fmt: skip
    assert ("proposal_letter", None) in items
    assert ("meeting_minutes", None) in items  # the Grassroots Fighter needs the ballot
    assert ("achievement_report", "Nguyễn Thị Hoa") in items
    assert ("initiative_proof", "Trần Văn Bình") in items
    assert ("initiative_proof", "Nguyễn Thị Hoa") not in items


def test_nomination_outside_the_round_is_refused(world):
    dossier = make_dossier(world, complete=False)
    with pytest.raises(ValidationError) as refused:
        nomination_save(
            dossier=dossier,
            data=NominationInput(nominee=world.people[1], award=award("emulation_flag_provincial")),
            actor=world.officer_a,
        )
    assert refused.value.error_list[0].code == "award"
    assert dossier.nominations.count() == 1


def test_nomination_of_a_collective_for_an_individual_title_is_refused(world):
    dossier = make_dossier(world, complete=False)
    with pytest.raises(ValidationError):
        nomination_save(
            dossier=dossier,
            data=NominationInput(nominee=world.tree.group_a, award=award("advanced_worker")),
            actor=world.officer_a,
        )
    assert dossier.nominations.count() == 1


def test_resubmission_diff_shows_added_nomination_and_replaced_file(world):
    dossier = advance(world, make_dossier(world), "in_appraisal")
    dossier_transition(dossier=dossier, action=RETURN, actor=world.secretariat, reason="Bổ sung")
    nomination_save(
        dossier=dossier,
        data=NominationInput(nominee=world.people[2], award=award("advanced_worker")),
        actor=world.officer_a,
    )
    upload_missing(dossier, world.officer_a)
    from dossiers.services.dossiers import attachment_add

    attachment_add(
        dossier=dossier,
        component="proposal_letter",
        uploaded_file=checked_pdf("Tờ trình mới.pdf", text="Ban moi"),
        actor=world.officer_a,
    )
    dossier_transition(dossier=dossier, action=SUBMIT, actor=world.officer_a)
    old, new, diff = latest_diff(dossier)
    assert (old.number, new.number) == (1, 2)
    assert [row["nominee"] for row in diff.added] == ["Lê Thị Cúc"]
    assert [pair[1]["name"] for pair in diff.files_replaced] == ["Tờ trình mới.pdf"]
    assert [row["nominee"] for row in diff.files_added] == ["Lê Thị Cúc"]
