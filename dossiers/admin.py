"""Admin pages for rounds, dossiers and nominations: for administrators who correct data, with
Excel/CSV import and export; the work itself is done on the app's pages, which record every
change of state."""

from django.contrib import admin

from common.admin_imports import ImportExportAdmin
from dossiers.models import Dossier, Nomination, Round
from dossiers.resources import DossierResource, NominationResource, RoundResource


@admin.register(Round)
class RoundAdmin(ImportExportAdmin):
    resource_classes = [RoundResource]
    list_display = ("name", "year", "council", "opens_on", "closes_on", "late_policy")
    list_filter = ("year", "late_policy")
    search_fields = ("name",)
    filter_horizontal = ("titles", "forms")
    readonly_fields = ("public_token", "created_by")
    list_select_related = ("council",)


@admin.register(Dossier)
class DossierAdmin(ImportExportAdmin):
    resource_classes = [DossierResource]
    list_display = ("unit", "round", "status", "version", "assignee", "submitted_at")
    list_filter = ("status", "round__year")
    search_fields = ("unit__name", "round__name")
    raw_id_fields = ("unit", "round", "assignee", "created_by")
    readonly_fields = ("status", "version", "submitted_at", "submitted_late")
    list_select_related = ("unit", "round", "assignee")


@admin.register(Nomination)
class NominationAdmin(ImportExportAdmin):
    resource_classes = [NominationResource]
    list_display = ("__str__", "dossier", "appraisal", "council_result")
    list_filter = ("appraisal", "council_result", "dossier__round__year")
    search_fields = ("person__search_name", "collective__search_name", "household__search_name")
    list_select_related = (
        "dossier__unit", "dossier__round", "person", "collective", "household", "title", "form",
    )  # fmt: skip
    raw_id_fields = ("dossier", "person", "collective", "household", "grant")
    readonly_fields = ("findings", "appraisal", "appraisal_reason", "council_result", "grant")
