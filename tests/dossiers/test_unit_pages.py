"""The unit officer's read-only pages: the home page (open rounds with a button per unit, his
units' dossiers, a fixed number of queries), starting a dossier, the dossier page, and who may
open them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from dossiers.models import Dossier, Nomination, ReviewComment, Round
from dossiers.services.workflow import RETURN, dossier_transition
from organizations.models import Membership
from tests.dossiers.conftest import advance, make_dossier
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def vi(msgid: str) -> str:
    """``msgid`` as the Vietnamese page shows it."""
    with translation.override("vi"):
        return translation.gettext(msgid)


def page_text(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_rounds(world, count: int) -> None:
    """``count`` more rounds open today, each with a dossier of ward A and one of ward B."""
    today = timezone.localdate()
    first = Round.objects.count()
    for n in range(first, first + count):
        round_ = Round.objects.create(
            council=world.tree.council,
            name=f"Đợt bổ sung số {n}",
            year=today.year,
            opens_on=today - datetime.timedelta(days=3),
            closes_on=today + datetime.timedelta(days=3 + n),
        )
        Dossier.objects.create(round=round_, unit=world.tree.ward_a, created_by=world.officer_a)
        Dossier.objects.create(round=round_, unit=world.tree.ward_b, created_by=world.officer_b)


# --- Home ------------------------------------------------------------------------------------


def test_home_offers_to_start_a_dossier_in_the_open_round(client, world):
    client.force_login(world.officer_a)
    text = page_text(client, reverse("dossiers:home"))
    assert world.round.name in text
    assert world.round.closes_on.strftime("%d/%m/%Y") in text
    assert reverse("dossiers:start", args=[world.round.pk, world.tree.ward_a.pk]) in text
    assert vi("Create a dossier") in text


def test_home_links_the_units_existing_dossier_with_its_status(client, world):
    dossier = make_dossier(world)
    client.force_login(world.officer_a)
    text = page_text(client, reverse("dossiers:home"))
    assert reverse("dossiers:detail", args=[dossier.pk]) in text
    assert reverse("dossiers:start", args=[world.round.pk, world.tree.ward_a.pk]) not in text
    assert "status-draft" in text


def test_home_shows_no_other_units_dossier(client, world):
    dossier = make_dossier(world)
    client.force_login(world.officer_b)
    text = page_text(client, reverse("dossiers:home"))
    assert reverse("dossiers:detail", args=[dossier.pk]) not in text
    assert reverse("dossiers:start", args=[world.round.pk, world.tree.ward_b.pk]) in text


def test_home_hides_a_round_that_has_closed(client, world):
    world.round.opens_on = timezone.localdate() - datetime.timedelta(days=40)
    world.round.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    world.round.save()
    client.force_login(world.officer_a)
    text = page_text(client, reverse("dossiers:home"))
    assert reverse("dossiers:start", args=[world.round.pk, world.tree.ward_a.pk]) not in text


def test_home_of_the_secretariat_offers_no_start_and_links_the_queue(client, world):
    client.force_login(world.secretariat)
    text = page_text(client, reverse("dossiers:home"))
    assert "/start/" not in text
    for name in ("dossiers:queue", "dossiers:round_list"):
        try:
            url = reverse(name)
        except NoReverseMatch:  # made by another part of the app
            continue
        assert url in text


def test_home_reads_as_many_queries_for_twenty_rounds_as_for_two(client, world):
    client.force_login(world.officer_a)
    add_rounds(world, 2)
    few = queries(client, reverse("dossiers:home"))
    add_rounds(world, 18)
    assert queries(client, reverse("dossiers:home")) == few
    text = page_text(client, reverse("dossiers:home"))
    assert text.count('data-round="') == 21


def test_home_needs_login(client, world):
    response = client.get(reverse("dossiers:home"))
    assert response.status_code == 302
    assert reverse("login") in response.url


# --- Start -----------------------------------------------------------------------------------


def test_start_creates_a_draft_and_opens_its_form(client, world):
    client.force_login(world.officer_a)
    response = client.post(reverse("dossiers:start", args=[world.round.pk, world.tree.ward_a.pk]))
    dossier = Dossier.objects.get(round=world.round, unit=world.tree.ward_a)
    assert response.url == reverse("dossiers:edit", args=[dossier.pk])
    assert (dossier.status, dossier.created_by) == ("draft", world.officer_a)


def test_start_twice_reopens_the_same_dossier(client, world):
    dossier = make_dossier(world)
    client.force_login(world.officer_a)
    response = client.post(reverse("dossiers:start", args=[world.round.pk, world.tree.ward_a.pk]))
    assert response.url == reverse("dossiers:edit", args=[dossier.pk])
    assert Dossier.objects.count() == 1


def test_start_for_another_unit_is_not_found(client, world):
    client.force_login(world.officer_b)
    response = client.post(reverse("dossiers:start", args=[world.round.pk, world.tree.ward_a.pk]))
    assert response.status_code == 404
    assert not Dossier.objects.exists()


def test_start_in_a_closed_round_is_not_found(client, world):
    world.round.opens_on = timezone.localdate() - datetime.timedelta(days=40)
    world.round.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    world.round.save()
    client.force_login(world.officer_a)
    response = client.post(reverse("dossiers:start", args=[world.round.pk, world.tree.ward_a.pk]))
    assert response.status_code == 404


def test_start_by_get_or_by_the_secretariat_is_refused(client, world):
    url = reverse("dossiers:start", args=[world.round.pk, world.tree.ward_a.pk])
    client.force_login(world.officer_a)
    assert client.get(url).status_code == 405
    client.force_login(world.secretariat)
    assert client.post(url).status_code == 404
    assert not Dossier.objects.exists()


def test_start_for_a_unit_of_another_council_is_not_found(client, world, tree):
    stranger = MembershipFactory(
        user=UserFactory(username="canbo_xa"), unit=tree.other_ward, role="unit_officer"
    ).user
    client.force_login(stranger)
    response = client.post(reverse("dossiers:start", args=[world.round.pk, tree.other_ward.pk]))
    assert response.status_code == 404
    assert not Dossier.objects.exists()


# --- Detail ----------------------------------------------------------------------------------


def test_detail_shows_nominations_findings_checklist_and_history(client, world):
    dossier = advance(world, make_dossier(world), Dossier.Status.SUBMITTED)
    client.force_login(world.officer_a)
    text = page_text(client, reverse("dossiers:detail", args=[dossier.pk]))
    assert "Nguyễn Thị Hoa" in text
    assert "Lao động tiên tiến" in text
    assert "status-submitted" in text
    assert world.round.closes_on.strftime("%d/%m/%Y") in text
    assert 'id="history"' in text
    attachment = dossier.attachments.first()
    assert reverse("dossiers:attachment_download", args=[attachment.pk]) in text
    finding = Nomination.objects.get(dossier=dossier).findings[0]
    assert finding["citation"] in text
    assert reverse("dossiers:edit", args=[dossier.pk]) not in text
    assert reverse("dossiers:act", args=[dossier.pk, "withdraw"]) in text


def test_detail_of_a_draft_links_the_form_and_submit(client, world):
    dossier = make_dossier(world)
    client.force_login(world.officer_a)
    text = page_text(client, reverse("dossiers:detail", args=[dossier.pk]))
    assert reverse("dossiers:edit", args=[dossier.pk]) in text
    assert reverse("dossiers:act", args=[dossier.pk, "submit"]) in text


def test_detail_shows_the_return_reason_and_comments(client, world):
    dossier = advance(world, make_dossier(world), Dossier.Status.IN_APPRAISAL)
    ReviewComment.objects.create(
        dossier=dossier,
        version=1,
        component="proposal_letter",
        text="Tờ trình chưa có chữ ký",
        author=world.secretariat,
    )
    dossier_transition(
        dossier=dossier, action=RETURN, actor=world.secretariat, reason="Bổ sung chữ ký"
    )
    client.force_login(world.officer_a)
    text = page_text(client, reverse("dossiers:detail", args=[dossier.pk]))
    assert "Bổ sung chữ ký" in text
    assert "Tờ trình chưa có chữ ký" in text
    assert "status-returned" in text


def test_detail_shows_appraisal_verdicts_once_set(client, world):
    dossier = advance(world, make_dossier(world), Dossier.Status.APPRAISED)
    client.force_login(world.officer_a)
    text = page_text(client, reverse("dossiers:detail", args=[dossier.pk]))
    assert 'class="small mt-1 appraisal"' in text
    assert str(Nomination.Appraisal.ELIGIBLE.label) in text


def test_detail_flags_a_late_submission(client, world):
    dossier = make_dossier(world)
    world.round.closes_on = world.round.opens_on + datetime.timedelta(days=1)
    world.round.late_policy = Round.LatePolicy.ACCEPT_FLAGGED
    world.round.save()
    advance(world, dossier, Dossier.Status.SUBMITTED)
    client.force_login(world.officer_a)
    text = page_text(client, reverse("dossiers:detail", args=[dossier.pk]))
    assert 'id="late"' in text


def test_detail_of_a_draft_is_the_units_own(client, world):
    dossier = make_dossier(world)
    url = reverse("dossiers:detail", args=[dossier.pk])
    for user in (world.officer_b, world.secretariat, world.member):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_detail_of_a_submitted_dossier_is_read_by_the_council(client, world):
    dossier = advance(world, make_dossier(world), Dossier.Status.SUBMITTED)
    url = reverse("dossiers:detail", args=[dossier.pk])
    client.force_login(world.member)
    text = page_text(client, url)
    assert "Nguyễn Thị Hoa" in text
    assert reverse("dossiers:edit", args=[dossier.pk]) not in text
    assert reverse("dossiers:act", args=[dossier.pk, "withdraw"]) not in text
    client.force_login(world.secretariat)
    assert client.get(url).status_code == 200
    client.force_login(world.officer_b)
    assert client.get(url).status_code == 404


def test_detail_needs_login(client, world):
    dossier = make_dossier(world)
    response = client.get(reverse("dossiers:detail", args=[dossier.pk]))
    assert response.status_code == 302
    assert reverse("login") in response.url


def test_officer_of_the_unit_above_sees_the_dossier(client, world, tree):
    dossier = make_dossier(world)
    district_officer = MembershipFactory(
        user=UserFactory(username="canbo_thixa"),
        unit=tree.district,
        role=Membership.Role.UNIT_OFFICER,
    ).user
    client.force_login(district_officer)
    assert client.get(reverse("dossiers:detail", args=[dossier.pk])).status_code == 200
