"""One responsible unit's obligation (reminders:target): marking it done, saying a unit has no
dossier, reopening, and the download of its proofs."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from organizations.models import Membership
from reminders.models import Deadline, DeadlineUnit, DoneProof
from tests.factories import MembershipFactory, UserFactory
from tests.reminders.conftest_ui import stranger_fixture  # noqa: F401 - fixtures by name
from tests.uploads import pdf_bytes, uploaded

pytestmark = pytest.mark.django_db


def vi(msgid: str) -> str:
    """``msgid`` as the Vietnamese page shows it (escaped as in HTML)."""
    with translation.override("vi"):
        return escape(gettext(msgid))


def target_page(client, target) -> str:
    response = client.get(reverse("reminders:target", args=[target.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_target_page_shows_the_obligation_its_state_and_the_done_form(
    client, owed, officer_a, clock
):
    client.force_login(officer_a)

    page = target_page(client, owed.target_a)

    assert owed.deadline.title in page
    assert "12/03/2026" in page
    assert 'data-light="soon"' in page
    assert 'id="done-form"' in page
    assert 'enctype="multipart/form-data"' in page
    assert 'id="reopen-form"' not in page
    assert 'id="history"' not in page  # nothing recorded yet


def test_target_page_of_a_unit_the_user_cannot_see_is_404(client, owed, officer_b, stranger):
    for user in (officer_b, stranger):
        client.force_login(user)

        response = client.get(reverse("reminders:target", args=[owed.target_a.pk]))

        assert response.status_code == 404


def test_target_page_shows_the_secretariat_the_unit_without_the_done_form(
    client, owed, secretariat, clock
):
    client.force_login(secretariat)

    page = target_page(client, owed.target_a)

    assert owed.deadline.title in page
    assert 'id="done-form"' not in page
    assert reverse("reminders:deadline", args=[owed.deadline.pk]) in page


def test_target_done_by_the_secretariat_is_refused(client, owed, secretariat):
    client.force_login(secretariat)

    response = client.post(
        reverse("reminders:target_done", args=[owed.target_a.pk]), {"note": "Đã gửi"}
    )

    assert response.status_code == 403
    owed.target_a.refresh_from_db()
    assert owed.target_a.done_at is None


def test_target_done_by_a_stranger_is_404(client, owed, stranger):
    client.force_login(stranger)

    response = client.post(reverse("reminders:target_done", args=[owed.target_a.pk]), {})

    assert response.status_code == 404


def test_target_done_with_a_note_and_a_file_marks_it_done_and_keeps_the_proof(
    client, owed, officer_a, clock
):
    client.force_login(officer_a)

    response = client.post(
        reverse("reminders:target_done", args=[owed.target_a.pk]),
        {"note": "Đã gửi Báo cáo số 12/BC-UBND", "file": uploaded("Báo cáo.pdf", pdf_bytes())},
    )

    assert response.status_code == 302
    owed.target_a.refresh_from_db()
    assert owed.target_a.done_at is not None
    assert owed.target_a.done_by == officer_a
    assert owed.target_a.done_note == "Đã gửi Báo cáo số 12/BC-UBND"
    proof = DoneProof.objects.get(target=owed.target_a)
    page = target_page(client, owed.target_a)
    assert 'data-light="done"' in page
    assert "Báo cáo.pdf" in page
    assert reverse("reminders:proof_download", args=[proof.pk]) in page
    assert 'id="reopen-form"' in page
    assert 'id="history"' in page


def test_target_done_with_a_file_of_the_wrong_kind_keeps_the_note(client, owed, officer_a):
    client.force_login(officer_a)

    response = client.post(
        reverse("reminders:target_done", args=[owed.target_a.pk]),
        {"note": "Đã gửi qua đường văn thư", "file": uploaded("ghi chu.txt", b"chi la chu")},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Đã gửi qua đường văn thư</textarea>" in page
    assert "is-invalid" in page
    owed.target_a.refresh_from_db()
    assert owed.target_a.done_at is None


def test_proof_download_serves_the_file_to_those_who_see_the_unit(
    client, owed, officer_a, officer_b, secretariat
):
    client.force_login(officer_a)
    client.post(
        reverse("reminders:target_done", args=[owed.target_a.pk]),
        {"note": "", "file": uploaded("Báo cáo.pdf", pdf_bytes())},
    )
    proof = DoneProof.objects.get(target=owed.target_a)
    url = reverse("reminders:proof_download", args=[proof.pk])

    for user, status in ((officer_a, 200), (secretariat, 200), (officer_b, 404)):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == status
        if status == 200:
            assert b"".join(response.streaming_content).startswith(b"%PDF")
            assert response["Cache-Control"] == "private, no-store"


def test_target_reopen_with_a_reason_puts_the_unit_back_to_owing(
    client, owed, officer_a, secretariat
):
    DeadlineUnit.objects.filter(pk=owed.target_a.pk).update(done_at=timezone.now())
    client.force_login(secretariat)

    response = client.post(
        reverse("reminders:target_reopen", args=[owed.target_a.pk]),
        {"reason": "Báo cáo thiếu số liệu quý IV"},
    )

    assert response.status_code == 302
    owed.target_a.refresh_from_db()
    assert owed.target_a.done_at is None
    client.force_login(officer_a)
    page = target_page(client, owed.target_a)
    assert "Báo cáo thiếu số liệu quý IV" in page  # in the history
    assert 'id="done-form"' in page


def test_target_reopen_without_a_reason_shows_the_error(client, owed, officer_a):
    DeadlineUnit.objects.filter(pk=owed.target_a.pk).update(done_at=timezone.now())
    client.force_login(officer_a)

    response = client.post(reverse("reminders:target_reopen", args=[owed.target_a.pk]), {})

    assert response.status_code == 200
    assert vi("Say why it is not done after all.") in response.content.decode()
    owed.target_a.refresh_from_db()
    assert owed.target_a.done_at is not None


def test_target_reopen_by_another_unit_is_404_and_by_a_council_member_403(
    client, owed, officer_b, tree
):
    DeadlineUnit.objects.filter(pk=owed.target_a.pk).update(done_at=timezone.now())
    member = MembershipFactory(
        user=UserFactory(username="uyvien"), unit=tree.district,
        role=Membership.Role.COUNCIL_MEMBER,
    ).user  # fmt: skip
    url = reverse("reminders:target_reopen", args=[owed.target_a.pk])

    client.force_login(officer_b)
    assert client.post(url, {"reason": "Sai"}).status_code == 404
    client.force_login(member)
    assert client.post(url, {"reason": "Sai"}).status_code == 403


def round_target(world) -> DeadlineUnit:
    deadline = Deadline.objects.create(
        kind=Deadline.Kind.ROUND,
        round=world.round,
        council=world.tree.council,
        title=f"Hồ sơ đề nghị khen thưởng: {world.round.name}",
        due_date=world.round.closes_on,
    )
    return DeadlineUnit.objects.create(deadline=deadline, unit=world.tree.ward_a)


def test_round_target_offers_the_dossier_page_and_the_no_dossier_button(client, world):
    target = round_target(world)
    client.force_login(world.officer_a)

    page = target_page(client, target)

    assert f'href="{reverse("dossiers:home")}"' in page
    assert 'id="done-form"' in page
    assert vi("The unit has no dossier to propose") in page


def test_round_target_without_a_reason_is_not_marked(client, world):
    target = round_target(world)
    client.force_login(world.officer_a)

    response = client.post(reverse("reminders:target_done", args=[target.pk]), {"note": "  "})

    assert response.status_code == 200
    assert vi("Say why the unit sends no dossier in this round.") in response.content.decode()
    target.refresh_from_db()
    assert target.done_at is None


def test_round_target_with_a_reason_is_marked_done(client, world):
    target = round_target(world)
    client.force_login(world.officer_a)

    response = client.post(
        reverse("reminders:target_done", args=[target.pk]),
        {"note": "Năm nay phường không có cá nhân đủ tiêu chuẩn"},
    )

    assert response.status_code == 302
    target.refresh_from_db()
    assert target.done_note == "Năm nay phường không có cá nhân đủ tiêu chuẩn"


def test_registration_target_sends_to_the_registration_page_and_cannot_be_marked(
    client, window, tree, officer_a
):
    deadline = Deadline.objects.create(
        kind=Deadline.Kind.REGISTRATION,
        registration_window=window.window,
        council=tree.council,
        title="Đăng ký thi đua năm 2020",
        due_date=window.window.closes_on,
    )
    target = DeadlineUnit.objects.create(deadline=deadline, unit=tree.ward_a)
    client.force_login(officer_a)

    page = target_page(client, target)
    refused = client.post(reverse("reminders:target_done", args=[target.pk]), {"note": "Xong"})

    assert f'href="{reverse("registrations:home")}"' in page
    assert 'id="done-form"' not in page
    assert refused.status_code == 403
