"""Admin pages for plans and their schedule tasks: for administrators who correct data, with
Excel/CSV import and export. Plans are written and issued on the app's pages, which record the
issue."""

from django.contrib import admin

from common.admin_imports import ImportExportAdmin
from plans.models import Plan, ScheduleTask
from plans.resources import PlanResource, ScheduleTaskResource


@admin.register(Plan)
class PlanAdmin(ImportExportAdmin):
    resource_classes = [PlanResource]
    list_display = ("__str__", "issuing_unit", "year", "issue_date", "status")
    list_filter = ("year", "status")
    search_fields = ("number", "title", "issuing_unit__name")
    list_select_related = ("issuing_unit",)
    raw_id_fields = ("issuing_unit",)
    readonly_fields = (
        "status", "created_by", "pdf_file", "pdf_rendered_at", "pdf_requested_at", "pdf_error",
    )  # fmt: skip


@admin.register(ScheduleTask)
class ScheduleTaskAdmin(ImportExportAdmin):
    resource_classes = [ScheduleTaskResource]
    list_display = ("__str__", "plan", "order", "quarter", "due_date")
    list_filter = ("quarter", "plan__year")
    search_fields = ("content", "plan__number", "plan__title")
    list_select_related = ("plan",)
    raw_id_fields = ("plan",)
    autocomplete_fields = ("executing_units", "coordinating_units")
