"""Admin for the audit trail: read-only."""

import json

from django.contrib import admin
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from common.models import AuditEntry, StateChange


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


def _shown(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, cls=DjangoJSONEncoder)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Rows written by imports and services: filtered by kind of record, action, user, source
    and date; nothing can be added, changed or deleted here."""

    list_display = ("created_at", "content_type", "object_id", "action", "actor", "source")
    list_filter = (
        "content_type",
        "action",
        ("actor", admin.RelatedOnlyFieldListFilter),
        "source",
        "created_at",
    )
    list_select_related = ("content_type", "actor")
    search_fields = ("=object_id", "reference")
    date_hierarchy = "created_at"
    fields = (
        "created_at",
        "content_type",
        "object_id",
        "action",
        "actor",
        "source",
        "reference",
        "changes_table",
    )
    readonly_fields = fields
    show_full_result_count = False

    @admin.display(description=_("changes"))
    def changes_table(self, entry: AuditEntry) -> str:
        """The entry's values as a table: field, before, after."""
        before = entry.changes.get("before") or {}
        after = entry.changes.get("after") or {}
        model = entry.content_type.model_class()
        order = {f.name: i for i, f in enumerate(model._meta.get_fields())} if model else {}
        names = sorted({*before, *after}, key=lambda name: (order.get(name, len(order)), name))
        if not names:
            return "—"
        rows = format_html_join(
            "",
            "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td></tr>",
            (
                (
                    name,
                    _shown(before[name]) if name in before else "—",
                    _shown(after[name]) if name in after else "—",
                )
                for name in names
            ),
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            _("field"),
            _("before"),
            _("after"),
            rows,
        )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
