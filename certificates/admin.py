"""Django admin for certificate templates: which award and authority each is for, its words,
and where each text goes on pre-printed blanks (``positions``, checked on save). Certificates
themselves are listed read-only: their tokens are made by the system, never typed."""

import json

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate, CertificateTemplate
from certificates.positions import positions_normalised


class PositionsWidget(forms.Textarea):
    """The positions as indented JSON, one field per block, easy to edit by hand."""

    def format_value(self, value):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return value
        return json.dumps(value, ensure_ascii=False, indent=2)


class PositionsField(forms.JSONField):
    """The positions' JSON, where a number too long for Python to read (over 4,300 digits) is
    "Enter a valid JSON." like any other mistake: Django catches only ``JSONDecodeError``, and
    the ``ValueError`` of such a number was a server error, on saving and on showing the form
    again."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValueError as error:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": value}
            ) from error

    def bound_data(self, data, initial):
        try:
            return super().bound_data(data, initial)
        except ValueError:
            return forms.fields.InvalidJSONInput(data)


class CertificateTemplateForm(forms.ModelForm):
    class Meta:
        model = CertificateTemplate
        fields = (
            "name",
            "active",
            "title",
            "form",
            "authority",
            "heading",
            "issuer_line",
            "verb",
            "signer_title",
            "positions",
        )
        widgets = {"positions": PositionsWidget(attrs={"rows": 30, "cols": 80})}
        field_classes = {"positions": PositionsField}

    def clean_positions(self):
        return positions_normalised(self.cleaned_data.get("positions"))


@admin.register(CertificateTemplate)
class CertificateTemplateAdmin(admin.ModelAdmin):
    form = CertificateTemplateForm
    list_display = ("name", "title", "form", "authority", "heading", "active")
    list_filter = ("active", "form")
    search_fields = ("name", "authority", "heading", "issuer_line")
    autocomplete_fields = ("title", "form")
    list_select_related = ("title", "form")
    fieldsets = (
        (None, {"fields": ("name", "active", ("title", "form"), "authority")}),
        (_("Words"), {"fields": ("heading", "issuer_line", "verb", "signer_title")}),
        (_("Printing onto pre-printed blanks"), {"fields": ("positions",)}),
    )


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("grant", "times_printed", "printed_at", "printed_by")
    list_select_related = ("grant__person", "grant__unit", "grant__household", "printed_by")
    readonly_fields = ("grant", "token", "created_at", "printed_at", "printed_by", "times_printed")
    search_fields = ("grant__person__full_name", "grant__unit__name", "grant__decision__number")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
