"""Appraisal of a dossier by the secretariat: taking it, verdicts, the return with comments per
item, the diff after a resubmission, finishing, and who may do what."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from common.models import StateChange
from dossiers.models import Dossier, Nomination, ReviewComment
from dossiers.services.appraisal import dossier_return, verdicts_record
from dossiers.services.dossiers import NominationInput, nomination_save
from dossiers.services.workflow import SUBMIT, TAKE, dossier_transition
from organizations.models import Council, Membership
from tests.dossiers.conftest import advance, award, make_dossier
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

TWO = (("person", 0, "advanced_worker"), ("person", 1, "advanced_worker"))
ENDPOINTS = ("take", "appraisal_save", "return", "appraise")


def _url(name: str, dossier: Dossier) -> str:
    return reverse(f"dossiers:{name}", args=[dossier.pk])


@pytest.fixture
def in_appraisal(world):
    return advance(world, make_dossier(world, lines=TWO), "in_appraisal")


def test_take_assigns_the_chosen_specialist(client, world):
    dossier = advance(world, make_dossier(world), "submitted")
    client.force_login(world.secretariat)
    page = client.get(_url("appraisal", dossier)).content.decode()
    assert "Nhận thẩm định" in page
    assert "Trần Thị Lan" in page
    client.post(_url("take", dossier), {"assignee": world.specialist.pk})
    dossier.refresh_from_db()
    assert (dossier.status, dossier.assignee) == ("in_appraisal", world.specialist)
    change = StateChange.objects.get(object_id=dossier.pk, to_state="in_appraisal")
    assert change.actor == world.secretariat


def test_take_refuses_an_assignee_outside_the_secretariat(client, world):
    dossier = advance(world, make_dossier(world), "submitted")
    client.force_login(world.secretariat)
    response = client.post(_url("take", dossier), {"assignee": world.officer_a.pk}, follow=True)
    assert response.status_code == 200
    dossier.refresh_from_db()
    assert (dossier.status, dossier.assignee) == ("submitted", None)


def test_appraisal_page_shows_nominations_documents_and_actions(client, world, in_appraisal):
    client.force_login(world.specialist)
    page = client.get(_url("appraisal", in_appraisal)).content.decode()
    assert "Nguyễn Thị Hoa" in page
    assert "Trần Văn Bình" in page
    assert "Hoàn thành thẩm định" in page
    assert "Trả lại để bổ sung" in page
    assert "Lần nộp đầu tiên: chưa có phiên bản trước để so sánh." in page


def test_verdicts_saved_and_recorded_per_nomination(client, world, in_appraisal):
    first, second = in_appraisal.nominations.order_by("order")
    client.force_login(world.specialist)
    response = client.post(
        _url("appraisal_save", in_appraisal),
        {
            f"verdict_{first.pk}": "eligible",
            f"verdict_{second.pk}": "ineligible",
            f"reason_{second.pk}": "Chưa có sáng kiến được công nhận",
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.appraisal, second.appraisal) == ("eligible", "ineligible")
    assert second.appraisal_reason == "Chưa có sáng kiến được công nhận"
    change = StateChange.objects.get(object_id=second.pk, field="appraisal")
    assert (change.to_state, change.reason, change.actor) == (
        "ineligible",
        "Chưa có sáng kiến được công nhận",
        world.specialist,
    )


def test_not_eligible_without_reason_comes_back_with_what_was_typed(client, world, in_appraisal):
    first, second = in_appraisal.nominations.order_by("order")
    client.force_login(world.specialist)
    response = client.post(
        _url("appraisal_save", in_appraisal),
        {f"verdict_{first.pk}": "eligible", f"verdict_{second.pk}": "ineligible"},
    )
    assert response.status_code == 200
    assert "Nêu lý do đề nghị này không đủ điều kiện." in response.content.decode()
    assert response.context["verdict_form"][f"verdict_{first.pk}"].value() == "eligible"
    assert set(in_appraisal.nominations.values_list("appraisal", flat=True)) == {""}


def test_return_with_comments_per_item(client, world, in_appraisal):
    first, second = in_appraisal.nominations.order_by("order")
    client.force_login(world.specialist)
    response = client.post(
        _url("return", in_appraisal),
        {
            "reason": "Bổ sung báo cáo thành tích",
            f"comment_n_{first.pk}": "Ghi rõ năm công tác",
            f"comment_c_achievement_report_{second.pk}": "Báo cáo chưa có chữ ký",
            "comment_c_proposal_letter_0": "Tờ trình thiếu số, ký hiệu",
        },
    )
    assert response.status_code == 302
    in_appraisal.refresh_from_db()
    assert (in_appraisal.status, in_appraisal.return_reason) == (
        "returned",
        "Bổ sung báo cáo thành tích",
    )
    comments = {
        (c.nomination_id, c.component, c.text, c.version)
        for c in ReviewComment.objects.filter(dossier=in_appraisal)
    }
    assert comments == {
        (first.pk, "", "Ghi rõ năm công tác", 1),
        (second.pk, "achievement_report", "Báo cáo chưa có chữ ký", 1),
        (None, "proposal_letter", "Tờ trình thiếu số, ký hiệu", 1),
    }
    change = StateChange.objects.get(object_id=in_appraisal.pk, to_state="returned")
    assert (change.reason, change.actor) == ("Bổ sung báo cáo thành tích", world.specialist)


def test_return_without_reason_keeps_the_comments_typed(client, world, in_appraisal):
    first = in_appraisal.nominations.order_by("order").first()
    client.force_login(world.specialist)
    response = client.post(
        _url("return", in_appraisal), {"reason": "", f"comment_n_{first.pk}": "Ghi rõ năm"}
    )
    assert response.status_code == 200
    assert 'value="Ghi rõ năm"' in response.content.decode()
    in_appraisal.refresh_from_db()
    assert in_appraisal.status == "in_appraisal"
    assert not ReviewComment.objects.exists()


def test_resubmitted_dossier_shows_what_changed(client, world, in_appraisal):
    first = in_appraisal.nominations.order_by("order").first()
    dossier_return(dossier=in_appraisal, reason="Bổ sung", comments=[], actor=world.specialist)
    nomination_save(
        dossier=in_appraisal,
        data=NominationInput(
            nominee=world.people[0], award=award("advanced_worker"), summary="Thêm thành tích mới"
        ),
        actor=world.officer_a,
        nomination=first,
    )
    dossier_transition(dossier=in_appraisal, action=SUBMIT, actor=world.officer_a)
    dossier_transition(dossier=in_appraisal, action=TAKE, actor=world.specialist)
    client.force_login(world.specialist)
    page = client.get(_url("appraisal", in_appraisal)).content.decode()
    assert "Thêm thành tích mới" in page
    assert "Phiên bản 1 → phiên bản 2" in page


def test_appraise_refused_until_every_nomination_has_a_verdict(client, world, in_appraisal):
    first, second = in_appraisal.nominations.order_by("order")
    verdicts_record(
        dossier=in_appraisal, verdicts={first.pk: ("eligible", "")}, actor=world.specialist
    )
    client.force_login(world.specialist)
    client.post(_url("appraise", in_appraisal))
    in_appraisal.refresh_from_db()
    assert in_appraisal.status == "in_appraisal"
    verdicts_record(
        dossier=in_appraisal, verdicts={second.pk: ("eligible", "")}, actor=world.specialist
    )
    client.post(_url("appraise", in_appraisal))
    in_appraisal.refresh_from_db()
    assert in_appraisal.status == "appraised"


def test_verdicts_record_refuses_outside_appraisal_and_non_managers(world, in_appraisal):
    first = in_appraisal.nominations.first()
    with pytest.raises(PermissionDenied):
        verdicts_record(
            dossier=in_appraisal, verdicts={first.pk: ("eligible", "")}, actor=world.member
        )
    with pytest.raises(ValidationError):
        verdicts_record(
            dossier=in_appraisal, verdicts={first.pk: ("ineligible", " ")}, actor=world.specialist
        )
    dossier_return(dossier=in_appraisal, reason="Bổ sung", comments=[], actor=world.specialist)
    with pytest.raises(ValidationError):
        verdicts_record(
            dossier=in_appraisal, verdicts={first.pk: ("eligible", "")}, actor=world.specialist
        )
    first.refresh_from_db()
    assert first.appraisal == Nomination.Appraisal.PENDING


def test_dossier_return_refused_leaves_no_comment(world, in_appraisal):
    first = in_appraisal.nominations.first()
    with pytest.raises(PermissionDenied):
        dossier_return(
            dossier=in_appraisal,
            reason="Bổ sung",
            comments=[(first.pk, "", "Ghi chú")],
            actor=world.officer_a,
        )
    assert not ReviewComment.objects.exists()


def test_officer_of_the_unit_may_not_appraise(client, world, in_appraisal):
    client.force_login(world.officer_a)
    assert client.get(_url("appraisal", in_appraisal)).status_code == 403
    for name in ENDPOINTS:
        assert client.post(_url(name, in_appraisal), {"reason": "x"}).status_code == 403
    in_appraisal.refresh_from_db()
    assert in_appraisal.status == "in_appraisal"


def test_council_member_may_not_appraise(client, world, in_appraisal):
    client.force_login(world.member)
    assert client.get(_url("appraisal", in_appraisal)).status_code == 403
    assert client.post(_url("appraise", in_appraisal)).status_code == 403


def test_others_do_not_see_the_dossier(client, world, in_appraisal, tree):
    Council.objects.create(unit=tree.other_province, name="Hội đồng tỉnh Khác")
    stranger = MembershipFactory(
        user=UserFactory(username="tt_khac"),
        unit=tree.other_province,
        role=Membership.Role.SECRETARIAT,
    ).user
    for user in (world.officer_b, stranger):
        client.force_login(user)
        assert client.get(_url("appraisal", in_appraisal)).status_code == 404
        for name in ENDPOINTS:
            assert client.post(_url(name, in_appraisal)).status_code == 404


def test_draft_is_not_appraised(client, world):
    dossier = make_dossier(world)
    client.force_login(world.secretariat)
    assert client.get(_url("appraisal", dossier)).status_code == 404
