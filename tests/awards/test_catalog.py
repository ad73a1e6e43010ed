import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
import tablib
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards.admin import AwardRuleAdmin
from awards.catalog_data import FORMS, TITLES
from awards.models import AwardForm, AwardRule, EmulationTitle, RuleSet
from awards.resources import (
    AwardFormResource,
    AwardGrantResource,
    AwardRuleResource,
    EmulationTitleResource,
    RuleSetResource,
)
from awards.selectors import rules_in_force
from awards.services import catalog_load
from common.models import StateChange
from tests.awards.factories import (
    AnnualRatingFactory,
    AwardGrantFactory,
    AwardRuleFactory,
    DisciplinaryRecordFactory,
    EmulationTitleFactory,
    HouseholdFactory,
    InitiativeFactory,
    RuleSetFactory,
)
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

LAW_TITLES = {
    "advanced_worker",
    "emulation_fighter_grassroots",
    "emulation_fighter_provincial",
    "emulation_fighter_national",
    "advanced_collective",
    "excellent_collective",
    "emulation_flag_provincial",
    "emulation_flag_government",
    "cultural_residential_group",
    "cultural_family",
}
LAW_FORMS = {
    "order",
    "medal",
    "state_honorary_title",
    "prize",
    "commemorative_medal",
    "certificate_of_commendation_pm",
    "certificate_of_commendation_provincial",
    "certificate_of_merit",
}


def test_factories_build_history_rows():
    grant = AwardGrantFactory()
    InitiativeFactory(authors=[grant.person], used_for=grant)
    AnnualRatingFactory(person=grant.person)
    DisciplinaryRecordFactory(person=grant.person)
    household = HouseholdFactory()
    AwardGrantFactory(person=None, household=household, decision=grant.decision)

    assert grant.person.initiatives.get().used_for == grant
    assert grant.title.name_vi == "Lao động tiên tiến"


def test_catalog_has_every_title_and_form_of_the_law_with_a_citation():
    titles = dict(EmulationTitle.objects.values_list("code", "citation"))
    forms = dict(AwardForm.objects.values_list("code", "citation"))

    assert set(titles) == LAW_TITLES
    assert set(forms) == LAW_FORMS
    assert all(citation.strip() for citation in [*titles.values(), *forms.values()])
    assert set(AwardForm.objects.values_list("kind", flat=True)) == set(AwardForm.Kind.values)
    assert EmulationTitle.objects.get(code="cultural_family").recipient_kinds == ["household"]


def test_catalog_has_three_national_rule_sets_with_a_rule_for_every_award():
    sets = RuleSet.objects.filter(province=None).order_by("effective_from")

    assert [(s.code, s.effective_from) for s in sets] == [
        ("law_2003", datetime.date(2017, 9, 15)),
        ("law_2022", datetime.date(2024, 1, 1)),
        ("d152_2025", datetime.date(2025, 7, 1)),
    ]
    for rule_set in sets:
        rules = list(rule_set.rules.select_related("title", "form"))
        assert {rule.award.code for rule in rules} == LAW_TITLES | LAW_FORMS
        assert all(rule.citation and rule.criteria["holds_block"] is True for rule in rules)


def test_fighter_rules_carry_engine_criteria_and_checked_thresholds():
    rules = rules_in_force(year=2025)
    grassroots = rules["emulation_fighter_grassroots"]
    provincial = rules["emulation_fighter_provincial"]

    assert grassroots.criteria == {
        "same_year_title": "advanced_worker",
        "any_of": [
            {"rating": "excellent"},
            {"initiative_level": "grassroots"},
            {"research_topic": True},
        ],
        "holds_block": True,
    }
    assert grassroots.approval_threshold == 80
    assert "(check)" in grassroots.criteria_text
    assert grassroots.dossier_components == [
        "proposal_letter",
        "achievement_report",
        "meeting_minutes",
        "initiative_proof",
    ]
    assert provincial.criteria["consecutive_years"] == {
        "of": "emulation_fighter_grassroots",
        "years": 3,
    }
    assert provincial.needs_initiative is True
    assert provincial.bonus_multiple == Decimal("3.0")
    assert rules["advanced_worker"].dossier_components == ["proposal_letter", "achievement_report"]


def test_rules_in_force_follow_the_law_of_each_year():
    before_2024 = rules_in_force(year=2023)
    law_2022 = rules_in_force(year=2024)
    two_tier = rules_in_force(year=2025)

    assert {r.rule_set.code for r in before_2024.values()} == {"law_2003"}
    assert {r.rule_set.code for r in law_2022.values()} == {"law_2022"}
    assert {r.rule_set.code for r in two_tier.values()} == {"d152_2025"}
    assert before_2024["advanced_worker"].conferring_level == "district"
    assert law_2022["advanced_worker"].conferring_level == "district"
    assert two_tier["advanced_worker"].conferring_level == "commune"
    assert (
        two_tier["advanced_worker"].authority == "Chủ tịch UBND cấp xã; thủ trưởng cơ quan, đơn vị"
    )
    assert (
        two_tier["certificate_of_merit"].citation
        == "Luật Thi đua, khen thưởng 2022, Điều 75; Nghị định 129/2025/NĐ-CP, Điều 59; "
        "Nghị định 152/2025/NĐ-CP"
    )


def test_grassroots_fighter_cap_lapses_on_1_january_2024():
    assert rules_in_force(year=2023)["emulation_fighter_grassroots"].criteria["cap"] == {
        "percent": 15,
        "of": "advanced_worker",
    }
    assert "cap" not in rules_in_force(year=2024)["emulation_fighter_grassroots"].criteria
    assert "cap" not in rules_in_force(year=2025)["emulation_fighter_grassroots"].criteria


def test_later_national_set_replaces_only_the_awards_it_has_rules_for():
    late = RuleSet.objects.create(
        code="national_late_2026",
        name="Quy định mới",
        effective_from=datetime.date(2026, 12, 31),
        citation="Nghị định giả định",
    )
    AwardRuleFactory(rule_set=late, title=EmulationTitleFactory(code="advanced_worker"))

    assert rules_in_force(year=2026)["advanced_worker"].rule_set == late
    assert rules_in_force(year=2026)["medal"].rule_set.code == "d152_2025"
    assert rules_in_force(year=2025)["advanced_worker"].rule_set.code == "d152_2025"


def test_province_override_changes_only_its_awards_in_its_province(tree):
    override = RuleSetFactory(
        code="cap_91", province=tree.province, effective_from=datetime.date(2024, 1, 1)
    )
    AwardRuleFactory(
        rule_set=override,
        title=EmulationTitleFactory(code="emulation_fighter_grassroots"),
        criteria={
            "same_year_title": "advanced_worker",
            "cap": {"percent": 15, "of": "advanced_worker"},
            "holds_block": True,
        },
    )

    own = rules_in_force(year=2025, province=tree.province)
    other = rules_in_force(year=2025, province=tree.other_province)

    assert own["emulation_fighter_grassroots"].rule_set == override
    assert own["emulation_fighter_grassroots"].criteria["cap"]["percent"] == 15
    assert own["advanced_worker"].rule_set.code == "d152_2025"
    assert other["emulation_fighter_grassroots"].rule_set.code == "d152_2025"
    assert rules_in_force(year=2025)["emulation_fighter_grassroots"].rule_set.code == "d152_2025"
    earlier = rules_in_force(year=2023, province=tree.province)
    assert earlier["emulation_fighter_grassroots"].rule_set.code == "law_2003"


def test_catalog_load_twice_changes_nothing():
    before = {
        rule.pk: (rule.authority, rule.criteria, rule.bonus_multiple)
        for rule in AwardRule.objects.all()
    }

    result = catalog_load(apps=apps)

    assert (result.created, result.updated) == (0, 0)
    after = {
        rule.pk: (rule.authority, rule.criteria, rule.bonus_multiple)
        for rule in AwardRule.objects.all()
    }
    assert after == before
    assert EmulationTitle.objects.count() == len(TITLES)
    assert AwardForm.objects.count() == len(FORMS)


def test_catalog_load_restores_an_edited_national_rule_and_keeps_province_rules(tree):
    rule = AwardRule.objects.get(rule_set__code="law_2022", title__code="advanced_worker")
    rule.authority = "Sửa tay"
    rule.save()
    province_rule = AwardRuleFactory(rule_set=RuleSetFactory(province=tree.province))

    result = catalog_load(apps=apps)

    rule.refresh_from_db()
    assert (result.created, result.updated) == (0, 1)
    assert rule.authority == "Chủ tịch UBND cấp huyện; thủ trưởng cơ quan, đơn vị"
    assert AwardRule.objects.filter(pk=province_rule.pk).exists()


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="quantri", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    ("model", "verbose_name"),
    [
        ("ruleset", "bộ quy định"),
        ("emulationtitle", "danh hiệu thi đua"),
        ("awardform", "hình thức khen thưởng"),
        ("awardrule", "quy định khen thưởng"),
        ("awarddecision", "quyết định khen thưởng"),
        ("awardgrant", "khen thưởng đã tặng"),
        ("annualrating", "xếp loại hằng năm"),
        ("disciplinaryrecord", "kỷ luật, điều tra, khiếu nại"),
        ("initiative", "sáng kiến"),
        ("household", "hộ gia đình"),
    ],
)
def test_admin_changelists_open_in_vietnamese(admin_client, model, verbose_name):
    grant = AwardGrantFactory(revoked=True, revoked_on=datetime.date(2025, 3, 1))
    InitiativeFactory(authors=[grant.person], used_for=grant)
    AnnualRatingFactory(person=grant.person)
    DisciplinaryRecordFactory(person=grant.person)
    HouseholdFactory()

    response = admin_client.get(reverse(f"admin:awards_{model}_changelist"))

    assert response.status_code == 200
    assert f"Chọn {verbose_name} để thay đổi" in response.text


def test_admin_rule_set_page_shows_its_rules_inline(admin_client):
    rule_set = RuleSet.objects.get(code="d152_2025")

    response = admin_client.get(reverse("admin:awards_ruleset_change", args=[rule_set.pk]))

    assert response.status_code == 200
    assert response.text.count('name="rules-') > 18 * 5


def test_admin_grant_search_finds_the_recipient_without_accents(admin_client):
    AwardGrantFactory(person=PersonFactory(full_name="Nguyễn Văn Hùng"))
    AwardGrantFactory(person=PersonFactory(full_name="Trần Thị Lan"))

    response = admin_client.get(reverse("admin:awards_awardgrant_changelist"), {"q": "Nguyen Hung"})

    assert [str(g.person) for g in response.context["cl"].result_list] == ["Nguyễn Văn Hùng"]


def test_admin_revoking_a_grant_records_the_change(admin_client):
    grant = AwardGrantFactory()
    url = reverse("admin:awards_awardgrant_change", args=[grant.pk])
    form = {
        "decision": grant.decision_id, "person": grant.person_id, "unit": "", "household": "",
        "title": grant.title_id, "form": "", "year": grant.year, "achievement": "merit",
        "revoked": "on", "revoked_on": "02/05/2025", "revoked_reason": "Giả mạo hồ sơ",
    }  # fmt: skip

    response = admin_client.post(url, form)

    assert response.status_code == 302
    grant.refresh_from_db()
    assert (grant.revoked, grant.revoked_on) == (True, datetime.date(2025, 5, 2))
    change = StateChange.objects.get(object_id=grant.pk, field="revoked")
    assert (change.from_state, change.to_state, change.reason) == ("False", "True", "Giả mạo hồ sơ")


def _xlsx_index(admin_class, model) -> int:
    formats = admin_class(model, admin.site).get_export_formats()
    return next(i for i, fmt in enumerate(formats) if fmt().get_title() == "xlsx")


def test_admin_rules_export_to_xlsx_and_reimport_without_changes(admin_client):
    fields = [f"awardruleresource_{name}" for name in AwardRuleResource._meta.fields]
    response = admin_client.post(
        reverse("admin:awards_awardrule_export"),
        {"format": _xlsx_index(AwardRuleAdmin, AwardRule), "resource": "0"}
        | dict.fromkeys(fields, "on"),
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 1 + 3 * 18
    before = list(AwardRule.objects.values())

    upload = SimpleUploadedFile("quy-dinh.xlsx", response.content)
    import_formats = AwardRuleAdmin(AwardRule, admin.site).get_import_formats()
    xlsx = next(i for i, fmt in enumerate(import_formats) if fmt().get_title() == "xlsx")
    preview = admin_client.post(
        reverse("admin:awards_awardrule_import"),
        {"resource": "0", "format": xlsx, "import_file": upload},
    )

    assert preview.status_code == 200
    totals = preview.context["result"].totals
    assert totals["skip"] == 3 * 18
    assert totals["new"] == totals["update"] == totals["error"] == totals["invalid"] == 0
    assert list(AwardRule.objects.values()) == before


@pytest.mark.parametrize(
    ("resource", "count"),
    [(EmulationTitleResource, 10), (AwardFormResource, 8), (RuleSetResource, 3)],
)
def test_catalog_resources_round_trip_without_changes(resource, count):
    dataset = resource().export()

    result = resource().import_data(
        tablib.Dataset().load(dataset.xlsx, format="xlsx"), dry_run=True
    )

    assert not result.has_errors()
    assert result.totals["skip"] == count


def test_grant_resource_round_trips_a_revoked_grant():
    AwardGrantFactory(revoked=True, revoked_on=datetime.date(2025, 3, 1), revoked_reason="Sai")
    dataset = AwardGrantResource().export()

    result = AwardGrantResource().import_data(
        tablib.Dataset().load(dataset.xlsx, format="xlsx"), dry_run=True
    )

    assert not result.has_errors()
    assert result.totals["skip"] == 1
    assert dataset.dict[0]["recipient_name"].startswith("Nguyễn Văn Thử")
