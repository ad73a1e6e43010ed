"""Admin pages for campaigns and clusters: for administrators who correct data; the work itself is
done on the app's pages, which record every change of state."""

from django.contrib import admin

from campaigns.models import Campaign, Cluster


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "year", "council", "lead_unit", "status")
    list_filter = ("year", "kind", "status")
    search_fields = ("name",)
    autocomplete_fields = ("lead_unit", "requested_by", "participants")
    readonly_fields = ("status", "launched_at", "created_by")


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin):
    list_display = ("name", "year", "kind", "number", "council", "leader", "scoring_status")
    list_filter = ("year", "kind", "scoring_status")
    search_fields = ("name",)
    autocomplete_fields = ("leader", "deputy", "members")
    readonly_fields = ("scoring_status", "scoring_closed_at")
