"""Django admin for units, councils, people and memberships (in Vietnamese through gettext)."""

from django.contrib import admin
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from common.admin_imports import ImportExportAdmin
from organizations.models import Council, Membership, Person, Unit
from organizations.resources import CouncilResource, MembershipResource
from organizations.resources.base import AuditedImport


class UnitResource(AuditedImport, resources.ModelResource):
    """Units in Excel/CSV, the parent named by its id; every row written is audited."""

    parent = fields.Field(
        attribute="parent", column_name="parent", widget=ForeignKeyWidget(Unit, "pk")
    )

    class Meta:
        model = Unit
        fields = ("id", "name", "kind", "code", "parent", "established_on", "dissolved_on")


class PersonResource(AuditedImport, resources.ModelResource):
    """People in Excel/CSV, their unit named by id; every row written is audited."""

    unit = fields.Field(attribute="unit", column_name="unit", widget=ForeignKeyWidget(Unit, "pk"))

    class Meta:
        model = Person
        fields = ("id", "full_name", "gender", "birth_year", "position", "unit")


@admin.register(Unit)
class UnitAdmin(ImportExportAdmin):
    resource_classes = [UnitResource]
    list_display = ("name", "kind", "code", "parent", "established_on", "dissolved_on")
    list_filter = ("kind", ("dissolved_on", admin.EmptyFieldListFilter))
    search_fields = ("name", "search_name", "code")
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)


@admin.register(Council)
class CouncilAdmin(ImportExportAdmin):
    resource_classes = [CouncilResource]
    list_display = ("name", "unit")
    search_fields = ("name", "unit__name")
    autocomplete_fields = ("unit",)
    list_select_related = ("unit",)


@admin.register(Person)
class PersonAdmin(ImportExportAdmin):
    resource_classes = [PersonResource]
    list_display = ("full_name", "gender", "birth_year", "position", "unit")
    list_filter = ("gender",)
    search_fields = ("full_name", "search_name", "position")
    autocomplete_fields = ("unit",)
    list_select_related = ("unit",)


@admin.register(Membership)
class MembershipAdmin(ImportExportAdmin):
    resource_classes = [MembershipResource]
    list_display = ("user", "role", "unit", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "user__email", "unit__name")
    autocomplete_fields = ("user", "unit")
    list_select_related = ("user", "unit")
