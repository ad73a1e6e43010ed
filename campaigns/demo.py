"""Demo campaigns and clusters of Thị xã Sơn Tây's 2020 plan (son-tay-2020 §4–6).

Every campaign the plan names is created; "Người tốt, việc tốt" is launched for all wards and
communes. Clusters 1–10 are created; cluster no. 1 (four wards, led by Phường Xuân Khanh, whose
officer is the demo user ``canbo``) gets its members, a scoring scale and cross-assessment
assignments, with scoring open, so that the demo users can walk the whole year: upload the
pledge, score, close scoring and vote.
"""

import datetime

from django.db import transaction

from campaigns.models import Campaign, Cluster
from campaigns.services.campaigns import campaign_launch, campaign_update
from campaigns.services.from_plan import campaigns_create_from_plan, clusters_create_from_plan
from campaigns.services.scoring import criteria_replace, round_robin_pairs, sheets_assign
from organizations.models import Unit
from plans.models import Plan

SON_TAY_PLAN_NUMBER = "06/KH-HĐTĐKT"
LAUNCHED = "Người tốt, việc tốt"
LAUNCHED_CRITERIA = [
    {"name": "Số gương người tốt, việc tốt được phát hiện, biểu dương", "weight": 50},
    {"name": "Tuyên truyền, nhân rộng điển hình tiên tiến", "weight": 30},
    {"name": "Báo cáo sơ kết, tổng kết đúng hạn", "weight": 20},
]
# (number, leader, deputy, members)
CLUSTERS = [
    (1, "Phường Xuân Khanh", "Phường Trung Hưng",
     ["Phường Xuân Khanh", "Phường Trung Hưng", "Phường Trung Sơn Trầm", "Phường Viên Sơn"]),
    (2, "Xã Đường Lâm", "Xã Cổ Đông",
     ["Xã Cổ Đông", "Xã Đường Lâm", "Xã Kim Sơn", "Xã Sơn Đông", "Xã Thanh Mỹ", "Xã Xuân Sơn"]),
]  # fmt: skip
SCALE = [
    {"name": "Thực hiện nhiệm vụ chính trị, kinh tế – xã hội", "kind": "base", "max_points": 50},
    {"name": "Tổ chức phong trào thi đua, đăng ký và ký kết giao ước", "kind": "base",
     "max_points": 30},
    {"name": "Công tác khen thưởng, nhân rộng điển hình", "kind": "base", "max_points": 20},
    {"name": "Mô hình mới, cách làm hay", "kind": "bonus", "max_points": 5},
    {"name": "Chậm nộp báo cáo, hồ sơ", "kind": "penalty", "max_points": 5},
]  # fmt: skip


@transaction.atomic
def load_demo_campaigns() -> tuple[list[Campaign], list[Cluster]]:
    """Create the demo campaigns and clusters from the Sơn Tây 2020 plan; idempotent.

    Expects the demo organisations and the sample plans to be loaded. Returns the council's
    campaigns and clusters of 2020.
    """
    plan = Plan.objects.select_related("issuing_unit__council").get(number=SON_TAY_PLAN_NUMBER)
    son_tay = plan.issuing_unit
    units = {u.name: u for u in Unit.objects.filter(parent=son_tay)}
    campaigns_create_from_plan(plan=plan, names=plan.campaign_names, actor=None)
    campaign = Campaign.objects.get(council=son_tay.council, year=plan.year, name=LAUNCHED)
    if campaign.is_editable:
        campaign_update(
            campaign=campaign,
            actor=None,
            participants=[
                u for u in units.values() if u.kind in (Unit.Kind.WARD, Unit.Kind.COMMUNE)
            ],
            criteria=LAUNCHED_CRITERIA,
            starts_on=datetime.date(2020, 1, 30),
            mid_year_review_on=datetime.date(2020, 6, 20),
            annual_review_on=datetime.date(2020, 11, 30),
            ends_on=datetime.date(2020, 12, 31),
        )
        campaign_launch(campaign=campaign, actor=None)
    clusters_create_from_plan(plan=plan, actor=None)
    for number, leader, deputy, members in CLUSTERS:
        cluster = Cluster.objects.get(council=son_tay.council, year=plan.year, number=number)
        if cluster.members.exists():
            continue
        cluster.members.set([units[name] for name in members])
        cluster.leader, cluster.deputy = units[leader], units[deputy]
        cluster.save(update_fields=["leader", "deputy"])
        criteria_replace(cluster=cluster, rows=SCALE, actor=None)
        member_ids = sorted(units[name].pk for name in members)
        sheets_assign(cluster=cluster, pairs=round_robin_pairs(member_ids), actor=None)
    return (
        list(Campaign.objects.filter(council=son_tay.council, year=plan.year)),
        list(Cluster.objects.filter(council=son_tay.council, year=plan.year)),
    )
