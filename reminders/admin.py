"""Admin page for deadlines: for administrators who correct data, with Excel/CSV import and
export. Units mark deadlines done and the secretariat sets reminders on the app's pages, which
record each change."""

from django.contrib import admin

from common.admin_imports import ImportExportAdmin
from reminders.models import Deadline
from reminders.resources import DeadlineResource


@admin.register(Deadline)
class DeadlineAdmin(ImportExportAdmin):
    resource_classes = [DeadlineResource]
    list_display = ("__str__", "kind", "due_date", "council")
    list_filter = ("kind", "counting")
    search_fields = ("title",)
    date_hierarchy = "due_date"
    list_select_related = ("council",)
    raw_id_fields = (
        "council", "plan", "schedule_task", "registration_window", "round", "cluster",
    )  # fmt: skip
    readonly_fields = ("kind", "created_by")
