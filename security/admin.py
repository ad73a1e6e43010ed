"""The security event log in the admin: read-only, for superusers only."""

from django.contrib import admin
from django.http import HttpRequest

from security.models import SecurityEvent


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """Read-only list of security events with filters by kind and day; superusers only."""

    list_display = ["created_at", "kind", "username", "ip", "method", "path"]
    list_filter = ["kind", "created_at"]
    search_fields = ["username", "ip", "path"]
    date_hierarchy = "created_at"
    list_per_page = 100
    show_full_result_count = False
    readonly_fields = [
        "created_at",
        "kind",
        "user",
        "username",
        "ip",
        "user_agent",
        "method",
        "path",
        "detail",
    ]
    fields = readonly_fields

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
