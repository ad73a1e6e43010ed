"""The dossier pages that list rows run as many queries for many rows as for few: the dossier
(nominations and documents), its versions, the appraisal page, the council session's ballots
and the decision's grants."""

import pytest
from django.urls import reverse

from awards.models import AwardGrant, EmulationTitle
from dossiers.models import Dossier, DossierVersion, Nomination
from dossiers.services.dossiers import NominationInput, nomination_save
from dossiers.versions import snapshot_of
from tests.dossiers.conftest import advance, award, make_dossier, upload_missing
from tests.dossiers.test_council_services import open_session
from tests.dossiers.test_decision_services import decided, issue
from tests.factories import PersonFactory, UnitFactory
from tests.query_counts.conftest import assert_constant

pytestmark = pytest.mark.django_db

ONE_PERSON = (("person", 0, "advanced_worker"),)


def _people(world, count: int) -> list:
    """``count`` more people of ward A, named "Phạm Thị Đề Cử <n>"."""
    return [
        PersonFactory(full_name=f"Phạm Thị Đề Cử {number}", unit=world.tree.ward_a)
        for number in range(count)
    ]


def _nominate(world, dossier: Dossier, count: int) -> str:
    """Nominate ``count`` more people through the service, with their documents."""
    people = _people(world, count)
    for person in people:
        nomination_save(
            dossier=dossier,
            data=NominationInput(nominee=person, award=award("advanced_worker"), summary="Tốt"),
            actor=world.officer_a,
        )
    upload_missing(dossier, world.officer_a)
    return people[-1].full_name


def _nominations_added(world, dossier: Dossier, count: int) -> str:
    """``count`` more nominations written straight to the dossier (it is past the unit's
    editing)."""
    people = _people(world, count)
    first = dossier.nominations.count() + 1
    Nomination.objects.bulk_create(
        Nomination(dossier=dossier, person=person, title=award("advanced_worker"), order=order)
        for order, person in enumerate(people, start=first)
    )
    return people[-1].full_name


def test_dossier_page_shows_eight_more_nominations_and_their_documents_in_as_many_queries(
    client, world
):
    dossier = make_dossier(world, lines=ONE_PERSON)
    client.force_login(world.officer_a)

    assert_constant(
        client, reverse("dossiers:detail", args=[dossier.pk]), lambda: _nominate(world, dossier, 8)
    )


def test_versions_page_shows_seven_more_versions_in_as_many_queries(client, world):
    dossier = advance(world, make_dossier(world, lines=ONE_PERSON), Dossier.Status.SUBMITTED)
    client.force_login(world.officer_a)

    def grow() -> str:
        snapshot = snapshot_of(dossier)
        for number in range(2, 9):
            snapshot = {**snapshot, "note": f"Bản {number}"}
            DossierVersion.objects.create(
                dossier=dossier, number=number, snapshot=snapshot, submitted_by=world.officer_a
            )
        return 'data-version="8"'

    assert_constant(client, reverse("dossiers:versions", args=[dossier.pk]), grow)


def test_appraisal_page_shows_ten_more_nominations_in_as_many_queries(client, world):
    dossier = advance(world, make_dossier(world, lines=ONE_PERSON), Dossier.Status.IN_APPRAISAL)
    client.force_login(world.secretariat)

    assert_constant(
        client,
        reverse("dossiers:appraisal", args=[dossier.pk]),
        lambda: _nominations_added(world, dossier, 10),
    )


def test_session_page_shows_ten_more_ballots_in_as_many_queries(client, world):
    dossier = advance(world, make_dossier(world, lines=ONE_PERSON), Dossier.Status.APPRAISED)
    session = open_session(world, [dossier])
    client.force_login(world.secretariat)

    assert_constant(
        client,
        reverse("dossiers:session_detail", args=[session.pk]),
        lambda: _nominations_added(world, dossier, 10),
    )


def test_decision_page_shows_twelve_more_grants_in_as_many_queries(client, world):
    _dossier, fighter, worker = decided(world)
    decision = issue(world, [fighter, worker])
    client.force_login(world.secretariat)

    def grow() -> str:
        title = EmulationTitle.objects.get(code="advanced_worker")
        people = _people(world, 8)
        AwardGrant.objects.bulk_create(
            AwardGrant(decision=decision, person=person, title=title, year=decision.date.year)
            for person in people
        )
        units = [
            UnitFactory(name=f"Tổ dân phố số {n}", parent=world.tree.ward_a) for n in (7, 8, 9, 10)
        ]
        AwardGrant.objects.bulk_create(
            AwardGrant(
                decision=decision,
                unit=unit,
                title=EmulationTitle.objects.get(code="advanced_collective"),
                year=decision.date.year,
            )
            for unit in units
        )
        return people[-1].full_name

    assert_constant(client, reverse("dossiers:decision_detail", args=[decision.pk]), grow)


# --- Forms that list the rows they work on ----------------------------------------------------


def test_dossier_form_lists_eight_more_nominations_in_as_many_queries(client, world):
    dossier = make_dossier(world, lines=ONE_PERSON)
    client.force_login(world.officer_a)

    assert_constant(
        client, reverse("dossiers:edit", args=[dossier.pk]), lambda: _nominate(world, dossier, 8)
    )


def test_session_form_lists_twelve_more_appraised_dossiers_in_as_many_queries(client, world):
    advance(world, make_dossier(world, lines=ONE_PERSON), Dossier.Status.APPRAISED)
    client.force_login(world.secretariat)

    def grow() -> str:
        for number in range(12):
            unit = UnitFactory(name=f"Trường Mầm Non Số {number}", parent=world.tree.ward_a)
            Dossier.objects.create(round=world.round, unit=unit, status=Dossier.Status.APPRAISED)
        return "Trường Mầm Non Số 11"

    assert_constant(client, reverse("dossiers:session_create", args=[world.round.pk]), grow)


def test_decision_form_lists_ten_more_approved_nominations_in_as_many_queries(client, world):
    dossier, _fighter, _worker = decided(world)
    client.force_login(world.secretariat)

    def grow() -> str:
        shown = _nominations_added(world, dossier, 10)
        dossier.nominations.filter(council_result="").update(
            council_result=Nomination.CouncilResult.APPROVED
        )
        return shown

    assert_constant(client, reverse("dossiers:decision_create", args=[world.round.pk]), grow)
