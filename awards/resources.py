"""django-import-export resources: the catalog (titles, forms, rule sets, rules) and the history
(decisions, grants, ratings, discipline, initiatives, households) in Excel or CSV.

Catalog rows are matched by their codes, so a sheet exported from one installation imports into
another; re-importing an unchanged export changes nothing (rows are reported as skipped).
JSON columns (recipient kinds, dossier components, criteria) hold JSON text.
"""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

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
from organizations.models import Person, Unit
from organizations.resources import ListField, Resource, column
from organizations.resources.base import AuditedImport
from organizations.resources.cells import JSONTextWidget
from organizations.resources.widgets import (
    IdWidget,
    ManyWidget,
    NamedWidget,
    PersonWidget,
    UnitWidget,
)


def _json(name: str, empty: type = list) -> fields.Field:
    return fields.Field(attribute=name, column_name=name, widget=JSONTextWidget(empty=empty))


def _by(model, attribute: str, column: str, field: str = "code") -> fields.Field:
    return fields.Field(
        attribute=attribute, column_name=column, widget=ForeignKeyWidget(model, field)
    )


class _CatalogResource(AuditedImport, resources.ModelResource):
    recipient_kinds = _json("recipient_kinds")

    class Meta:
        import_id_fields = ("code",)
        skip_unchanged = True
        report_skipped = True


class EmulationTitleResource(_CatalogResource):
    class Meta(_CatalogResource.Meta):
        model = EmulationTitle
        fields = ("code", "name_vi", "name_en", "recipient_kinds", "citation", "order")


class AwardFormResource(_CatalogResource):
    class Meta(_CatalogResource.Meta):
        model = AwardForm
        fields = ("code", "name_vi", "name_en", "kind", "recipient_kinds", "citation", "order")


class RuleSetResource(AuditedImport, resources.ModelResource):
    """Rule sets by code; a province's set names the province by its unit id."""

    province = _by(Unit, "province", "province", field="pk")

    class Meta:
        model = RuleSet
        import_id_fields = ("code",)
        fields = ("code", "name", "effective_from", "province", "citation", "notes")
        skip_unchanged = True
        report_skipped = True


class AwardRuleResource(AuditedImport, resources.ModelResource):
    """One row per rule, matched by (rule set code, title code, form code)."""

    rule_set = _by(RuleSet, "rule_set", "rule_set")
    title = _by(EmulationTitle, "title", "title")
    form = _by(AwardForm, "form", "form")
    dossier_components = _json("dossier_components")
    criteria = _json("criteria", empty=dict)

    class Meta:
        model = AwardRule
        import_id_fields = ("rule_set", "title", "form")
        fields = (
            "rule_set", "title", "form", "conferring_level", "authority", "bonus_multiple",
            "needs_initiative", "approval_threshold", "dossier_components", "criteria",
            "criteria_text", "citation",
        )  # fmt: skip
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return super().get_queryset().select_related("rule_set", "title", "form")


class AwardDecisionResource(AuditedImport, resources.ModelResource):
    issuing_unit = _by(Unit, "issuing_unit", "issuing_unit", field="pk")

    class Meta:
        model = AwardDecision
        fields = ("id", "number", "date", "authority", "signer_name", "issuing_unit")
        skip_unchanged = True
        report_skipped = True


class AwardGrantResource(AuditedImport, resources.ModelResource):
    """Grants with the recipient by id (person, unit or household) and the award by code; the
    decision number and the recipient's name are exported for reading and ignored on import."""

    decision = _by(AwardDecision, "decision", "decision", field="pk")
    decision_number = fields.Field(
        attribute="decision__number", column_name="decision_number", readonly=True
    )
    person = _by(Person, "person", "person", field="pk")
    unit = _by(Unit, "unit", "unit", field="pk")
    household = _by(Household, "household", "household", field="pk")
    recipient_name = fields.Field(column_name="recipient_name", readonly=True)
    title = _by(EmulationTitle, "title", "title")
    form = _by(AwardForm, "form", "form")

    class Meta:
        model = AwardGrant
        fields = (
            "id", "decision", "decision_number", "person", "unit", "household", "recipient_name",
            "title", "form", "year", "achievement", "revoked", "revoked_on", "revoked_reason",
        )  # fmt: skip
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("decision", "person", "unit", "household", "title", "form")
        )

    def dehydrate_recipient_name(self, grant: AwardGrant) -> str:
        return str(grant.recipient)


class AnnualRatingResource(AuditedImport, resources.ModelResource):
    person = _by(Person, "person", "person", field="pk")
    unit = _by(Unit, "unit", "unit", field="pk")

    class Meta:
        model = AnnualRating
        fields = ("id", "person", "unit", "year", "rating")
        skip_unchanged = True
        report_skipped = True


class HouseholdWidget(NamedWidget):
    """A household by the name of its head ("… [#id]" when several share it)."""

    model = Household


class HouseholdResource(Resource):
    """Households by id (heads of household share names), their unit by code or name."""

    unit = fields.Field("unit", column(Household, "unit"), UnitWidget())

    class Meta:
        model = Household
        fields = ("id", "name", "unit")

    export_select_related = ("unit",)


class DisciplinaryRecordResource(Resource):
    """Discipline, investigations and complaints by id; a row keeps its person (``id_scope``).
    The person's unit is exported for reading."""

    person = fields.Field("person", column(DisciplinaryRecord, "person"), PersonWidget())
    person_unit = fields.Field("person__unit", column(Person, "unit"), UnitWidget(), readonly=True)

    class Meta:
        model = DisciplinaryRecord
        fields = ("id", "person", "person_unit", "kind", "level", "starts_on", "ends_on", "note")

    id_scope = ("person",)
    export_select_related = ("person__unit",)


class InitiativeResource(Resource):
    """Initiatives by id, their authors by name in one cell ("A; B"), the grant they support
    by its number."""

    authors = ListField("authors", column(Initiative, "authors"), ManyWidget(PersonWidget()))
    unit = fields.Field("unit", column(Initiative, "unit"), UnitWidget())
    used_for = fields.Field("used_for", column(Initiative, "used_for"), IdWidget(AwardGrant))

    class Meta:
        model = Initiative
        fields = (
            "id", "title", "authors", "unit", "level", "year", "recognising_decision", "used_for",
        )  # fmt: skip

    id_scope = ("unit",)
    export_select_related = ("unit",)
    export_prefetch_related = ("authors",)
