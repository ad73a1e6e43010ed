"""Admin pages for campaigns, clusters and cluster results: for administrators who correct data,
with Excel/CSV import and export; the work itself is done on the app's pages, which record every
change of state."""

from django.contrib import admin

from campaigns.models import Campaign, Cluster, ClusterResult
from campaigns.resources import CampaignResource, ClusterResource, ClusterResultResource
from common.admin_imports import ImportExportAdmin


@admin.register(Campaign)
class CampaignAdmin(ImportExportAdmin):
    resource_classes = [CampaignResource]
    list_display = ("name", "kind", "year", "council", "lead_unit", "status")
    list_filter = ("year", "kind", "status")
    search_fields = ("name",)
    autocomplete_fields = ("lead_unit", "requested_by", "participants")
    readonly_fields = ("status", "launched_at", "created_by")
    list_select_related = ("council", "lead_unit")


@admin.register(Cluster)
class ClusterAdmin(ImportExportAdmin):
    resource_classes = [ClusterResource]
    list_display = ("name", "year", "kind", "number", "council", "leader", "scoring_status")
    list_filter = ("year", "kind", "scoring_status")
    search_fields = ("name",)
    autocomplete_fields = ("leader", "deputy", "members")
    readonly_fields = ("scoring_status", "scoring_closed_at")
    list_select_related = ("council", "leader")


@admin.register(ClusterResult)
class ClusterResultAdmin(ImportExportAdmin):
    resource_classes = [ClusterResultResource]
    list_display = ("cluster", "rank", "unit", "total", "self_total", "cross_total")
    list_filter = ("cluster__year",)
    search_fields = ("cluster__name", "unit__name")
    list_select_related = ("cluster", "unit")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
