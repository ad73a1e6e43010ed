"""Award decision pages: issuing, the decision page and PDF, revocation; who may do what."""

import pytest
from django.urls import reverse
from django.utils import timezone

from awards.models import AwardDecision, AwardGrant
from dossiers.models import Dossier
from tests.dossiers.test_council_views import other_council_secretariat, pdf_text
from tests.dossiers.test_decision_services import NUMBER, decided, issue

pytestmark = pytest.mark.django_db


def decision_data(nominations, **overrides) -> dict:
    data = {
        "nominations": [n.pk for n in nominations],
        "number": NUMBER,
        "date": timezone.localdate().strftime("%d/%m/%Y"),
        "authority": "Hội đồng Thi đua – Khen thưởng thị xã",
        "signer_name": "Phạm Văn An",
    }
    return {**data, **overrides}


def test_decision_create_lists_the_approved_nominations(client, world):
    _dossier, fighter, worker = decided(world, fighter_yes=7)
    client.force_login(world.secretariat)

    response = client.get(reverse("dossiers:decision_create", args=[world.round.pk]))

    assert response.status_code == 200
    assert f'value="{worker.pk}"' in response.text
    assert f'value="{fighter.pk}"' not in response.text  # 7 of 10: not approved


def test_decision_create_issues_the_decision(client, world):
    dossier, fighter, worker = decided(world)
    client.force_login(world.secretariat)

    response = client.post(
        reverse("dossiers:decision_create", args=[world.round.pk]),
        decision_data([fighter, worker]),
    )

    decision = AwardDecision.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("dossiers:decision_detail", args=[decision.pk])
    assert AwardGrant.objects.filter(decision=decision, year=world.round.year).count() == 2
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.DECISION_ISSUED


def test_decision_create_without_a_number_keeps_what_was_typed(client, world):
    _dossier, fighter, worker = decided(world)
    client.force_login(world.secretariat)

    response = client.post(
        reverse("dossiers:decision_create", args=[world.round.pk]),
        decision_data([fighter, worker], number="", signer_name="Người Ký Thử"),
    )

    assert response.status_code == 200
    assert "Người Ký Thử" in response.text
    assert not AwardDecision.objects.exists()


@pytest.mark.parametrize("who", ["member", "officer_a"])
def test_decision_create_is_refused_to_those_who_do_not_manage(client, world, who):
    _dossier, fighter, _worker = decided(world)
    url = reverse("dossiers:decision_create", args=[world.round.pk])
    client.force_login(getattr(world, who))

    assert client.get(url).status_code == 403
    assert client.post(url, decision_data([fighter])).status_code == 403
    assert not AwardDecision.objects.exists()


def test_decision_create_is_hidden_from_another_council(client, world):
    client.force_login(other_council_secretariat(world))

    url = reverse("dossiers:decision_create", args=[world.round.pk])
    assert client.get(url).status_code == 404


def test_decision_detail_shows_grants_and_revoke_links_to_the_secretariat(client, world):
    _dossier, fighter, worker = decided(world)
    decision = issue(world, [fighter, worker])
    client.force_login(world.secretariat)

    response = client.get(reverse("dossiers:decision_detail", args=[decision.pk]))

    assert response.status_code == 200
    assert "Nguyễn Thị Hoa" in response.text
    assert "Trần Văn Bình" in response.text
    assert NUMBER in response.text
    fighter.refresh_from_db()
    assert reverse("dossiers:grant_revoke", args=[fighter.grant_id]) in response.text


def test_decision_pages_are_read_only_for_a_council_member(client, world):
    _dossier, fighter, _worker = decided(world)
    decision = issue(world, [fighter])
    grant = decision.grants.get()
    client.force_login(world.member)

    page = client.get(reverse("dossiers:decision_detail", args=[decision.pk]))
    pdf = client.get(reverse("dossiers:decision_pdf", args=[decision.pk]))

    assert page.status_code == 200
    assert reverse("dossiers:grant_revoke", args=[grant.pk]) not in page.text
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert "Nguyễn Thị Hoa" in pdf_text(pdf.content)
    revoke = reverse("dossiers:grant_revoke", args=[grant.pk])
    assert client.get(revoke).status_code == 403
    assert client.post(revoke, {"ground": "fraud", "detail": "x"}).status_code == 403


@pytest.mark.parametrize("name", ["decision_detail", "decision_pdf", "grant_revoke"])
def test_decision_pages_are_hidden_from_the_officer_and_other_councils(client, world, name):
    _dossier, fighter, _worker = decided(world)
    decision = issue(world, [fighter])
    pk = decision.grants.get().pk if name == "grant_revoke" else decision.pk
    url = reverse(f"dossiers:{name}", args=[pk])
    for outsider in (world.officer_a, other_council_secretariat(world)):
        client.force_login(outsider)
        assert client.get(url).status_code == 404


def test_grant_revoke_marks_the_grant_and_keeps_it(client, world):
    _dossier, fighter, _worker = decided(world)
    decision = issue(world, [fighter])
    grant = decision.grants.get()
    client.force_login(world.secretariat)

    response = client.post(
        reverse("dossiers:grant_revoke", args=[grant.pk]),
        {
            "ground": "criteria_unmet",
            "detail": "Sáng kiến chưa được công nhận",
            "on": timezone.localdate().strftime("%d/%m/%Y"),
        },
    )

    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.revoked is True
    assert grant.revoked_reason.endswith(": Sáng kiến chưa được công nhận")
    page = client.get(reverse("dossiers:decision_detail", args=[decision.pk]))
    assert "Sáng kiến chưa được công nhận" in page.text


def test_grant_revoke_without_detail_keeps_what_was_typed(client, world):
    _dossier, fighter, _worker = decided(world)
    grant = issue(world, [fighter]).grants.get()
    client.force_login(world.secretariat)

    response = client.post(
        reverse("dossiers:grant_revoke", args=[grant.pk]),
        {"ground": "fraud", "detail": "", "on": "01/01/2001"},
    )

    assert response.status_code == 200
    assert 'value="01/01/2001"' in response.text
    grant.refresh_from_db()
    assert grant.revoked is False
