"""Admin for the audit trail: read-only."""

from django.contrib import admin

from common.models import StateChange


@admin.register(StateChange)
class StateChangeAdmin(admin.ModelAdmin):
    list_display = ("at", "content_type", "object_id", "from_state", "to_state", "actor")
    list_filter = ("content_type", "to_state")
    list_select_related = ("content_type", "actor")
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
