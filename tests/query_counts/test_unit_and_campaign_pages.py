"""The unit page (the units and people under a unit), the campaign page (participants and
documents) and the cluster leader's scoring assignments (members) run as many queries for many
rows as for few."""

import pytest
from django.urls import reverse

from campaigns.models import Campaign, CampaignDocument
from campaigns.services import scoring
from organizations.models import Unit
from tests.campaigns.conftest import officer
from tests.dossiers.conftest import checked_pdf
from tests.factories import PersonFactory, UnitFactory
from tests.query_counts.conftest import assert_constant

pytestmark = pytest.mark.django_db


def test_unit_page_lists_twelve_more_units_and_thirty_more_people_in_as_many_queries(
    client, tree, secretariat
):
    PersonFactory(full_name="Người Đầu Tiên", unit=tree.district)
    client.force_login(secretariat)

    def grow() -> str:
        for number in range(12):
            UnitFactory(name=f"Phường Thêm Số {number}", parent=tree.district)
        PersonFactory.create_batch(30, unit=tree.district)
        return "Phường Thêm Số 11"

    assert_constant(client, reverse("organizations:unit_detail", args=[tree.district.pk]), grow)


def _document(campaign: Campaign, user, name: str) -> CampaignDocument:
    document = CampaignDocument(campaign=campaign, kind=CampaignDocument.Kind.OTHER)
    document.attach(checked_pdf(name), user=user)
    document.save()
    return document


def test_campaign_page_lists_more_participants_and_documents_in_as_many_queries(
    client, tree, secretariat
):
    campaign = Campaign.objects.create(
        council=tree.council,
        name="Thi đua thường xuyên năm 2020",
        kind=Campaign.Kind.REGULAR,
        year=2020,
        status=Campaign.Status.LAUNCHED,
    )
    campaign.participants.set([tree.ward_a])
    _document(campaign, secretariat, "Kế hoạch phát động.pdf")
    client.force_login(secretariat)

    def grow() -> str:
        for number in range(10):
            campaign.participants.add(
                UnitFactory(
                    name=f"Xã Tham Gia {number}", kind=Unit.Kind.COMMUNE, parent=tree.district
                )
            )
        for number in range(6):
            _document(campaign, secretariat, f"Báo cáo số {number}.pdf")
        return "Xã Tham Gia 9"

    assert_constant(client, reverse("campaigns:campaign_detail", args=[campaign.pk]), grow)


def _members_assigned(setup, added: int) -> str:
    """``added`` more members in the fixture's cluster, then every member scored by the next
    two; the name of the last one added."""
    for index in range(added):
        unit = UnitFactory(name=f"Phường Thêm {index:02}", parent=setup.members[0].parent)
        setup.cluster.members.add(unit)
        setup.officers[unit.pk] = officer(unit, f"canbo_them_{index}")
    ids = list(setup.cluster.members.order_by("name").values_list("pk", flat=True))
    scoring.sheets_assign(
        cluster=setup.cluster, pairs=scoring.round_robin_pairs(ids, peers=2), actor=None
    )
    return f"Phường Thêm {added - 1:02}" if added else ""


def test_scoring_assignment_page_lists_eight_more_members_in_as_many_queries(client, clusters):
    _members_assigned(clusters, 0)
    client.force_login(clusters.officer_of(clusters.cluster.leader))

    assert_constant(
        client,
        reverse("campaigns:scoring_assign", args=[clusters.cluster.pk]),
        lambda: _members_assigned(clusters, 8),
    )


@pytest.mark.parametrize("page", ["campaigns:campaign_create", "campaigns:cluster_create"])
def test_campaign_and_cluster_forms_offer_twenty_more_units_in_as_many_queries(
    client, tree, secretariat, page
):
    client.force_login(secretariat)

    def grow() -> str:
        for number in range(20):
            UnitFactory(name=f"Xã Được Chọn {number}", kind=Unit.Kind.COMMUNE, parent=tree.district)
        return "Xã Được Chọn 19"

    assert_constant(client, reverse(page), grow)
