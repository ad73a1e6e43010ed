"""Admin pages for registration windows, registrations, their lines and cluster lists: for
administrators who correct data, with Excel/CSV import and export. Submitting, returning,
accepting and extending happen on the app's pages, which record each step."""

from django.contrib import admin

from common.admin_imports import ImportExportAdmin
from registrations.models import ClusterList, Registration, RegistrationEntry, RegistrationWindow
from registrations.resources import (
    ClusterListResource,
    RegistrationEntryResource,
    RegistrationResource,
    RegistrationWindowResource,
)

SUBMISSION_STATE = ("status", "extended_until", "return_reason", "submitted_at", "submitted_by")


@admin.register(RegistrationWindow)
class RegistrationWindowAdmin(ImportExportAdmin):
    resource_classes = [RegistrationWindowResource]
    list_display = ("campaign", "opens_on", "closes_on")
    list_filter = ("campaign__year",)
    search_fields = ("campaign__name",)
    list_select_related = ("campaign",)
    raw_id_fields = ("campaign", "schedule_task")
    readonly_fields = ("created_by",)


@admin.register(Registration)
class RegistrationAdmin(ImportExportAdmin):
    resource_classes = [RegistrationResource]
    list_display = ("unit", "window", "cluster", "status", "submitted_at")
    list_filter = ("status", "window__campaign__year")
    search_fields = ("unit__name", "window__campaign__name")
    list_select_related = ("unit", "window__campaign", "cluster")
    raw_id_fields = ("window", "unit", "cluster", "cluster_list")
    readonly_fields = SUBMISSION_STATE


@admin.register(RegistrationEntry)
class RegistrationEntryAdmin(ImportExportAdmin):
    resource_classes = [RegistrationEntryResource]
    list_display = ("__str__", "registration", "kind", "order")
    list_filter = ("kind", "registration__window__campaign__year")
    search_fields = ("person__search_name", "collective__search_name", "registration__unit__name")
    list_select_related = (
        "registration__unit", "registration__window__campaign", "collective", "person", "title",
        "form",
    )  # fmt: skip
    raw_id_fields = ("registration", "collective", "person")
    readonly_fields = ("review_note",)


@admin.register(ClusterList)
class ClusterListAdmin(ImportExportAdmin):
    resource_classes = [ClusterListResource]
    list_display = ("cluster", "window", "status", "submitted_at")
    list_filter = ("status", "window__campaign__year")
    search_fields = ("cluster__name", "window__campaign__name")
    list_select_related = ("cluster", "window__campaign")
    raw_id_fields = ("window", "cluster")
    readonly_fields = SUBMISSION_STATE
