"""Submitting and withdrawing from the dossier's page: refusals are shown with their reasons
(the missing documents, the closing day), a returned dossier is corrected and sent again and
the versions page shows what changed."""

import datetime

import pytest
from django.urls import reverse

from dossiers.models import Dossier
from dossiers.services.workflow import RETURN, TAKE, dossier_transition
from tests.dossiers.conftest import advance, make_dossier
from tests.uploads import pdf_bytes, uploaded

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client, world):
    client.force_login(world.officer_a)
    return client


def act(client, dossier, action: str, **data):
    """Post the action and follow back to the dossier's page; returns its text."""
    response = client.post(reverse("dossiers:act", args=[dossier.pk, action]), data, follow=True)
    assert response.redirect_chain[-1][0] == reverse("dossiers:detail", args=[dossier.pk])
    return response.content.decode()


def test_submit_complete_dossier(officer, world):
    dossier = make_dossier(world)
    text = act(officer, dossier, "submit")
    dossier.refresh_from_db()
    assert (dossier.status, dossier.version) == ("submitted", 1)
    assert "alert-success" in text
    assert "status-submitted" in text


def test_submit_incomplete_is_refused_naming_the_missing_documents(officer, world):
    dossier = make_dossier(world, complete=False)
    text = act(officer, dossier, "submit")
    assert "alert-danger" in text
    errors = text[text.index("alert-danger") :]
    assert "Nguyễn Thị Hoa" in errors[: errors.index("</div>")]
    dossier.refresh_from_db()
    assert (dossier.status, dossier.version) == ("draft", 0)


def test_edit_page_names_what_still_stops_submission(officer, world):
    dossier = make_dossier(world, complete=False)
    text = officer.get(reverse("dossiers:edit", args=[dossier.pk])).content.decode()
    check = text[text.index('id="submission-check"') :]
    assert "Nguyễn Thị Hoa" in check[: check.index("</section>")]


def test_late_submission_is_refused_with_the_closing_day(officer, world):
    dossier = make_dossier(world)
    world.round.closes_on = world.round.opens_on + datetime.timedelta(days=1)
    world.round.save()
    text = act(officer, dossier, "submit")
    assert world.round.closes_on.strftime("%d/%m/%Y") in text
    assert "alert-danger" in text
    dossier.refresh_from_db()
    assert dossier.status == "draft"


def test_late_submission_accepted_by_the_round_is_flagged(officer, world):
    dossier = make_dossier(world)
    world.round.closes_on = world.round.opens_on + datetime.timedelta(days=1)
    world.round.late_policy = "accept_flagged"
    world.round.save()
    text = act(officer, dossier, "submit")
    dossier.refresh_from_db()
    assert (dossier.status, dossier.submitted_late) == ("submitted", True)
    assert 'id="late"' in text


def test_returned_dossier_corrected_and_resubmitted_shows_the_changes(officer, world):
    dossier = advance(world, make_dossier(world), Dossier.Status.IN_APPRAISAL)
    dossier_transition(
        dossier=dossier, action=RETURN, actor=world.secretariat, reason="Thay tờ trình"
    )
    edit = reverse("dossiers:edit", args=[dossier.pk])
    assert "Thay tờ trình" in officer.get(edit).content.decode()
    upload = reverse("dossiers:attachment_upload", args=[dossier.pk])
    new_letter = uploaded("To trinh moi.pdf", pdf_bytes(text="ban moi"))
    assert officer.post(upload, {"item": "proposal_letter", "file": new_letter}).status_code == 302
    added = {
        "kind": "individual",
        "person": world.people[1].pk,
        "award": "title:advanced_worker",
        "achievement": "merit",
        "summary": "Hoàn thành tốt nhiệm vụ",
    }
    assert officer.post(edit, added).status_code == 302
    nomination = dossier.nominations.get(person=world.people[1])
    report = uploaded("Bao cao Binh.pdf", pdf_bytes(text="bao cao"))
    key = f"achievement_report:{nomination.pk}"
    assert officer.post(upload, {"item": key, "file": report}).status_code == 302

    act(officer, dossier, "submit")
    dossier.refresh_from_db()
    assert (dossier.status, dossier.version) == ("submitted", 2)

    detail = officer.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert 'id="latest-diff"' in detail
    text = officer.get(reverse("dossiers:versions", args=[dossier.pk])).content.decode()
    assert 'data-version="1"' in text
    assert 'data-version="2"' in text
    assert 'class="diff-added"' in text
    assert "Trần Văn Bình" in text
    replaced = text[text.index('class="diff-file-replaced"') :]
    assert "proposal_letter.pdf" in replaced
    assert "To trinh moi.pdf" in replaced
    assert 'class="diff-file-added"' in text
    assert "Bao cao Binh.pdf" in text


def test_versions_page_is_the_units_and_the_councils(client, world):
    dossier = advance(world, make_dossier(world), Dossier.Status.SUBMITTED)
    url = reverse("dossiers:versions", args=[dossier.pk])
    for user in (world.officer_a, world.secretariat, world.member):
        client.force_login(user)
        assert client.get(url).status_code == 200
    client.force_login(world.officer_b)
    assert client.get(url).status_code == 404


def test_withdraw_a_submitted_dossier_with_a_reason(officer, world):
    dossier = advance(world, make_dossier(world), Dossier.Status.SUBMITTED)
    text = act(officer, dossier, "withdraw", reason="Đơn vị đề nghị lại ở đợt sau")
    dossier.refresh_from_db()
    assert dossier.status == "withdrawn"
    assert "Đơn vị đề nghị lại ở đợt sau" in text  # in the history


def test_withdraw_a_draft_without_a_reason(officer, world):
    dossier = make_dossier(world, complete=False)
    act(officer, dossier, "withdraw")
    dossier.refresh_from_db()
    assert dossier.status == "withdrawn"


def test_withdraw_after_appraisal_started_is_refused(officer, world):
    dossier = advance(world, make_dossier(world), Dossier.Status.SUBMITTED)
    dossier_transition(dossier=dossier, action=TAKE, actor=world.secretariat)
    text = act(officer, dossier, "withdraw")
    assert "alert-danger" in text
    assert reverse("dossiers:act", args=[dossier.pk, "withdraw"]) not in text
    dossier.refresh_from_db()
    assert dossier.status == "in_appraisal"


def test_secretariat_cannot_submit_or_withdraw_for_the_unit(client, world):
    dossier = advance(world, make_dossier(world), Dossier.Status.SUBMITTED)
    client.force_login(world.secretariat)
    url = reverse("dossiers:act", args=[dossier.pk, "withdraw"])
    assert client.post(url).status_code == 403
    dossier.refresh_from_db()
    assert dossier.status == "submitted"
