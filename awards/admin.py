"""Django admin for the award catalog and history (in Vietnamese through gettext).

Admins edit titles, forms, rule sets and rules without a deploy (LAW.md, "Design consequence"),
and export them to Excel and import them back. Grants are never deleted here: a revoked grant is
marked revoked with its date and reason (Law Art. 93), and the change is recorded.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from awards.models import (
    AnnualRating,
    AwardDecision,
    AwardForm,
    AwardGrant,
    AwardRule,
    DisciplinaryRecord,
    EmulationTitle,
    Household,
    Initiative,
    RuleSet,
)
from awards.resources import (
    AnnualRatingResource,
    AwardDecisionResource,
    AwardFormResource,
    AwardGrantResource,
    AwardRuleResource,
    DisciplinaryRecordResource,
    EmulationTitleResource,
    HouseholdResource,
    InitiativeResource,
    RuleSetResource,
)
from common.admin_imports import ImportExportAdmin
from common.services import state_change_record
from common.text import search_key


class AwardRuleInline(admin.StackedInline):
    model = AwardRule
    extra = 0
    autocomplete_fields = ("title", "form")
    fields = (
        ("title", "form"),
        ("conferring_level", "authority"),
        ("bonus_multiple", "approval_threshold", "needs_initiative"),
        "criteria_text",
        "criteria",
        "dossier_components",
        "citation",
    )


@admin.register(RuleSet)
class RuleSetAdmin(ImportExportAdmin):
    resource_classes = [RuleSetResource]
    list_display = ("name", "code", "effective_from", "province")
    list_filter = (("province", admin.EmptyFieldListFilter),)
    search_fields = ("name", "code", "citation")
    autocomplete_fields = ("province",)
    list_select_related = ("province",)
    inlines = [AwardRuleInline]


@admin.register(EmulationTitle)
class EmulationTitleAdmin(ImportExportAdmin):
    resource_classes = [EmulationTitleResource]
    list_display = ("name_vi", "name_en", "code", "registration_asks", "citation", "order")
    search_fields = ("name_vi", "name_en", "code")


@admin.register(AwardForm)
class AwardFormAdmin(ImportExportAdmin):
    resource_classes = [AwardFormResource]
    list_display = ("name_vi", "name_en", "code", "kind", "registration_asks", "citation", "order")
    list_filter = ("kind",)
    search_fields = ("name_vi", "name_en", "code")


@admin.register(AwardRule)
class AwardRuleAdmin(ImportExportAdmin):
    resource_classes = [AwardRuleResource]
    list_display = (
        "rule_set",
        "award_name",
        "conferring_level",
        "authority",
        "bonus_multiple",
        "approval_threshold",
    )
    list_filter = ("rule_set", "conferring_level")
    search_fields = ("title__name_vi", "form__name_vi", "authority", "citation", "criteria_text")
    autocomplete_fields = ("rule_set", "title", "form")
    list_select_related = ("rule_set", "title", "form")

    @admin.display(description=_("award"))
    def award_name(self, rule: AwardRule) -> str:
        return str(rule.award)


class AwardGrantInline(admin.TabularInline):
    model = AwardGrant
    extra = 1
    autocomplete_fields = ("person", "unit", "household", "title", "form")
    fields = (
        "person", "unit", "household", "title", "form", "year", "achievement",
        "revoked", "revoked_on", "revoked_reason",
    )  # fmt: skip


@admin.register(AwardDecision)
class AwardDecisionAdmin(ImportExportAdmin):
    resource_classes = [AwardDecisionResource]
    list_display = ("number", "date", "authority", "signer_name", "issuing_unit")
    search_fields = ("number", "authority", "signer_name")
    date_hierarchy = "date"
    autocomplete_fields = ("issuing_unit",)
    list_select_related = ("issuing_unit",)
    inlines = [AwardGrantInline]


@admin.register(AwardGrant)
class AwardGrantAdmin(ImportExportAdmin):
    resource_classes = [AwardGrantResource]
    list_display = ("recipient_name", "award_name", "year", "decision", "achievement", "revoked")
    list_filter = ("revoked", "year", "title", "form", "achievement")
    search_fields = ("person__search_name", "unit__search_name", "household__search_name")
    autocomplete_fields = ("decision", "person", "unit", "household", "title", "form")
    list_select_related = ("decision", "person", "unit", "household", "title", "form")

    @admin.display(description=_("recipient"))
    def recipient_name(self, grant: AwardGrant) -> str:
        return str(grant.recipient)

    @admin.display(description=_("award"))
    def award_name(self, grant: AwardGrant) -> str:
        return str(grant.award)

    def get_search_results(self, request, queryset, search_term):
        # Recipient names are searched through their accent-folded copy ("nguyen van hung").
        return super().get_search_results(request, queryset, search_key(search_term))

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if change and "revoked" in form.changed_data:
            state_change_record(
                obj=obj,
                field="revoked",
                from_state=str(not obj.revoked),
                to_state=str(obj.revoked),
                actor=request.user,
                reason=obj.revoked_reason,
            )


@admin.register(AnnualRating)
class AnnualRatingAdmin(ImportExportAdmin):
    resource_classes = [AnnualRatingResource]
    list_display = ("__str__", "year", "rating")
    list_filter = ("year", "rating")
    search_fields = ("person__search_name", "unit__search_name")
    autocomplete_fields = ("person", "unit")
    list_select_related = ("person", "unit")

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, search_key(search_term))


@admin.register(DisciplinaryRecord)
class DisciplinaryRecordAdmin(ImportExportAdmin):
    resource_classes = [DisciplinaryRecordResource]
    list_display = ("person", "kind", "level", "starts_on", "ends_on")
    list_filter = ("kind", "level")
    search_fields = ("person__search_name", "person__full_name")
    autocomplete_fields = ("person",)
    list_select_related = ("person",)
    date_hierarchy = "starts_on"


@admin.register(Initiative)
class InitiativeAdmin(ImportExportAdmin):
    resource_classes = [InitiativeResource]
    list_display = ("title", "level", "year", "unit", "recognising_decision", "used_for")
    list_filter = ("level", "year")
    search_fields = ("title", "recognising_decision")
    autocomplete_fields = ("authors", "unit")
    raw_id_fields = ("used_for",)
    list_select_related = (
        "unit", "used_for__person", "used_for__unit", "used_for__household", "used_for__title",
        "used_for__form",
    )  # fmt: skip


@admin.register(Household)
class HouseholdAdmin(ImportExportAdmin):
    resource_classes = [HouseholdResource]
    list_display = ("name", "unit")
    search_fields = ("name", "search_name", "unit__name")
    autocomplete_fields = ("unit",)
    list_select_related = ("unit",)
