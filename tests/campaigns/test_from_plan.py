"""Campaigns and clusters made from what the importer found in a plan, and the demo."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from campaigns.demo import load_demo_campaigns
from campaigns.models import Campaign, Cluster
from campaigns.services.from_plan import campaign_mentions, cluster_numbers
from organizations.models import Unit
from plans.models import Plan
from registrations.models import ClusterList, Registration, RegistrationWindow

pytestmark = pytest.mark.django_db


def test_cluster_numbers_read_kind_and_number():
    assert cluster_numbers(["Cụm thi đua số 1", "Khối thi đua số 12", "Cụm trưởng"]) == [
        ("cluster", 1, "Cụm thi đua số 1"),
        ("bloc", 12, "Khối thi đua số 12"),
    ]


def test_demo_makes_son_tay_campaigns_with_their_standing_bodies(demo_world):
    plan = Plan.objects.get(number="06/KH-HĐTĐKT")
    leads = {
        m.name: m.lead_unit.name if m.lead_unit else None for m in campaign_mentions(plan=plan)
    }

    # son-tay-2020 §6.1: "- *Phòng Y tế thị xã*: Phong trào “An toàn thực phẩm” năm 2020."
    assert leads["An toàn thực phẩm"] == "Phòng Y tế thị xã Sơn Tây"
    assert leads["Toàn dân bảo vệ an ninh Tổ quốc"] == "Công an thị xã Sơn Tây"
    assert leads["Thi đua quyết thắng"] == "Ban Chỉ huy Quân sự thị xã Sơn Tây"
    named = Campaign.objects.filter(plan=plan, name__in=plan.campaign_names)
    assert named.count() == len(plan.campaign_names) == 15
    launched = named.get(status=Campaign.Status.LAUNCHED)
    assert launched.name == "Người tốt, việc tốt"
    assert launched.participants.count() == 15  # 9 wards and 6 communes
    assert sorted(Cluster.objects.values_list("number", flat=True)) == list(range(1, 11))


def test_demo_is_idempotent(demo_world):
    before = (Campaign.objects.count(), Cluster.objects.count(), Unit.objects.count())

    load_demo_campaigns()

    assert (Campaign.objects.count(), Cluster.objects.count(), Unit.objects.count()) == before


def test_secretariat_confirms_campaigns_from_the_plan_page(client, demo_world):
    plan = Plan.objects.get(number="06/KH-HĐTĐKT")
    for model in (Registration, ClusterList, RegistrationWindow):  # the demo's registrations
        model.objects.all().delete()
    Campaign.objects.all().delete()
    Cluster.objects.filter(number__gt=2).delete()
    client.force_login(User.objects.get(username="thuongtruc"))
    url = reverse("campaigns:from_plan", args=[plan.pk])

    page = client.get(url)
    assert "Phòng Y tế thị xã Sơn Tây" in page.content.decode()
    response = client.post(
        url, {"campaign": ["An toàn thực phẩm", "Thi đua quyết thắng"], "clusters": "1"}
    )

    assert response.url == reverse("plans:plan_detail", args=[plan.pk])
    assert set(Campaign.objects.values_list("name", "kind", "status")) == {
        ("An toàn thực phẩm", "thematic", "draft"),
        ("Thi đua quyết thắng", "thematic", "draft"),
    }
    assert Cluster.objects.filter(plan=plan).count() == 10  # 1 and 2 kept, 3–10 created
    detail = client.get(response.url).content.decode()
    assert "An toàn thực phẩm" in detail
    assert "Cụm thi đua số 10" in detail


def test_ward_officer_cannot_create_campaigns_from_the_plan(client, demo_world):
    plan = Plan.objects.get(number="06/KH-HĐTĐKT")
    client.force_login(User.objects.get(username="canbo"))

    response = client.post(reverse("campaigns:from_plan", args=[plan.pk]), {"campaign": ["X"]})

    assert response.status_code in (403, 404)


def test_demo_leader_sees_his_cluster_on_the_dashboard(client, demo_world):
    client.force_login(User.objects.get(username="canbo"))

    page = client.get(reverse("dashboard")).content.decode()

    assert "Cụm thi đua số 1" in page
    assert "Cụm thi đua số 2" not in page
    assert "Người tốt, việc tốt" in page
