"""Campaigns: creating, proposing, launching, documents, who sees what."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.models import Campaign, CampaignDocument
from campaigns.services.campaigns import (
    campaign_create,
    campaign_document_add,
    campaign_launch,
    criteria_problems,
)
from common.models import StateChange
from common.uploads import check_upload
from tests.campaigns.conftest import officer
from tests.uploads import pdf_bytes, uploaded

pytestmark = pytest.mark.django_db


def checked(name="Kế hoạch phát động.pdf", data=None):
    file = uploaded(name, data or pdf_bytes(pages=2))
    file.checked = check_upload(file)
    return file


def new_campaign(tree, secretariat, **fields):
    defaults = {"name": "Người tốt, việc tốt", "kind": Campaign.Kind.REGULAR, "year": 2020}
    return campaign_create(council=tree.council, actor=secretariat, **(defaults | fields))


@pytest.mark.parametrize(
    ("criteria", "problem"),
    [
        ([], None),
        ([{"name": "A", "weight": 60}, {"name": "B", "weight": 40}], None),
        ([{"name": "A", "weight": 60}, {"name": "B", "weight": 30}], "90%"),
        ([{"name": "", "weight": 100}], "cần có tên"),
        ([{"name": "A", "weight": 0}, {"name": "B", "weight": 100}], "lớn hơn 0%"),
    ],
)
def test_criteria_problems_check_names_and_weights_adding_to_100(criteria, problem):
    problems = criteria_problems(criteria)

    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems)


def test_campaign_launch_needs_participants_and_records_the_change(tree, secretariat):
    campaign = new_campaign(tree, secretariat)

    with pytest.raises(ValidationError, match="đơn vị tham gia"):
        campaign_launch(campaign=campaign, actor=secretariat)
    campaign.participants.set([tree.ward_a, tree.ward_b])
    campaign_launch(campaign=campaign, actor=secretariat)

    campaign.refresh_from_db()
    assert campaign.status == Campaign.Status.LAUNCHED
    change = StateChange.objects.filter(object_id=campaign.pk, to_state="launched").get()
    assert (change.from_state, change.actor) == ("draft", secretariat)


def test_unit_proposal_needs_criteria_and_launch_plan_before_acceptance(
    tree, secretariat, officer_a
):
    proposal = new_campaign(
        tree, officer_a, name="Chuyển đổi số phường An Bình", requested_by=tree.ward_a
    )
    proposal.participants.set([tree.ward_a])
    assert (proposal.kind, proposal.status) == (Campaign.Kind.THEMATIC, Campaign.Status.PROPOSED)

    with pytest.raises(ValidationError) as refused:
        campaign_launch(campaign=proposal, actor=secretariat)
    assert len(refused.value.messages) == 2  # criteria and launch plan

    proposal.criteria = [{"name": "Hồ sơ trực tuyến", "weight": 100}]
    proposal.save()
    campaign_document_add(
        campaign=proposal,
        kind=CampaignDocument.Kind.LAUNCH_PLAN,
        uploaded_file=checked(),
        actor=officer_a,
    )
    campaign_launch(campaign=proposal, actor=secretariat)
    assert Campaign.objects.get(pk=proposal.pk).status == Campaign.Status.LAUNCHED


def test_launched_campaign_shows_on_participants_dashboard_only(
    client, tree, secretariat, officer_a
):
    campaign = new_campaign(tree, secretariat)
    campaign.participants.set([tree.ward_a])
    other = officer(tree.ward_b, "canbo_b")
    client.force_login(officer_a)
    assert "Người tốt, việc tốt" not in client.get(reverse("dashboard")).content.decode()

    campaign_launch(campaign=campaign, actor=secretariat)

    assert "Người tốt, việc tốt" in client.get(reverse("dashboard")).content.decode()
    client.force_login(other)
    assert "Người tốt, việc tốt" not in client.get(reverse("dashboard")).content.decode()


def test_secretariat_creates_campaign_in_browser_and_bad_weights_keep_input(
    client, tree, secretariat
):
    client.force_login(secretariat)
    url = reverse("campaigns:campaign_create")
    data = {
        "name": "Thi đua cải cách hành chính",
        "kind": "thematic",
        "year": "2020",
        "lead_unit": tree.ward_a.pk,
        "participants": [tree.ward_a.pk, tree.ward_b.pk],
        "starts_on": "30/01/2020",
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-0-name": "Thủ tục một cửa",
        "criteria-0-weight": "70",
        "criteria-1-name": "Số hoá hồ sơ",
        "criteria-1-weight": "20",
    }

    refused = client.post(url, data)

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "90%" in page
    assert "Thi đua cải cách hành chính" in page
    assert "Số hoá hồ sơ" in page
    assert not Campaign.objects.exists()

    data["criteria-1-weight"] = "30"
    response = client.post(url, data)
    campaign = Campaign.objects.get()
    assert response.url == reverse("campaigns:campaign_detail", args=[campaign.pk])
    assert campaign.criteria == [
        {"name": "Thủ tục một cửa", "weight": 70},
        {"name": "Số hoá hồ sơ", "weight": 30},
    ]
    assert set(campaign.participants.all()) == {tree.ward_a, tree.ward_b}
    assert campaign.starts_on.isoformat() == "2020-01-30"


def test_unit_officer_cannot_create_but_can_propose(client, tree, officer_a):
    client.force_login(officer_a)

    assert client.get(reverse("campaigns:campaign_create")).status_code == 403
    response = client.get(reverse("campaigns:campaign_propose"))
    assert response.status_code == 200
    assert tree.council.name in response.content.decode()


def test_campaign_pages_hidden_from_units_outside_it(client, tree, secretariat, officer_a):
    campaign = new_campaign(tree, secretariat)
    campaign.participants.set([tree.ward_b])
    stranger = officer(tree.other_ward, "canbo_xa")

    client.force_login(stranger)
    assert client.get(reverse("campaigns:campaign_detail", args=[campaign.pk])).status_code == 404
    client.force_login(officer_a)
    assert client.get(reverse("campaigns:campaign_detail", args=[campaign.pk])).status_code == 404
    client.force_login(secretariat)
    assert client.get(reverse("campaigns:campaign_detail", args=[campaign.pk])).status_code == 200


def test_campaign_launch_by_participant_is_forbidden(client, tree, secretariat, officer_a):
    campaign = new_campaign(tree, secretariat)
    campaign.participants.set([tree.ward_a])
    client.force_login(officer_a)

    response = client.post(reverse("campaigns:campaign_launch", args=[campaign.pk]))

    assert response.status_code == 403
    assert Campaign.objects.get(pk=campaign.pk).status == Campaign.Status.DRAFT


def test_campaign_document_download_is_attachment_for_allowed_users_only(
    client, tree, secretariat, officer_a
):
    campaign = new_campaign(tree, secretariat)
    campaign.participants.set([tree.ward_a])
    document = campaign_document_add(
        campaign=campaign, kind="launch_plan", uploaded_file=checked(), actor=secretariat
    )
    url = reverse("campaigns:campaign_document_download", args=[document.pk])

    client.force_login(officer_a)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")

    client.force_login(officer(tree.other_ward, "canbo_xa"))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("extra", [1, 20])
def test_campaign_list_query_count_does_not_grow(
    client, django_assert_num_queries, tree, secretariat, extra
):
    for i in range(extra):
        new_campaign(tree, secretariat, name=f"Phong trào {i}", lead_unit=tree.ward_a)
    client.force_login(secretariat)

    # savepoint, session, user, count, page, can-create, proposing units, release
    with django_assert_num_queries(8):
        response = client.get(reverse("campaigns:campaign_list"))

    assert response.status_code == 200


def test_refused_campaign_upload_keeps_the_chosen_document_type(client, tree, secretariat):
    campaign = new_campaign(tree, secretariat)
    client.force_login(secretariat)

    response = client.post(
        reverse("campaigns:campaign_document_upload", args=[campaign.pk]),
        {"kind": "annual_report", "file": uploaded("bao-cao.pdf", b"<html>not a pdf</html>")},
        follow=True,
    )

    assert not CampaignDocument.objects.exists()
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert response.context["upload_form"]["kind"].value() == "annual_report"
    assert '<option value="annual_report" selected>' in response.content.decode()
