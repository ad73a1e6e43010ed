"""Admin pages for rounds and dossiers: for administrators who correct data; the work itself is
done on the app's pages, which record every change of state."""

from django.contrib import admin

from dossiers.models import Dossier, Round


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ("name", "year", "council", "opens_on", "closes_on", "late_policy")
    list_filter = ("year", "late_policy")
    search_fields = ("name",)
    filter_horizontal = ("titles", "forms")
    readonly_fields = ("public_token", "created_by")


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = ("unit", "round", "status", "version", "assignee", "submitted_at")
    list_filter = ("status", "round__year")
    search_fields = ("unit__name", "round__name")
    raw_id_fields = ("unit", "round", "assignee", "created_by")
    readonly_fields = ("status", "version", "submitted_at", "submitted_late")
